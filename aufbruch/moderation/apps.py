from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "aufbruch.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from aufbruch.accounts.services import register_exporter
        from aufbruch.core.demo import register_seeder

        from . import rules  # noqa: F401  (registers the permissions)
        from .demo import seed_moderation
        from .selectors import export_reports

        register_exporter("reports", export_reports)
        register_seeder("moderation", 45, seed_moderation)
