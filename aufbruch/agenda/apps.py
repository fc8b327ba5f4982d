from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "aufbruch.agenda"
    label = "agenda"
    verbose_name = _("Digital Agenda")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.citations import register_citation_source
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.moderation.registry import register_reportable

        from . import rules  # noqa: F401  (registers the permissions)
        from .demo import seed_agenda
        from .models import AgendaComment, Amendment, Document, Paragraph
        from .selectors import (
            cited_by_source,
            export_user,
            idea_panel,
            ideas_citing_document,
            ideas_citing_paragraph,
        )
        from .services import (
            after_amendment_moderation,
            amendment_lock,
            anonymise_user,
            comment_lock,
            comment_recount,
        )

        register_reportable(
            "agenda_comment",
            AgendaComment,
            _("comment on the Digital Agenda"),
            public_queryset=lambda: AgendaComment.objects.filter(
                is_deleted=False, is_hidden=False
            ).exclude(paragraph__document__status="draft"),
            after_moderation=lambda comment: comment_recount(comment=comment),
            lock=comment_lock,
        )
        register_reportable(
            "agenda_amendment",
            Amendment,
            _("amendment to the Digital Agenda"),
            public_queryset=lambda: Amendment.objects.filter(is_hidden=False).exclude(
                paragraph__document__status="draft"
            ),
            after_moderation=after_amendment_moderation,
            lock=amendment_lock,
        )
        register_panel(
            IdeaPanel(key="agenda", template="agenda/idea_panel.html", context=idea_panel, order=85)
        )
        register_idea_page_source(Document, ideas_citing_document)
        register_idea_page_source(Paragraph, ideas_citing_paragraph)
        register_citation_source(cited_by_source)
        register_exporter("agenda", export_user)
        register_anonymiser(anonymise_user)
        register_seeder("agenda", 95, seed_agenda)
