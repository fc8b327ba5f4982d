from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"), max_length=50,
        help_text=_("Shown with your contributions. A pseudonym is fine."),
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my contributions are published under my display name."),
        required=True,
    )

    def save(self, request):
        from .services import user_after_signup

        user = super().save(request)
        user_after_signup(user=user, display_name=self.cleaned_data["display_name"])
        return user
