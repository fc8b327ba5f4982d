"""Who may do what with comments. Reading is public; writing needs an
active (not blocked, not deleted) account."""

import rules
from django.utils import timezone

from aufbruch.staff.predicates import (
    is_active_participant,
    is_authenticated,
    is_moderator,
    is_staff_member,
)


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_visible_comment(user, comment) -> bool:
    return comment is not None and not comment.is_deleted and not comment.is_hidden


@rules.predicate
def is_deleted_comment(user, comment) -> bool:
    return comment is not None and comment.is_deleted


@rules.predicate
def within_edit_window(user, comment) -> bool:
    from .services import edit_deadline

    return comment is not None and timezone.now() <= edit_deadline(comment)


@rules.predicate
def is_top_level(user, comment) -> bool:
    return comment is not None and comment.parent_id is None


rules.add_perm("comments.add_comment", is_active_participant)
rules.add_perm(
    "comments.reply_to_comment", is_active_participant & is_top_level & is_visible_comment
)
rules.add_perm(
    "comments.change_comment",
    is_active_participant & is_comment_author & is_visible_comment & within_edit_window,
)
# A hidden comment stays as the moderation's record: its author cannot delete it.
rules.add_perm("comments.delete_comment", is_authenticated & is_comment_author & is_visible_comment)
rules.add_perm(
    "comments.report_comment", is_active_participant & ~is_comment_author & is_visible_comment
)
# The services' authority: who may act at all. Whether the comment can still
# be changed (hidden by the moderation, edit window over) is the service's
# check, with a message the author understands.
rules.add_perm(
    "comments.edit_own_comment", is_active_participant & is_comment_author & ~is_deleted_comment
)
rules.add_perm("comments.delete_own_comment", is_authenticated & is_comment_author)
rules.add_perm("comments.mark_helpful", is_active_participant)
# The text and the reason of a hidden comment: its author and staff.
rules.add_perm("comments.view_hidden_comment", is_comment_author | is_staff_member | is_moderator)
