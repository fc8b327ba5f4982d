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
        from aufbruch.core.evidence import EvidenceSource, register_evidence_source

        from . import demo, services
        from .models import Question
        from .selectors import question_evidence

        register_exporter("survey_responses", services.export_responses)
        register_anonymiser(services.anonymise_responses)
        register_seeder("surveys", 70, demo.seed)
        register_evidence_source(
            EvidenceSource(
                kind="survey_question",
                model=Question,
                describe=question_evidence,
                is_public=lambda question: question.survey.is_published,
                select_related=("survey",),
            )
        )
