"""Who may do what with ideas. Reading needs no account; writing needs an
active participant (logged in, not blocked, not deleted)."""

import rules

from aufbruch.staff.predicates import is_active_participant, is_authenticated

from .services import idea_accepts_support, idea_is_editable


@rules.predicate
def is_idea_author(user, idea) -> bool:
    return bool(idea is not None and user.is_authenticated and idea.author_id == user.pk)


@rules.predicate
def idea_editable(user, idea) -> bool:
    return bool(idea is not None and idea_is_editable(idea))


@rules.predicate
def idea_supportable(user, idea) -> bool:
    return bool(idea is not None and idea_accepts_support(idea))


@rules.predicate
def idea_public(user, idea) -> bool:
    return bool(idea is not None and not idea.is_hidden)


rules.add_perm("ideas.add_idea", is_active_participant)
rules.add_perm("ideas.change_idea", is_active_participant & is_idea_author & idea_editable)
rules.add_perm("ideas.support_idea", is_active_participant & idea_supportable)
rules.add_perm("ideas.follow_idea", is_active_participant & (idea_public | is_idea_author))

# The services' authority: who may act at all. Whether the idea still takes
# edits or supports is the service's check, with a message that says why.
rules.add_perm("ideas.participate", is_active_participant)
rules.add_perm("ideas.edit_own_idea", is_active_participant & is_idea_author)
rules.add_perm("ideas.unfollow", is_authenticated)
