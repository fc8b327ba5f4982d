from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import KernForm
from aufbruch.core.validators import validate_single_line

from .models import Option, QuestionKind, ResultsVisibility, Section, Survey
from .services import MAX_TOKENS_PER_BATCH


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(KernForm):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), max_length=140)
    description = forms.CharField(
        label=_("Description"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DateTimeLocalInput())
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeLocalInput())
    results_visibility = forms.ChoiceField(label=_("Results"), choices=ResultsVisibility.choices)


class SectionForm(KernForm):
    title = forms.CharField(
        validators=[validate_single_line], label=_("Title of the section"), max_length=140
    )


class QuestionForm(KernForm):
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Hint"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Answer required"), required=False)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=6_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line. For a rating scale: five labels, or leave empty for the standard labels."
        ),
    )
    min_value = forms.IntegerField(
        label=_("Smallest number"), required=False, min_value=-(10**9), max_value=10**9
    )
    max_value = forms.IntegerField(
        label=_("Largest number"), required=False, min_value=-(10**9), max_value=10**9
    )
    condition_option = forms.ModelChoiceField(
        label=_("Show only if an earlier question was answered with"),
        queryset=Option.objects.none(),
        required=False,
        empty_label=_("always show"),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        self.fields["condition_option"].queryset = Option.objects.filter(
            question__survey=survey, question__kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE]
        ).select_related("question")
        self.fields["condition_option"].label_from_instance = lambda o: (
            f"{o.question.text}: {o.label}"
        )

    def option_lines(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("options", "").splitlines()
            if line.strip()
        ]


class TokenForm(KernForm):
    count = forms.IntegerField(
        label=_("Number of access codes"), min_value=1, max_value=MAX_TOKENS_PER_BATCH, initial=50
    )


class HideAnswerForm(KernForm):
    reason = forms.CharField(label=_("Reason"), max_length=300)
