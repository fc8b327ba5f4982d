"""Who may do what with the Digital Agenda. Reading a published text is
public; writing needs an active account and an open participation phase;
the programme office manages documents and decides amendments."""

import rules

from aufbruch.staff.predicates import (
    is_active_participant,
    is_authenticated,
    is_moderator,
    is_programme_office,
    is_staff_member,
)


@rules.predicate
def is_public_document(user, document) -> bool:
    return document is not None and document.is_public


@rules.predicate
def allows_comments(user, document) -> bool:
    return document is not None and document.allows("comment")


@rules.predicate
def allows_amendments(user, document) -> bool:
    return document is not None and document.allows("amend")


@rules.predicate
def allows_votes(user, document) -> bool:
    return document is not None and document.allows("vote")


@rules.predicate
def is_author(user, obj) -> bool:
    return obj is not None and user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def is_visible(user, obj) -> bool:
    return obj is not None and not getattr(obj, "is_deleted", False) and not obj.is_hidden


@rules.predicate
def is_open_amendment(user, amendment) -> bool:
    return amendment is not None and amendment.status == "open"


@rules.predicate
def is_top_level(user, comment) -> bool:
    return comment is not None and comment.parent_id is None


rules.add_perm("agenda.view_document", is_public_document | is_programme_office)
rules.add_perm("agenda.comment", is_active_participant & allows_comments)
rules.add_perm("agenda.reply", is_active_participant & is_top_level & is_visible)
rules.add_perm("agenda.propose_amendment", is_active_participant & allows_amendments)
rules.add_perm("agenda.vote", is_active_participant & allows_votes)
rules.add_perm(
    "agenda.support_amendment",
    is_active_participant & ~is_author & is_open_amendment & is_visible,
)
rules.add_perm("agenda.delete_comment", is_authenticated & is_author & is_visible)
rules.add_perm("agenda.report", is_active_participant & ~is_author & is_visible)
rules.add_perm("agenda.manage_document", is_programme_office)
rules.add_perm("agenda.decide_amendment", is_programme_office)
rules.add_perm("agenda.view_hidden", is_staff_member | is_moderator)

# The services' authority: who may act at all. Whether the document takes
# comments, amendments or votes right now is the service's check, with a
# message that says why.
rules.add_perm("agenda.participate", is_active_participant)
rules.add_perm("agenda.delete_own_comment", is_authenticated & is_author)
