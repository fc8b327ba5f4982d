from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import KernForm
from aufbruch.core.validators import validate_single_line
from aufbruch.organisation.models import Topic
from aufbruch.staff.models import StaffRole

from .models import Assumption, EvidenceKind, ReviewOutcome


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AssumptionForm(KernForm):
    wording = forms.CharField(
        label=_("Assumption"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One sentence in plain language, e.g. “Older people want to book appointments online.”"
        ),
    )
    explanation = forms.CharField(
        label=_("Why the city assumes this"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topic = forms.ModelChoiceField(
        label=_("Field of action"), queryset=Topic.objects.filter(is_active=True)
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        help_text=_("The member of staff who reviews the assumption."),
    )
    review_due_on = forms.DateField(label=_("Review on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff_ids = StaffRole.objects.values("user_id")
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(pk__in=staff_ids, is_active=True)
            .order_by("display_name", "email")
        )
        self.fields["owner"].label_from_instance = lambda u: u.public_name


class EvidenceForm(KernForm):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices)
    object_id = forms.IntegerField(
        label=_("Number of the entry"),
        required=False,
        min_value=1,
        help_text=_(
            "The number in the address of the question, statement, idea or event, e.g. 12 in /ideas/12/. Not needed for a document."
        ),
    )
    document = forms.FileField(
        label=_("PDF document"),
        required=False,
        help_text=_("Only for documents. Published with the assumption. At most 10 MB."),
    )
    title = forms.CharField(
        validators=[validate_single_line],
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional for linked entries."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReviewForm(KernForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    new_wording = forms.CharField(
        label=_("New wording"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the assumption is adjusted."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What did the city learn, and from what?"),
    )
    evidence = forms.MultipleChoiceField(
        label=_("Evidence it rests on"), required=False, widget=forms.CheckboxSelectMultiple
    )
    next_review_on = forms.DateField(
        label=_("Next review on"),
        required=False,
        widget=DateInput(),
        help_text=_("Not needed when the assumption is discarded."),
    )

    def __init__(self, *args, assumption: Assumption, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [(str(e.pk), e.title) for e in assumption.evidence.all()]
        self.fields["outcome"].widget.attrs["class"] = "kern-form-check__radio"
        self.fields["evidence"].widget.attrs["class"] = "kern-form-check__checkbox"
