from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm


class MeetingForm(StaffForm):
    committee = forms.CharField(label=_("Committee"), max_length=150, initial="Hauptausschuss")
    date = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(
        label=_("Reference"), max_length=100, help_text=_("e.g. the number of the committee paper")
    )


class AgendaAddForm(StaffForm):
    idea = forms.IntegerField(label=_("Idea from the project pool"), widget=forms.Select)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idea"].widget.choices = [("", _("Choose an idea"))] + [
            (i.pk, f"#{i.pk} {i.title} ({i.support_count})") for i in candidates
        ]
        self.fields["idea"].widget.attrs["class"] = "kern-form-input__select"


class PositionForm(StaffForm):
    position = forms.CharField(
        label=_("Position of the administration"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please write the position of the administration.")},
    )
    proposed_resolution = forms.CharField(
        label=_("Proposed resolution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write the proposed resolution.")},
        help_text=_(
            "e.g. “The committee instructs the administration to examine the feasibility …”"
        ),
    )
    cost_estimate = forms.CharField(
        label=_("Estimated cost in euros"),
        required=False,
        max_length=30,
        help_text=_("Where known, e.g. 12.500,00"),
    )
    cost_note = forms.CharField(label=_("Note on the cost"), required=False, max_length=300)


class ReviewForm(StaffForm):
    review_note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the position for changes."),
    )
