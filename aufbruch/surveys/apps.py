from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "aufbruch.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import survey_search

        register_search_type(
            SearchType(
                key="surveys",
                label=lambda: _("Surveys"),
                order=30,
                search=survey_search,
            )
        )
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder

        from . import demo, services

        register_exporter("survey_responses", services.export_responses)
        register_anonymiser(services.anonymise_responses)
        register_seeder("surveys", 70, demo.seed)
