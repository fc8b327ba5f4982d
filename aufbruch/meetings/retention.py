"""Retention rules of the meetings app, registered with the operations app's
retention job in MeetingsConfig.ready() (see aufbruch.operations.retention)."""

from __future__ import annotations

from datetime import datetime

from aufbruch.operations.retention import retention_days

from .models import LiveContribution, LiveVote, Registration, RegistrationStatus


def expire_unconfirmed_guest_registrations(now: datetime) -> int:
    deleted, _ = Registration.objects.filter(
        status=RegistrationStatus.UNCONFIRMED,
        user__isnull=True,
        created_at__lt=now - retention_days("unconfirmed_guest_registrations"),
    ).delete()
    return deleted


def expire_live_client_ids(now: datetime) -> int:
    cutoff = now - retention_days("live_client_ids")
    # vote_count on the contribution keeps the result; the rows only held the
    # browser ids that prevented a second vote while the session was live.
    votes, _ = LiveVote.objects.filter(created_at__lt=cutoff).delete()
    posts = (
        LiveContribution.objects.filter(created_at__lt=cutoff)
        .exclude(client_id="")
        .update(client_id="")
    )
    return votes + posts
