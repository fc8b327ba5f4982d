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
(``fn(now) -> int`` rows changed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

_RULES: dict[str, Callable[[datetime], int]] = {}


def register_retention_rule(name: str, fn: Callable[[datetime], int]) -> None:
    _RULES[name] = fn


def _days(key: str) -> timedelta:
    return timedelta(days=settings.RETENTION_DAYS[key])


def expire_unconfirmed_guest_registrations(now: datetime) -> int:
    from aufbruch.meetings.models import Registration, RegistrationStatus

    deleted, _ = Registration.objects.filter(
        status=RegistrationStatus.UNCONFIRMED,
        user__isnull=True,
        created_at__lt=now - _days("unconfirmed_guest_registrations"),
    ).delete()
    return deleted


def expire_live_client_ids(now: datetime) -> int:
    from aufbruch.meetings.models import LiveContribution, LiveVote

    cutoff = now - _days("live_client_ids")
    # vote_count on the contribution keeps the result; the rows only held the
    # browser ids that prevented a second vote while the session was live.
    votes, _ = LiveVote.objects.filter(created_at__lt=cutoff).delete()
    posts = (
        LiveContribution.objects.filter(created_at__lt=cutoff)
        .exclude(client_id="")
        .update(client_id="")
    )
    return votes + posts


def expire_audit_details(now: datetime) -> int:
    from aufbruch.audit.models import AuditEntry

    return (
        AuditEntry.objects.filter(created_at__lt=now - _days("audit_details"))
        .exclude(details={})
        .update(details={})
    )


def expire_sessions(now: datetime) -> int:
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


register_retention_rule("unconfirmed_guest_registrations", expire_unconfirmed_guest_registrations)
register_retention_rule("live_client_ids", expire_live_client_ids)
register_retention_rule("audit_details", expire_audit_details)
register_retention_rule("sessions", expire_sessions)


@transaction.atomic
def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every rule once; one audit entry with the counts when anything changed."""
    from aufbruch.audit.actions import AuditAction
    from aufbruch.audit.services import audit_log

    now = now or timezone.now()
    counts = {name: fn(now) for name, fn in sorted(_RULES.items())}
    if any(counts.values()):
        audit_log(action=AuditAction.OPERATIONS_RETENTION, actor=None, details=counts)
    return counts
