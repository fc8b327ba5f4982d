from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "aufbruch.meetings"
    label = "meetings"
    verbose_name = _("Events")

    def ready(self) -> None:
        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import meeting_search

        register_search_type(
            SearchType(
                key="events",
                label=lambda: _("Events"),
                order=20,
                search=meeting_search,
            )
        )
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.operations.periodic import register_periodic_job

        from . import services
        from .demo import seed_meetings
        from .panels import idea_origin_context

        register_panel(
            IdeaPanel(
                key="meeting_origin",
                template="meetings/panel_idea_origin.html",
                context=idea_origin_context,
                order=40,
            )
        )
        register_exporter("event_registrations", services.export_registrations)
        register_anonymiser(services.anonymise_registrations)
        register_seeder("meetings", 60, seed_meetings)

        from .tasks import send_event_reminders

        register_periodic_job("send_event_reminders", send_event_reminders.call, order=30)
