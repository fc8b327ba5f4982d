"""Shared django-rules predicates. Each app's rules.py combines these.

Role predicates read the staff roles once per request (cached on the user).
"""

import rules

from . import selectors as roles


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_active_participant(user) -> bool:
    """Logged in, not deleted and not blocked by moderation."""
    return bool(user and user.is_authenticated and not user.is_deleted and not user.is_blocked)


@rules.predicate
def is_staff_member(user) -> bool:
    return roles.is_staff_member(user)


@rules.predicate
def is_programme_office(user) -> bool:
    return roles.is_programme_office(user)


@rules.predicate
def is_moderator(user) -> bool:
    return roles.is_moderator(user)


@rules.predicate
def is_guide(user) -> bool:
    return roles.is_guide(user)


@rules.predicate
def is_guide_of_idea_department(user, idea) -> bool:
    return bool(
        idea is not None
        and idea.department_id
        and idea.department_id in roles.guide_department_ids(user)
    )
