"""Retention periods applied by the periodic job (issue #10, retention)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.audit.services import audit_log
from aufbruch.meetings import live, registrations
from aufbruch.meetings.models import (
    ContributionStatus,
    LiveContribution,
    LiveVote,
    Registration,
    RegistrationStatus,
)
from aufbruch.operations.retention import apply_retention

pytestmark = pytest.mark.django_db


def age(model, pk_or_qs, days):
    qs = pk_or_qs if hasattr(pk_or_qs, "update") else model.objects.filter(pk=pk_or_qs)
    qs.update(created_at=timezone.now() - timedelta(days=days))


def test_unconfirmed_guest_registrations_expire_after_seven_days(meeting, user):
    old = registrations.registration_create(
        meeting=meeting, guest_name="Alt", guest_email="alt@example.org"
    )
    new = registrations.registration_create(
        meeting=meeting, guest_name="Neu", guest_email="neu@example.org"
    )
    confirmed = registrations.registration_create(meeting=meeting, user=user)
    age(Registration, old.pk, 8)
    age(Registration, new.pk, 6)
    age(Registration, confirmed.pk, 100)
    assert old.status == RegistrationStatus.UNCONFIRMED

    result = apply_retention()

    assert result["unconfirmed_guest_registrations"] == 1
    assert set(Registration.objects.values_list("pk", flat=True)) == {new.pk, confirmed.pk}


def test_live_browser_ids_expire_after_thirty_days_and_counts_stay(live_session):
    post = live.live_post(session=live_session, client_id="poster-1", kind="question", text="Wann?")
    LiveContribution.objects.filter(pk=post.pk).update(status=ContributionStatus.APPROVED)
    post.refresh_from_db()
    for n in range(3):
        live.live_vote(contribution=post, client_id=f"browser-{n}")
    fresh = live.live_post(
        session=live_session, client_id="poster-2", kind="idea", text="Mehr Bänke"
    )
    age(LiveVote, LiveVote.objects.filter(client_id__in=["browser-0", "browser-1"]), 31)
    age(LiveContribution, post.pk, 31)

    apply_retention()

    assert list(LiveVote.objects.values_list("client_id", flat=True)) == ["browser-2"]
    post.refresh_from_db()
    fresh.refresh_from_db()
    assert (post.client_id, post.vote_count) == ("", 3)
    assert fresh.client_id == "poster-2"


def test_audit_details_expire_after_a_year_but_the_entry_stays(user):
    old = audit_log(action=AuditAction.IDEA_EDIT, actor=user, details={"email": "a@b.de"})
    new = audit_log(action=AuditAction.IDEA_EDIT, actor=user, details={"email": "c@d.de"})
    age(AuditEntry, old.pk, 366)

    apply_retention()

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.details, old.action, old.actor_id) == ({}, AuditAction.IDEA_EDIT, user.pk)
    assert new.details == {"email": "c@d.de"}


def test_expired_sessions_are_deleted_and_a_second_run_changes_nothing():
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    live_store = SessionStore()
    live_store.create()

    first = apply_retention()
    entries = AuditEntry.objects.filter(action=AuditAction.OPERATIONS_RETENTION).count()
    second = apply_retention()

    assert first["sessions"] == 1 and not any(second.values())
    assert list(Session.objects.values_list("session_key", flat=True)) == [live_store.session_key]
    assert entries == 1
    assert AuditEntry.objects.filter(action=AuditAction.OPERATIONS_RETENTION).count() == 1


def test_periods_come_from_the_settings(settings, meeting):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "unconfirmed_guest_registrations": 30}
    old = registrations.registration_create(
        meeting=meeting, guest_name="Alt", guest_email="alt@example.org"
    )
    age(Registration, old.pk, 8)
    apply_retention()
    assert Registration.objects.filter(pk=old.pk).exists()
