from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .actions import AuditAction
from .models import AuditEntry


def audit_log(
    *,
    action: AuditAction,
    actor: Any | None,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction."""
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(action=str(action), actor=actor_obj, details=details or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:255]
    entry.save()
    return entry
