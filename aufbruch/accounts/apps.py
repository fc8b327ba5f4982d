from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aufbruch.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from .mfa import on_authenticator_added

        # allauth's own hook, not a domain side effect: a freshly activated
        # TOTP counts as this session's second factor.
        authenticator_added.connect(on_authenticator_added, dispatch_uid="aufbruch_mfa_added")


class AufbruchAdminConfig(admin_apps.AdminConfig):
    """The Django admin with allauth login, MFA and audited writes."""

    default = False
    default_site = "aufbruch.accounts.admin_site.AufbruchAdminSite"
