from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "aufbruch.guides"
    label = "guides"
    verbose_name = _("Digital guides")

    def ready(self) -> None:
        from aufbruch.accounts.services import register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.ideas.services import register_response_days_source
        from aufbruch.operations.periodic import register_periodic_job

        from .demo import seed_guides
        from .panels import timeline_context
        from .selectors import guide_settings
        from .services import export_staff_work

        register_panel(
            IdeaPanel(
                key="timeline",
                template="guides/panel_timeline.html",
                context=timeline_context,
                order=20,
            )
        )
        register_seeder("guides", 40, seed_guides)
        # New ideas are due a first response after the office's setting.
        register_response_days_source(lambda: guide_settings().response_days)
        register_exporter("guides", export_staff_work)

        from .reminders import send_guide_reminders

        register_periodic_job("send_guide_reminders", send_guide_reminders, order=10)
