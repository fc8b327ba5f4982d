from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "aufbruch.committees"
    label = "committees"
    verbose_name = _("Committees")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel

        from . import demo, panels
        from .models import CommitteeMeeting

        register_seeder("committees", 42, demo.seed)

        register_panel(
            IdeaPanel(
                key="committee",
                template="committees/idea_panel.html",
                context=panels.committee_context,
                order=1,
            )
        )
        register_idea_page_source(CommitteeMeeting, panels.ideas_showing)
