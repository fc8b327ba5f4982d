"""The one permission check of the service layer.

Every service that needs a permission starts with exactly one
``require(actor, "<app>.<perm>", obj)``; the rule itself lives in the app's
``rules.py`` (predicates several apps share live in ``staff.predicates``).
Views may ask ``user.has_perm()`` to decide what to show; the service is
the authority.

Core imports no domain app: the check goes through the actor's
``has_perm``. Rules registered with django-rules are asked directly, so
that Django's "a superuser may do everything" shortcut does not turn an
author-only rule (edit *my* comment) into an everybody-with-the-flag rule;
the programme-office predicate already counts superusers, and staff powers
count only in a session that passed the second factor (``staff.mfa``).
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied


def allowed(actor, perm: str, obj=None) -> bool:
    """Whether ``actor`` (None: an anonymous visitor) holds ``perm`` on ``obj``."""
    if actor is None:
        actor = AnonymousUser()
    if rules.perm_exists(perm):
        return bool(rules.has_perm(perm, actor, obj))
    return bool(actor.has_perm(perm, obj))


def require(actor, perm: str, obj=None, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` holds ``perm`` on ``obj``."""
    if not allowed(actor, perm, obj):
        raise PermissionDenied(message) if message else PermissionDenied
