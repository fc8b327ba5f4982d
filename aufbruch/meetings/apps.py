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
        from aufbruch.core.evidence import EvidenceSource, register_evidence_source
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.operations.periodic import register_periodic_job
        from aufbruch.operations.retention import register_retention_rule

        from . import registrations, retention
        from .demo import seed_meetings
        from .models import Meeting
        from .panels import idea_origin_context, ideas_showing
        from .selectors import meeting_evidence

        register_panel(
            IdeaPanel(
                key="meeting_origin",
                template="meetings/panel_idea_origin.html",
                context=idea_origin_context,
                order=40,
            )
        )
        register_idea_page_source(Meeting, ideas_showing)
        register_evidence_source(
            EvidenceSource(
                kind="meeting",
                model=Meeting,
                describe=meeting_evidence,
                is_public=lambda meeting: meeting.is_published,
            )
        )
        register_exporter("event_registrations", registrations.export_registrations)
        register_anonymiser(registrations.anonymise_registrations)
        register_seeder("meetings", 60, seed_meetings)
        register_retention_rule(
            "unconfirmed_guest_registrations", retention.expire_unconfirmed_guest_registrations
        )
        register_retention_rule("live_client_ids", retention.expire_live_client_ids)

        from .tasks import send_event_reminders

        register_periodic_job("send_event_reminders", send_event_reminders.call, order=30)
