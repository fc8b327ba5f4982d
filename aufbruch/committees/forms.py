from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.guides.forms import StaffForm


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
