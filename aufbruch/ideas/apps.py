from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "aufbruch.ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.urls import reverse
        from django.utils.http import urlencode

        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import idea_search_hits

        register_search_type(
            SearchType(
                key="ideas",
                label=lambda: _("Ideas"),
                order=10,
                search=idea_search_hits,
                more_url=lambda q: reverse("ideas:list") + "?" + urlencode({"q": q}),
            )
        )

        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.audit.services import (
            register_change_handler,
            register_page_effect_handler,
        )
        from aufbruch.core.demo import register_seeder
        from aufbruch.core.evidence import EvidenceSource, register_evidence_source
        from aufbruch.moderation.registry import register_reportable

        from . import checks  # noqa: F401  (registers the system checks)
        from .demo import seed_ideas
        from .models import Idea
        from .page_cache import (
            idea_itself,
            ideas_of_author,
            register_idea_page_source,
            renew_pages_for,
            retire_live_lists,
        )
        from .selectors import idea_evidence
        from .services import anonymise_user_ideas, export_user_ideas

        register_exporter("ideas", export_user_ideas)
        register_anonymiser(anonymise_user_ideas)
        register_seeder("ideas", 20, seed_ideas)
        register_page_effect_handler(renew_pages_for)
        register_change_handler(retire_live_lists)
        register_idea_page_source(Idea, idea_itself)
        register_idea_page_source(get_user_model(), ideas_of_author)
        register_evidence_source(EvidenceSource(kind="idea", model=Idea, describe=idea_evidence))
        register_reportable("idea", Idea, _("idea"))
