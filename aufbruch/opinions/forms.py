from django import forms
from django.utils.translation import gettext_lazy as _

from .models import STATEMENT_MAX_LENGTH, StatementState, VoteValue
from .services import QUESTION_MAX_LENGTH


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX_LENGTH,
        help_text=_(
            "One short, clear statement others can agree or disagree with (at most 280 characters). It appears after moderation."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "class": "kern-form-input__input"}),
        error_messages={
            "required": _("Please enter a statement."),
            "max_length": _(
                "Please shorten the text to at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )


class VoteForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(
        choices=[(str(v), label) for v, label in VoteValue.choices],
        coerce=int,
        error_messages={
            "invalid_choice": _("Please choose agree, disagree or pass."),
            "required": _("Please choose agree, disagree or pass."),
        },
    )


class ModerationForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[(StatementState.ACCEPTED, _("Accept")), (StatementState.REJECTED, _("Reject"))]
    )


class OpinionMapForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "kern-form-input__input"}),
    )
    statements = forms.CharField(
        label=_("Starting statements"),
        required=False,
        max_length=20_000,
        help_text=_("One statement per line. They are published at once."),
        widget=forms.Textarea(attrs={"rows": 6, "class": "kern-form-input__input"}),
    )

    def statement_lines(self) -> tuple[str, ...]:
        return tuple(
            line.strip()
            for line in self.cleaned_data.get("statements", "").splitlines()
            if line.strip()
        )
