from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "aufbruch.opinions"
    label = "opinions"
    verbose_name = _("Opinion maps")

    def ready(self) -> None:
        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import opinion_map_search

        register_search_type(
            SearchType(
                key="opinion_maps",
                label=lambda: _("Opinion maps"),
                order=40,
                search=opinion_map_search,
            )
        )
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.core.evidence import EvidenceSource, register_evidence_source

        from . import demo, privacy
        from .models import Statement
        from .selectors import statement_evidence, statement_is_public

        register_seeder("opinions", 80, demo.seed)
        register_exporter("opinion_maps", privacy.export_user_data)
        register_anonymiser(privacy.anonymise_user)
        register_evidence_source(
            EvidenceSource(
                kind="statement",
                model=Statement,
                describe=statement_evidence,
                is_public=statement_is_public,
                select_related=("opinion_map",),
            )
        )
