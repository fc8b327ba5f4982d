"""Forms only shape the input; every rule is checked in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.validators import validate_single_line

from .models import ConsentMethod, VoteChoice

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("A few sentences are enough. At most 3,000 characters."),
    )
    birth_year = forms.CharField(
        label=_("Year of birth (required)"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
        help_text=_(
            "Only the year. Used to check the age limit and whether we need a guardian's consent (under 16); "
            "only the programme office sees it."
        ),
    )
    photo = forms.FileField(
        label=_("Photo or photo collage"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text=_("JPEG, PNG, WebP or GIF."),
    )
    video = forms.FileField(
        label=_("Short video"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm,video/quicktime"}),
        help_text=_("MP4, WebM or MOV. Only the programme office can watch it."),
    )
    link = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=600,
        widget=forms.TextInput(attrs={"inputmode": "url"}),
        help_text=_("For example to a video or a website, starting with https://"),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline."),
    )


class ConsentForm(forms.Form):
    guardian_name = forms.CharField(
        label=_("Name of the parent or guardian"), required=False, max_length=300
    )
    given_on = forms.DateField(label=_("Consent given on"), widget=DATE_INPUT, required=False)
    method = forms.ChoiceField(
        label=_("How was consent given?"), choices=ConsentMethod.choices, required=False
    )


class CallForm(forms.Form):
    deadline = forms.DateTimeField(label=_("Deadline"), widget=DATETIME_INPUT)
    text = forms.CharField(
        label=_("Text of the call"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ThreadForm(forms.Form):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), required=False)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DocumentForm(forms.Form):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, image, office document or text file, at most 20 MB."),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), required=False)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME_INPUT, required=False)
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class RecommendationForm(forms.Form):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), required=False)
    body = forms.CharField(
        label=_("Text of the recommendation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    ideas = forms.ModelMultipleChoiceField(
        label=_("Linked ideas"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, ideas_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = ideas_queryset


class OpenVoteForm(forms.Form):
    closes_at = forms.DateTimeField(label=_("Vote closes at"), widget=DATETIME_INPUT)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class VisibilityForm(forms.Form):
    show_publicly = forms.BooleanField(
        label=_("Show my name on the public board page"), required=False
    )


class AnswerForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=None)
    body = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
