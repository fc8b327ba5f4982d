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

        from . import demo, privacy

        register_seeder("opinions", 80, demo.seed)
        register_exporter("opinion_maps", privacy.export_user_data)
        register_anonymiser(privacy.anonymise_user)
