"""Capacity under real parallel transactions (PostgreSQL): the meeting row
lock must keep the seats exact and the waiting list in order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from aufbruch.core.testing import UserFactory
from aufbruch.meetings import live, registrations
from aufbruch.meetings.models import LiveVote, Meeting, Registration, RegistrationStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")


def run_parallel(fn, items):
    barrier = threading.Barrier(len(items))

    def worker(item):
        try:
            barrier.wait(timeout=30)
            return fn(item)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(worker, items))


def queue(meeting) -> list[int]:
    return list(
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING)
        .order_by("queued_at", "id")
        .values_list("pk", flat=True)
    )


def test_fifty_parallel_registrations_for_twenty_seats(make_meeting):
    meeting = make_meeting(capacity=20)
    people = UserFactory.create_batch(50)

    statuses = run_parallel(
        lambda u: registrations.registration_create(meeting=meeting, user=u).status, people
    )

    assert statuses.count(RegistrationStatus.CONFIRMED) == 20
    assert statuses.count(RegistrationStatus.WAITING) == 30
    assert (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()
        == 20
    )
    meeting.refresh_from_db()
    assert (meeting.confirmed_count, meeting.waiting_count) == (20, 30)

    # Five people cancel at the same moment: exactly the first five waiting move up.
    waiting_before = queue(meeting)
    leaving = list(
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)[:5]
    )
    promoted = run_parallel(
        lambda r: [p.pk for p in registrations.registration_cancel(registration=r, actor=r.user)],
        leaving,
    )
    assert sorted(pk for batch in promoted for pk in batch) == sorted(waiting_before[:5])
    assert queue(meeting) == waiting_before[5:]
    # Then one more: the next in line, not anyone else.
    another = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED
    ).first()
    assert [
        p.pk for p in registrations.registration_cancel(registration=another, actor=another.user)
    ] == [waiting_before[5]]

    meeting.refresh_from_db()
    assert (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count()
        == 20
        == meeting.confirmed_count
    )
    assert meeting.waiting_count == 24 == len(queue(meeting))


def test_parallel_double_submit_registers_once(make_meeting, user):
    meeting = make_meeting()

    def attempt(_):
        try:
            registrations.registration_create(meeting=meeting, user=user)
            return "ok"
        except Exception as exc:  # noqa: BLE001 - the refusal is what we count
            return type(exc).__name__

    results = run_parallel(attempt, range(8))
    assert results.count("ok") == 1 and results.count("ValidationError") == 7
    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert Meeting.objects.get(pk=meeting.pk).confirmed_count == 1


def test_parallel_votes_count_once_per_browser(live_session, office):
    c = live.live_post(session=live_session, client_id="x", kind="question", text="Frage")
    c = live.live_moderate(contribution=c, actor=office, approve=True)
    clients = [f"browser-{i % 10}" for i in range(30)]
    results = run_parallel(lambda cid: live.live_vote(contribution=c, client_id=cid), clients)
    c.refresh_from_db()
    assert (
        results.count(True) == 10 == c.vote_count == LiveVote.objects.filter(contribution=c).count()
    )
