from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .actions import AuditAction
from .models import AuditEntry
from .page_effects import IDEA_PAGE_EFFECTS, IdeaPages

# ``fn(target=..., details=...)``, called inside the service's transaction
# for every entry whose action changes the idea pages that show its target
# (page_effects.py). The ideas app registers the one that renews them.
PageEffectHandler = Callable[..., None]
_page_effect_handlers: list[PageEffectHandler] = []


def register_page_effect_handler(fn: PageEffectHandler) -> None:
    if fn not in _page_effect_handlers:
        _page_effect_handlers.append(fn)


# ``fn()``, called inside the service's transaction for every entry: public
# data may have changed. The api app registers the one that retires its
# shared answers (at the entry, not at the commit: see api/http.py).
ChangeHandler = Callable[[], None]
_change_handlers: list[ChangeHandler] = []


def register_change_handler(fn: ChangeHandler) -> None:
    if fn not in _change_handlers:
        _change_handlers.append(fn)


def audit_log(
    *,
    action: AuditAction,
    actor: Any | None,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction: it
    also renews the shared renderings of the idea pages the action changes
    (audit.page_effects), in the same transaction."""
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(action=str(action), actor=actor_obj, details=details or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:255]
    entry.save()
    # A KeyError here means a new action was not classified in page_effects.py.
    if target is not None and IDEA_PAGE_EFFECTS[AuditAction(action)] is IdeaPages.SHOWS_TARGET:
        for fn in _page_effect_handlers:
            fn(target=target, details=entry.details)
    for fn in _change_handlers:
        fn()
    return entry
