from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "aufbruch.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from aufbruch.accounts.services import register_anonymiser, register_exporter

        from . import rules  # noqa: F401  (registers the permissions)
        from .selectors import export_notifications
        from .services import notifications_forget

        register_exporter("notifications", export_notifications)
        register_anonymiser(notifications_forget)
