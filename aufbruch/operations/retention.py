"""Retention: personal data that is only needed for a while is deleted or
emptied by the periodic job ``retention`` (every run; idempotent).

| data | kept | then |
| --- | --- | --- |
| unconfirmed guest registrations (name, e-mail) | ``RETENTION_DAYS["unconfirmed_guest_registrations"]`` (7) days | deleted |
| live-participation browser ids (votes, posts) | ``RETENTION_DAYS["live_client_ids"]`` (30) days | votes deleted (the count stays), the poster's id emptied |
| details of audit entries | ``RETENTION_DAYS["audit_details"]`` (365) days | emptied (who, what, when stay) |
| expired sessions | until they expire | deleted |
| hashed client addresses (rate limits) | the rate-limit window (at most 1 hour) | expire in the cache |

Other apps add their own rules with ``register_retention_rule(name, fn)``
(``fn(now) -> int`` rows changed) in their ``AppConfig.ready()``; the first
two rows of the table are the meetings app's (aufbruch.meetings.retention).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.audit.services import audit_log

_RULES: dict[str, Callable[[datetime], int]] = {}


def register_retention_rule(name: str, fn: Callable[[datetime], int]) -> None:
    _RULES[name] = fn


def retention_days(key: str) -> timedelta:
    """How long data of kind ``key`` is kept (settings.RETENTION_DAYS)."""
    return timedelta(days=settings.RETENTION_DAYS[key])


def expire_audit_details(now: datetime) -> int:
    return (
        AuditEntry.objects.filter(created_at__lt=now - retention_days("audit_details"))
        .exclude(details={})
        .update(details={})
    )


def expire_sessions(now: datetime) -> int:
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


register_retention_rule("audit_details", expire_audit_details)
register_retention_rule("sessions", expire_sessions)


@transaction.atomic
def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every rule once; one audit entry with the counts when anything changed."""
    now = now or timezone.now()
    counts = {name: fn(now) for name, fn in sorted(_RULES.items())}
    if any(counts.values()):
        audit_log(action=AuditAction.OPERATIONS_RETENTION, actor=None, details=counts)
    return counts
