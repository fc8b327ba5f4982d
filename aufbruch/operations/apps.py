from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "aufbruch.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from .periodic import register_periodic_job
        from .retention import apply_retention

        register_periodic_job("retention", apply_retention, order=90)
