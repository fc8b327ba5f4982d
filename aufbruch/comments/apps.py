from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "aufbruch.comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from aufbruch.accounts.services import register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.ideas.page_cache import register_idea_page_source
        from aufbruch.ideas.panels import IdeaPanel, register_panel
        from aufbruch.moderation.registry import register_reportable

        from . import rules  # noqa: F401  (registers the permissions)
        from .demo import seed_comments
        from .models import Comment
        from .selectors import export_comments
        from .services import (
            comment_lock,
            comment_recount,
            ideas_commented_by,
            ideas_showing_comment,
        )
        from .views import page_participants, panel_context, personalise_page, thread_variant

        register_panel(
            IdeaPanel(
                key="comments",
                template="comments/panel.html",
                context=panel_context,
                order=60,
                placement="main",
                per_person=True,  # the forms, own comments, helpful marks
                variant=thread_variant,
                personalise=personalise_page,
                page_data=page_participants,
            )
        )
        register_reportable(
            "comment",
            Comment,
            _("comment"),
            public_queryset=lambda: Comment.objects.filter(
                is_deleted=False, is_hidden=False, idea__is_hidden=False
            ),
            after_moderation=lambda comment: comment_recount(idea_id=comment.idea_id),
            lock=comment_lock,
        )
        register_exporter("comments", export_comments)
        register_idea_page_source(Comment, ideas_showing_comment)
        register_idea_page_source(get_user_model(), ideas_commented_by)
        register_seeder("comments", 30, seed_comments)
