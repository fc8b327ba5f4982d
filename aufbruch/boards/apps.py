from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "aufbruch.boards"
    label = "boards"
    verbose_name = _("Boards")

    def ready(self) -> None:
        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import recommendation_search

        register_search_type(
            SearchType(
                key="recommendations",
                label=lambda: _("Recommendations of the boards"),
                order=50,
                search=recommendation_search,
            )
        )
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.operations.periodic import register_periodic_job

        from . import demo, panels, privacy
        from .models import Recommendation

        register_panel(
            IdeaPanel(
                key="board_statements",
                template="boards/panel_statements.html",
                context=panels.statements,
                order=30,
            )
        )
        register_panel(
            IdeaPanel(
                key="u30_view", template="boards/panel_u30.html", context=panels.u30_view, order=35
            )
        )
        register_idea_page_source(Recommendation, panels.ideas_showing)
        register_exporter("boards", privacy.export_user_boards)
        register_anonymiser(privacy.anonymise_user_boards)
        register_seeder("boards", 50, demo.seed_boards)

        from .voting import close_due_votes

        register_periodic_job("close_due_votes", close_due_votes, order=20)
