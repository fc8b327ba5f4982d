from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "aufbruch.opendata"
    label = "opendata"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.management import call_command

        from aufbruch.operations.periodic import register_periodic_job

        # Both commands decide themselves whether there is anything to do
        # (archive age, OPARL_ENDPOINT set).
        register_periodic_job(
            "export_open_data", lambda: call_command("export_open_data"), order=80
        )
        register_periodic_job("import_oparl", lambda: call_command("import_oparl"), order=85)
