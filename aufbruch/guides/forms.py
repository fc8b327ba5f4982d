from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm
from aufbruch.core.validators import validate_single_line
from aufbruch.core.widgets import FastSelect
from aufbruch.ideas.models import IdeaSource, IdeaStatus
from aufbruch.ideas.workflow import EXPLANATION_MAX, REFERENCE_MAX, next_statuses
from aufbruch.organisation.models import Department, District, Topic
from aufbruch.staff.models import StaffRoleKind


class AssignForm(StaffForm):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        empty_label=_("Choose a department"),
    )
    assignee = forms.ModelChoiceField(
        label=_("Responsible guide"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Nobody yet"),
        help_text=_("Must be a guide of the chosen department."),
    )
    reason = forms.CharField(
        label=_("Reason for the reassignment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the idea was assigned before. Staff only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(staff_roles__role=StaffRoleKind.GUIDE)
            .distinct()
            .order_by("display_name", "pk")
        )
        self.fields["assignee"].label_from_instance = lambda u: f"{u.public_name} ({u.email})"


class StatusForm(StaffForm):
    to_status = forms.ChoiceField(label=_("New status"))
    explanation = forms.CharField(
        label=_("Public explanation"),
        max_length=EXPLANATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on the idea's timeline and sent to the author, supporters and followers. Declining always needs reasons."
        ),
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=REFERENCE_MAX,
        help_text=_("e.g. the committee paper"),
    )
    decided_at = forms.DateField(
        label=_("Date of decision"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s, IdeaStatus(s).label) for s in next_statuses(idea.status)
        ]


class NoteForm(StaffForm):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff can read internal notes."),
    )


class ResponseForm(StaffForm):
    text = forms.CharField(
        label=_("Official response"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Published on the idea page, signed with the department's name. Markdown is allowed."
        ),
    )


class SummaryForm(StaffForm):
    summary = forms.CharField(
        label=_("Kurz und einfach: summary in plain language"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "A few short sentences, one statement each, no technical terms. "
            "Shown first, before the full response."
        ),
    )


class MergeForm(StaffForm):
    into = forms.IntegerField(label=_("Number of the idea to merge into"), min_value=1)
    explanation = forms.CharField(
        label=_("Public explanation"),
        max_length=EXPLANATION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _ListedChoices(forms.models.ModelChoiceIterator):
    """Options read with one plain query when the select renders (Django's
    iterator opens a server-side cursor on PostgreSQL for each select)."""

    def _objects(self) -> list:
        if not hasattr(self, "_listed"):
            self._listed = list(self.queryset)
        return self._listed

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._objects():
            yield self.choice(obj)

    def __len__(self) -> int:  # list() asks first; Django's answer is a COUNT query
        return len(self._objects()) + (self.field.empty_label is not None)


class _FilterChoiceField(forms.ModelChoiceField):
    iterator = _ListedChoices
    widget = FastSelect


class InboxFilterForm(StaffForm):
    """The inbox's filters. The selects render in Python (core.widgets); their
    options are read only when the whole page renders (not for the htmx
    results), one plain query each."""

    SCOPES = [
        ("mine", _("My departments and my ideas")),
        ("new", _("New, awaiting first review")),
        ("overdue", _("Overdue")),
        ("flagged", _("Support threshold reached")),
        ("all", _("All ideas")),
    ]
    scope = forms.ChoiceField(label=_("Show"), required=False, choices=SCOPES, widget=FastSelect)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    topic = _FilterChoiceField(
        label=_("Field of action"),
        required=False,
        queryset=Topic.objects.all(),
        empty_label=_("All fields of action"),
    )
    district = _FilterChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.all(),
        empty_label=_("All districts"),
    )
    department = _FilterChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses"))] + list(IdeaStatus.choices)


class EnterIdeaForm(StaffForm):
    source = forms.ChoiceField(
        label=_("Where does the idea come from?"),
        choices=[c for c in IdeaSource.choices if c[0] != IdeaSource.ONLINE],
    )
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), max_length=140)
    body = forms.CharField(
        label=_("Description"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    topic = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("Choose a field of action"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.all(),
        empty_label=_("No district"),
    )
    resident_email = forms.EmailField(
        label=_("E-mail address of the resident's account"),
        required=False,
        help_text=_(
            "Only if the resident has an account; otherwise the idea is shown as an offline contribution."
        ),
    )


class RoleGrantForm(StaffForm):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_deleted=False),
        widget=forms.HiddenInput,
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRoleKind.choices)
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("No department"),
        help_text=_("Only for guides."),
    )


class UserSearchForm(StaffForm):
    q = forms.CharField(
        label=_("Search people by e-mail or display name"), required=False, max_length=200
    )


class SettingsForm(StaffForm):
    response_days = forms.IntegerField(
        label=_("Days for the first public response"), min_value=1, max_value=365
    )
    support_threshold = forms.IntegerField(
        label=_("Support threshold for a written response"), min_value=1, max_value=1_000_000
    )
    support_window_days = forms.IntegerField(
        label=_("Window for the support threshold (days)"), min_value=1, max_value=730
    )
