from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aufbruch.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder

        from . import demo

        register_seeder("accounts", 11, demo.seed)


class AufbruchAdminConfig(admin_apps.AdminConfig):
    """The Django admin with allauth login, MFA and audited writes."""

    default = False
    default_site = "aufbruch.accounts.admin_site.AufbruchAdminSite"
