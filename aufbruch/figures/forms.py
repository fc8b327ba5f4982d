from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import StaffForm
from aufbruch.organisation.models import District

from .models import AgeBand
from .population import MAX_RESIDENTS


class PopulationImportForm(StaffForm):
    file = forms.FileField(
        label=_("CSV file of the statistics office"),
        help_text=_(
            "Columns Merkmal;Gruppe;Einwohner, e.g. “Alter;18-29;14000” or “Stadtteil;Avenwedde;9800”."
        ),
    )


class PopulationForm(StaffForm):
    """One field per age band and district; empty means unknown."""

    def __init__(self, *args, initial_figures=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_figures = initial_figures or {}
        for band in AgeBand:
            self.fields[f"age_{band.value}"] = forms.IntegerField(
                label=_("Residents aged %(band)s") % {"band": band.label},
                required=False,
                min_value=0,
                max_value=MAX_RESIDENTS,
                initial=initial_figures.get(("age", band.value)),
            )
        for district in District.objects.order_by("name"):
            self.fields[f"district_{district.pk}"] = forms.IntegerField(
                label=_("Residents of %(district)s") % {"district": district.name},
                required=False,
                min_value=0,
                max_value=MAX_RESIDENTS,
                initial=initial_figures.get(("district", district.pk)),
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "kern-form-input__input")
            field.widget.attrs.setdefault("inputmode", "numeric")

    def figures(self) -> tuple[dict[str, int | None], dict[int, int | None]]:
        age = {key[4:]: value for key, value in self.cleaned_data.items() if key.startswith("age_")}
        district = {
            int(key[9:]): value
            for key, value in self.cleaned_data.items()
            if key.startswith("district_")
        }
        return age, district


class PeriodForm(StaffForm):
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
