from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Comment


def comment_thread(*, idea_id: int) -> list[Comment]:
    """Top-level comments with their replies and authors: two queries, however long the thread."""
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return list(
        Comment.objects.filter(idea_id=idea_id, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def annotate_permissions(comments: list[Comment], user) -> list[Comment]:
    """Attach what ``user`` may do with each comment (no queries per comment)."""
    for comment in comments:
        for c in (comment, *comment.replies.all()):
            is_author = user.is_authenticated and c.author_id == user.pk
            c.can_edit = user.has_perm("comments.change_comment", c)
            c.can_delete = user.has_perm("comments.delete_comment", c)
            c.can_reply = c.parent_id is None and user.has_perm("comments.reply_to_comment", c)
            c.can_report = not is_author and not c.is_deleted and not c.is_hidden
            c.show_hidden_text = (
                c.is_hidden
                and not c.is_deleted
                and user.has_perm("comments.view_hidden_comment", c)
            )
    return comments


def comments_by(*, user) -> QuerySet[Comment]:
    return Comment.objects.filter(author=user).order_by("created_at")


def export_comments(user) -> list[dict]:
    """The user's comments for their data export (DSGVO Art. 15/20)."""
    return [
        {
            "id": c.pk,
            "idea": c.idea_id,
            "reply_to": c.parent_id,
            "text": c.body,
            "written_at": c.created_at.isoformat(),
            "edited_at": c.edited_at.isoformat() if c.edited_at else None,
            "deleted": c.is_deleted,
            "hidden_by_moderation": c.is_hidden,
            "hidden_reason": c.hidden_reason,
        }
        for c in comments_by(user=user)
    ]
