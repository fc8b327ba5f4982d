from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aufbruch.core.validators import validate_single_line
from aufbruch.organisation.models import District, Topic

from .live import MAX_LIVE_TEXT
from .models import ContributionKind, Meeting, Session


class KernMixin:
    """KERN UX classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css = "kern-form-check__radio"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs.setdefault("class", css)


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(KernMixin, forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "latitude",
            "longitude",
            "online_url",
            "accessibility_info",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "topics",
            "is_published",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_opens_at": DATETIME,
            "registration_closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility_info": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists and links."),
            "accessibility_info": _(
                "Step-free access, toilets, induction loop, sign language, quiet room …"
            ),
            "latitude": _("For the map, e.g. 51.9069."),
        }

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        validate_single_line(title)
        return title


class TrackForm(KernMixin, forms.Form):
    name = forms.CharField(label=_("Name of the track"), max_length=100)


class SessionForm(KernMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "track",
            "starts_at",
            "ends_at",
            "room",
            "speakers",
            "description",
            "live_open",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = meeting.tracks.all()


class RegistrationForm(KernMixin, forms.Form):
    access_needs = forms.CharField(
        label=_("Access needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example sign language, step-free seat, induction loop. Only the organising team sees this."
        ),
    )


class GuestRegistrationForm(RegistrationForm):
    guest_name = forms.CharField(label=_("Your name"), max_length=100)
    guest_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm the registration."),
    )

    field_order = ["guest_name", "guest_email", "access_needs"]


class CheckInForm(KernMixin, forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class LivePostForm(KernMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to post?"),
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
        initial=ContributionKind.QUESTION,
    )
    text = forms.CharField(
        label=_("Your question or idea"),
        max_length=MAX_LIVE_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 280 characters. It appears after a moderator approves it."),
    )


class ResultsForm(KernMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PhotoForm(KernMixin, forms.Form):
    image = forms.ImageField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    alt_text = forms.CharField(label=_("Description of the photo"), max_length=200)


class PaperCardForm(KernMixin, forms.Form):
    title = forms.CharField(validators=[validate_single_line], label=_("Title"), max_length=140)
    body = forms.CharField(
        label=_("Text of the card"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    topic = forms.ModelChoiceField(
        label=_("Field of action"), queryset=Topic.objects.filter(is_active=True)
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )


class LiveIdeaForm(KernMixin, forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Field of action"), queryset=Topic.objects.filter(is_active=True)
    )
