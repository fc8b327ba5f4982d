from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssumptionsConfig(AppConfig):
    name = "aufbruch.assumptions"
    label = "assumptions"
    verbose_name = _("Assumptions and findings")

    def ready(self) -> None:
        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import assumption_search

        register_search_type(
            SearchType(
                key="assumptions",
                label=lambda: _("Assumptions of the city"),
                order=60,
                search=assumption_search,
            )
        )
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.operations.periodic import register_periodic_job

        from . import demo, panels
        from .models import Assumption

        register_seeder("assumptions", 90, demo.seed)
        register_panel(
            IdeaPanel(
                key="assumptions",
                template="assumptions/idea_panel.html",
                context=panels.idea_assumptions,
                order=80,
                placement="aside",
            )
        )
        register_idea_page_source(Assumption, panels.ideas_showing)

        from .services import assumptions_remind_due

        register_periodic_job("remind_assumption_reviews", assumptions_remind_due, order=40)
