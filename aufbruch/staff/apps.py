from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "aufbruch.staff"
    verbose_name = _("Staff")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from .mfa import on_authenticator_added

        # allauth's own hook, not a domain side effect: a freshly activated
        # TOTP counts as this session's second factor.
        authenticator_added.connect(on_authenticator_added, dispatch_uid="aufbruch_mfa_added")
