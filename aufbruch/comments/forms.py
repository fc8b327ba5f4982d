from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write a comment.")},
    )


class ConfirmForm(forms.Form):
    """A form without fields: the delete confirmation."""
