"""Twenty members voting at the same moment on PostgreSQL: every vote counted exactly once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from aufbruch.boards import voting
from aufbruch.boards.models import Vote

from .conftest import add_member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def _in_parallel(fn, args_list):
    barrier = threading.Barrier(len(args_list))
    errors = []

    def run(args):
        try:
            barrier.wait()
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_twenty_members_vote_at_once(board, office):
    members = [add_member(board, office) for _ in range(20)]
    rec = voting.recommendation_draft(
        board=board, author=members[0], title="Gleichzeitig", body="Alle auf einmal"
    )
    voting.recommendation_open_vote(
        recommendation=rec, actor=members[0], closes_at=timezone.now() + timedelta(hours=1)
    )
    choices = ["yes"] * 11 + ["no"] * 6 + ["abstain"] * 3
    errors = _in_parallel(
        lambda m, c: voting.vote_cast(recommendation=rec, voter=m, choice=c),
        list(zip(members, choices, strict=True)),
    )
    assert errors == []
    assert Vote.objects.filter(recommendation=rec).count() == 20
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert (rec.yes_count, rec.no_count, rec.abstain_count, rec.member_count) == (11, 6, 3, 20)
    assert rec.adopted


def test_double_clicks_and_close_race(board, office):
    members = [add_member(board, office) for _ in range(5)]
    rec = voting.recommendation_draft(board=board, author=members[0], title="Doppelt", body="Klick")
    voting.recommendation_open_vote(
        recommendation=rec, actor=members[0], closes_at=timezone.now() + timedelta(hours=1)
    )
    jobs = [(m,) for m in members for _ in range(4)]  # each member clicks four times at once
    errors = _in_parallel(
        lambda m: voting.vote_cast(recommendation=rec, voter=m, choice="yes"), jobs
    )
    assert errors == []
    assert Vote.objects.filter(recommendation=rec).count() == 5
    # A close racing with a last vote: the vote is either counted or refused, never lost.
    late = add_member(board, office)
    results = _in_parallel(
        lambda action: action(),
        [
            (lambda: voting.recommendation_close_vote(recommendation=rec, actor=office),),
            (lambda: voting.vote_cast(recommendation=rec, voter=late, choice="no"),),
        ],
    )
    rec.refresh_from_db()
    votes = Vote.objects.filter(recommendation=rec).count()
    assert rec.yes_count + rec.no_count + rec.abstain_count == votes
    assert len(results) == (0 if votes == 6 else 1)
