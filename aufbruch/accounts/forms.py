from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aufbruch.organisation.models import District

from .models import User
from .services import MIN_BIRTH_YEAR, validate_display_name


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        help_text=_("Shown with your contributions. A pseudonym is fine."),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my contributions are published under my display name."
        ),
        required=True,
    )

    def clean_display_name(self) -> str:
        return validate_display_name(self.cleaned_data["display_name"])

    def save(self, request):
        from .services import user_after_signup

        user = super().save(request)
        user_after_signup(user=user, display_name=self.cleaned_data["display_name"])
        return user


class ProfileForm(forms.Form):
    """The profile fields a user may change; the service validates again."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        help_text=_("Shown with your contributions. A pseudonym is fine."),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_(
            "Optional and never shown publicly. It lets you take part in the U30 board for people under 30, "
            "and, counted anonymously, shows the city which age groups are missing."
        ),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        required=False,
        queryset=None,
        empty_label=_("not specified"),
        help_text=_(
            "Optional and never shown publicly. Counted anonymously, it shows which parts of the city "
            "take part and where the city should reach out."
        ),
    )
    email_on_comments = forms.BooleanField(
        label=_("E-mail me about new comments on ideas I follow"), required=False
    )
    email_on_updates = forms.BooleanField(
        label=_("E-mail me about status changes and official responses"), required=False
    )
    email_on_events = forms.BooleanField(
        label=_("E-mail me about events and boards"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["birth_year"].widget.attrs.update(
            {
                "min": MIN_BIRTH_YEAR,
                "max": timezone.localdate().year,
                "inputmode": "numeric",
                "autocomplete": "bday-year",
            }
        )

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {name: getattr(user, name) for name in cls.base_fields if name != "district"} | {
            "district": user.district_id
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is really you, please enter your password."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password
