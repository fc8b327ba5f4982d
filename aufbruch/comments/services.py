"""State changes of comments: write, reply, edit, delete (tombstone), recount.

Threads are one level deep: a reply's parent is always a top-level comment
of the same idea. Nothing here removes a row; deleting clears the text and
leaves a tombstone so that replies and the audit trail stay intact.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.core.text import markdown_to_text, render_markdown
from aufbruch.ideas.models import Follow, Idea
from aufbruch.ideas.services import idea_comment_added, idea_comment_count_set
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import Comment, HelpfulMark

MAX_LENGTH = 5_000
DOUBLE_SUBMIT_SECONDS = 120


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write a comment.")})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("A comment can have at most %(max)d characters (it has %(count)d).")
                % {"max": MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def edit_deadline(comment: Comment):
    return comment.created_at + timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)


@transaction.atomic
def comment_create(*, idea: Idea, author, body: str, parent: Comment | None = None) -> Comment:
    require(author, "comments.add_comment", idea)
    if idea.is_hidden:
        raise ValidationError(
            _("This idea has been hidden by the moderation and cannot be commented on.")
        )
    body = _clean_body(body)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError(
                {"parent": _("You can only reply to a comment on the same idea.")}
            )
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Replies cannot be answered; please reply to the comment above.")}
            )
    # Lock the idea: comments on one idea are written one after the other,
    # which keeps the counter exact and catches a double submit.
    _lock_idea(idea.pk)
    if parent is not None:
        # Read again under the lock: deleting and hiding take it too (the
        # caller's object stays as it was).
        parent = Comment.objects.select_related("author").get(pk=parent.pk)
        if parent.is_deleted or parent.is_hidden:
            raise ValidationError({"parent": _("This comment cannot be answered any more.")})
    recent = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    if Comment.objects.filter(
        idea=idea, author=author, parent=parent, body=body, created_at__gte=recent
    ).exists():
        raise ValidationError({"body": _("You have just published this comment.")})
    comment = Comment.objects.create(
        idea=idea, parent=parent, author=author, body=body, body_html=render_markdown(body)
    )
    idea_comment_added(idea_id=idea.pk)
    audit_log(
        action=AuditAction.COMMENT_CREATE,
        actor=author,
        target=comment,
        details={"idea": idea.pk, "parent": parent.pk if parent else None},
    )
    _notify_about(comment=comment, idea=idea, parent=parent)
    return comment


def _notify_about(*, comment: Comment, idea: Idea, parent: Comment | None) -> None:
    event_key = f"comment:{comment.pk}"
    url = f"{idea.get_absolute_url()}#comment-{comment.pk}"
    excerpt = markdown_to_text(comment.body, max_chars=300)
    name = comment.author.public_name
    with override(settings.LANGUAGE_CODE):
        if parent is not None:
            # The reply notice comes first; the unique event key then keeps
            # the parent's author from also getting the general one.
            notify(
                recipients=[parent.author],
                kind=NotificationKind.REPLY,
                event_key=event_key,
                exclude=comment.author,
                url=url,
                title=_("%(name)s replied to your comment on “%(idea)s”")
                % {"name": name, "idea": idea.title},
                body=excerpt,
            )
        followers = [f.user for f in Follow.objects.filter(idea=idea).select_related("user")]
        notify(
            recipients=[idea.author, *followers],
            kind=NotificationKind.COMMENT,
            event_key=event_key,
            exclude=comment.author,
            url=url,
            title=_("New comment by %(name)s on “%(idea)s”") % {"name": name, "idea": idea.title},
            body=excerpt,
        )


def _lock_idea(idea_id: int) -> None:
    """Serialise comment writes per idea. Always idea first, then the comment;
    NO KEY locks do not block replies' foreign-key checks."""
    Idea.objects.select_for_update(no_key=True).filter(pk=idea_id).values_list(
        "pk", flat=True
    ).first()


def comment_lock(comment: Comment) -> Comment:
    _lock_idea(comment.idea_id)
    return Comment.objects.select_for_update(no_key=True).select_related("idea").get(pk=comment.pk)


@transaction.atomic
def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    comment = comment_lock(comment)
    require(actor, "comments.edit_own_comment", comment)
    if comment.is_hidden:
        raise ValidationError(_("A comment hidden by the moderation cannot be edited."))
    if timezone.now() > edit_deadline(comment):
        raise ValidationError(
            _("Comments can only be edited within %(minutes)d minutes of writing them.")
            % {"minutes": settings.COMMENT_EDIT_WINDOW_MINUTES}
        )
    body = _clean_body(body)
    if body == comment.body:
        return comment
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    audit_log(action=AuditAction.COMMENT_EDIT, actor=actor, target=comment)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor) -> Comment:
    """The author removes their text; a tombstone keeps the thread together."""
    comment = comment_lock(comment)
    require(actor, "comments.delete_own_comment", comment)
    if comment.is_deleted:
        return comment
    if comment.is_hidden:
        raise ValidationError(
            _(
                "A comment hidden by the moderation cannot be deleted; it is kept as the moderation's record."
            )
        )
    comment.is_deleted = True
    comment.deleted_at = timezone.now()
    comment.body = ""
    comment.body_html = ""
    comment.save(update_fields=["is_deleted", "deleted_at", "body", "body_html"])
    comment_recount(idea_id=comment.idea_id)
    audit_log(action=AuditAction.COMMENT_DELETE, actor=actor, target=comment)
    return comment


def visible_comments_filter() -> Q:
    return Q(is_deleted=False, is_hidden=False)


@transaction.atomic
def comment_recount(*, idea_id: int) -> None:
    """idea.comment_count = its visible, non-deleted comments, counted from the rows.

    The idea row is locked first, so the count below sees every comment
    committed before (a concurrent F() increment cannot be lost)."""
    _lock_idea(idea_id)
    count = (
        Comment.objects.filter(visible_comments_filter(), idea_id=OuterRef("pk"))
        .order_by()
        .values("idea_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    idea_comment_count_set(idea_id=idea_id, count=Coalesce(Subquery(count), Value(0)))


def ideas_showing_comment(comment: Comment, details: dict) -> list[int]:
    """Registered with ideas.page_cache: a comment shows on its idea's page."""
    return [comment.idea_id]


def ideas_commented_by(user, details: dict):
    """Registered with ideas.page_cache: the threads ``user`` wrote in show
    their public name (changed, or the account deleted)."""
    return Comment.objects.filter(author=user).values("idea_id")


def _helpful_target(comment: Comment, user) -> Comment:
    """The comment, read again under the idea's lock, if ``user`` may mark it."""
    require(user, "comments.mark_helpful", comment)
    locked = comment_lock(comment)
    if locked.author_id == user.pk:
        raise ValidationError(_("You cannot mark your own comment as helpful."))
    if locked.is_deleted or locked.is_hidden or locked.idea.is_hidden:
        raise ValidationError(_("This comment can no longer be marked as helpful."))
    return locked


@transaction.atomic
def comment_mark_helpful(*, comment: Comment, user) -> HelpfulMark:
    """Mark a comment as helpful, once per person; a second call changes nothing.
    The count moves with F() and the thread's shared renderings are renewed
    (Idea.page_version) in the same transaction, so it shows at once."""
    locked = _helpful_target(comment, user)
    try:
        with transaction.atomic():
            mark = HelpfulMark.objects.create(comment=locked, user=user)
    except IntegrityError:
        return HelpfulMark.objects.get(comment=locked, user=user)
    Comment.objects.filter(pk=locked.pk).update(helpful_count=F("helpful_count") + 1)
    audit_log(
        action=AuditAction.COMMENT_HELPFUL,
        actor=user,
        target=locked,
        details={"idea": locked.idea_id},
    )
    return mark


@transaction.atomic
def comment_unmark_helpful(*, comment: Comment, user) -> None:
    """Withdraw one's helpful mark; withdrawing twice changes nothing. Allowed
    on one's marks even after the comment was hidden or deleted."""
    require(user, "comments.mark_helpful", comment)
    locked = comment_lock(comment)
    deleted, _rows = HelpfulMark.objects.filter(comment=locked, user=user).delete()
    if not deleted:
        return
    Comment.objects.filter(pk=locked.pk).update(helpful_count=F("helpful_count") - 1)
    audit_log(
        action=AuditAction.COMMENT_HELPFUL_UNDO,
        actor=user,
        target=locked,
        details={"idea": locked.idea_id},
    )
