from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm, add_service_errors
from aufbruch.organisation.models import Department

from .models import Milestone, Project, ProjectUpdate, ProjectUpdateImage
from .services import MAX_IMAGES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY_HINT = _("In euros, e.g. 12500.00. Optional; shown publicly.")


class ProjectCreateForm(StaffForm):
    title = forms.CharField(
        label=_("Title"), max_length=Project._meta.get_field("title").max_length
    )
    goal = forms.CharField(
        label=_("Goal"),
        max_length=Project._meta.get_field("goal").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should the project achieve? Markdown is allowed."),
    )
    department = forms.ModelChoiceField(
        label=_("Owner department"),
        queryset=Department.objects.none(),
        empty_label=_("Choose a department"),
    )
    ideas = forms.TypedMultipleChoiceField(
        label=_("Decided ideas"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One idea, or several that the project carries together."),
    )
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DATE)
    budget_planned = forms.CharField(
        label=_("Budget planned"), required=False, max_length=20, help_text=MONEY_HINT
    )

    def __init__(self, *args, user=None, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [
            d.pk
            for d in Department.objects.order_by("name")
            if user is not None
            and user.has_perm("projects.manage_project", SimpleNamespace(department_id=d.pk))
        ]
        self.fields["department"].queryset = Department.objects.filter(pk__in=allowed).order_by(
            "name"
        )
        self.fields["department"].widget.attrs["class"] = "kern-form-input__select"
        self.fields["ideas"].choices = [
            (i.pk, f"#{i.pk} {i.title} ({i.get_status_display()})") for i in candidates
        ]
        self.fields["ideas"].widget.attrs["class"] = "kern-form-check__checkbox"


class ProjectEditForm(StaffForm):
    title = forms.CharField(
        label=_("Title"), max_length=Project._meta.get_field("title").max_length
    )
    goal = forms.CharField(
        label=_("Goal"),
        max_length=Project._meta.get_field("goal").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DATE)
    budget_planned = forms.CharField(
        label=_("Budget planned"), required=False, max_length=20, help_text=MONEY_HINT
    )
    budget_spent = forms.CharField(
        label=_("Budget spent"), required=False, max_length=20, help_text=MONEY_HINT
    )


class MilestoneForm(StaffForm):
    title = forms.CharField(
        label=_("Milestone"), max_length=Milestone._meta.get_field("title").max_length
    )
    due_on = forms.DateField(label=_("Planned for"), widget=DATE)


class MilestoneDoneForm(StaffForm):
    done_on = forms.DateField(label=_("Reached on"), widget=DATE)


class UpdateForm(StaffForm):
    title = forms.CharField(
        label=_("Title"), max_length=ProjectUpdate._meta.get_field("title").max_length
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=ProjectUpdate._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published at once with today's date. Markdown is allowed."),
    )
    progress = forms.IntegerField(
        label=_("New progress (%)"), required=False, min_value=0, max_value=100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_IMAGES + 1):
            self.fields[f"image_{i}"] = forms.FileField(
                label=_("Image %(n)s") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={
                        "accept": "image/jpeg,image/png,image/webp,image/gif",
                        "class": "kern-form-input__input",
                    }
                ),
                help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB.") if i == 1 else "",
            )
            self.fields[f"alt_text_{i}"] = forms.CharField(
                label=_("Description of image %(n)s") % {"n": i},
                required=False,
                max_length=ProjectUpdateImage._meta.get_field("alt_text").max_length,
                widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
            )

    def image_pairs(self) -> list[tuple]:
        """(upload, alt text) for every filled image field; an alt text without
        an image is kept out (nothing to describe)."""
        self._numbers = []
        pairs = []
        for i in range(1, MAX_IMAGES + 1):
            upload = self.cleaned_data.get(f"image_{i}")
            if upload:
                self._numbers.append(i)
                pairs.append((upload, self.cleaned_data.get(f"alt_text_{i}", "")))
        return pairs

    def add_service_error(self, exc) -> None:
        """The service numbers the uploaded images (1..n), which may skip
        empty fields: map its keys back to the form's fields."""
        numbers = getattr(self, "_numbers", [])

        def field_for(key: str) -> str:
            name, _sep, n = key.rpartition("_")
            if name in ("image", "alt_text") and n.isdigit() and 0 < int(n) <= len(numbers):
                return f"{name}_{numbers[int(n) - 1]}"
            return key

        add_service_errors(self, exc, field_for=field_for)


class CompleteForm(StaffForm):
    explanation = forms.CharField(
        label=_("Public explanation"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on the timeline of every idea of the project, which become “implemented”."
        ),
    )
