from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssumptionsConfig(AppConfig):
    name = "aufbruch.assumptions"
    label = "assumptions"
    verbose_name = _("Assumptions and findings")

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder

        from . import demo

        register_seeder("assumptions", 90, demo.seed)
