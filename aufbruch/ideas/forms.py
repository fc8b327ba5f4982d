from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aufbruch.core.forms import add_service_errors
from aufbruch.core.validators import validate_single_line
from aufbruch.core.widgets import FastSelect
from aufbruch.organisation.models import District, Topic

from .models import IdeaStatus
from .selectors import DEFAULT_SORT
from .services import ALT_MAX, BODY_MAX, MAX_IMAGES, TITLE_MAX

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("new", _("Newest")),
    ("supported", _("Most supported")),
    ("discussed", _("Most discussed")),
    ("trending", _("Trending")),
]


class ServiceErrorsMixin:
    """Show a service's ValidationError at the fields it names."""

    def add_service_error(self, exc: ValidationError) -> None:
        """Show the service's errors at the fields they name."""
        add_service_errors(self, exc, field_for=self._field_for)

    def _field_for(self, key: str) -> str:
        return key


class IdeaFilterForm(forms.Form):
    """The list's filters, all in the query string. Invalid values are ignored
    (a stale bookmark still shows ideas) and reported at their field."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Field of action"), required=False, widget=FastSelect)
    district = forms.ChoiceField(label=_("District"), required=False, widget=FastSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORT_CHOICES, widget=FastSelect
    )

    def __init__(self, data, *, topics: list[Topic], districts: list[District]):
        super().__init__(data)
        self._topics = {t.slug: t for t in topics}
        self._districts = {d.slug: d for d in districts}
        self.fields["topic"].choices = [("", _("All fields of action"))] + [
            (t.slug, t.name) for t in topics
        ]
        self.fields["district"].choices = [("", _("All districts"))] + [
            (d.slug, d.name) for d in districts
        ]
        self.fields["status"].choices = [("", _("All statuses"))] + list(IdeaStatus.choices)

    def filters(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        query = (data.get("q") or "").strip()
        return {
            "topic": self._topics.get(data.get("topic") or ""),
            "district": self._districts.get(data.get("district") or ""),
            "status": data.get("status") or "",
            "query": query,
            # A search shows the best matches first unless another order is chosen.
            "sort": data.get("sort") or ("relevance" if query else DEFAULT_SORT),
        }

    @property
    def is_filtered(self) -> bool:
        f = self.filters()
        return bool(f["topic"] or f["district"] or f["status"] or f["query"])


class IdeaForm(ServiceErrorsMixin, forms.Form):
    """Title, text, field of action, district and map point. The service
    validates again; its errors are shown at the same fields."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("A short, clear title."),
        validators=[validate_single_line],
    )
    body = forms.CharField(
        label=_("Your idea"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe what should change and why. You can use simple Markdown: **bold**, *italic*, lists with “- ” and links [text](https://…)."
        ),
    )
    topic = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("Please choose"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Whole city / none"),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        max_digits=9,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        help_text=_(
            "Optional: a place for your idea, e.g. 51.906900. Choose it on the map or type it in."
        ),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        max_digits=9,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        help_text=_("e.g. 8.378500"),
    )


class IdeaSubmitForm(IdeaForm):
    """The submit form adds up to three images, each with a description."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # While the title is typed, similar ideas load into #ideas-similar
        # (ideas/_similar.html); without JavaScript they come as a step after
        # the first submit (views._similar_step).
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("ideas:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#ideas-similar",
                "hx-sync": "this:replace",
                "autocomplete": "off",
            }
        )
        for i in range(1, MAX_IMAGES + 1):
            self.fields[f"image_{i}"] = forms.FileField(
                label=_("Image %(n)s") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
                ),
                help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB.") if i == 1 else "",
            )
            self.fields[f"alt_text_{i}"] = forms.CharField(
                label=_("Description of image %(n)s") % {"n": i},
                required=False,
                max_length=ALT_MAX,
                help_text=_("What does the image show? Read out to people who cannot see it.")
                if i == 1
                else "",
            )

    def image_pairs(self) -> list[tuple]:
        """(upload, alt text) for each filled image field, in field order."""
        self._image_numbers = []
        pairs = []
        for i in range(1, MAX_IMAGES + 1):
            upload = self.cleaned_data.get(f"image_{i}")
            if upload:
                self._image_numbers.append(i)
                pairs.append((upload, self.cleaned_data.get(f"alt_text_{i}", "")))
        return pairs

    def _field_for(self, key: str) -> str:
        """The service's image_N / alt_text_N count the uploaded images, which
        may skip empty fields: map them back to the form's field."""
        numbers = getattr(self, "_image_numbers", [])
        name, _sep, n = key.rpartition("_")
        if name in ("image", "alt_text") and n.isdigit() and 0 < int(n) <= len(numbers):
            return f"{name}_{numbers[int(n) - 1]}"
        return key

    def hidden_values(self):
        """The typed fields (not the files), to carry them through the
        similar-ideas step as hidden inputs."""
        return [f for f in self if not f.name.startswith(("image_", "alt_text_"))]

    def image_fields(self):
        return [(self[f"image_{i}"], self[f"alt_text_{i}"]) for i in range(1, MAX_IMAGES + 1)]


class IdeaImageForm(ServiceErrorsMixin, forms.Form):
    image_1 = forms.FileField(
        label=_("Image"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB."),
    )
    alt_text_1 = forms.CharField(
        label=_("Description of the image"),
        max_length=ALT_MAX,
        help_text=_("What does the image show? Read out to people who cannot see it."),
    )
