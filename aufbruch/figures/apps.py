from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "aufbruch.figures"
    label = "figures"
    verbose_name = _("Public figures and reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder

        from . import demo, rules  # noqa: F401

        register_seeder("figures", 95, demo.seed)
