"""One vote per participant and statement, also under parallel requests."""

import threading

import pytest
from django.db import connection

from aufbruch.opinions import services
from aufbruch.opinions.models import Participant, Statement, Vote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def run_parallel(n, fn):
    barrier = threading.Barrier(n)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            fn(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_twenty_parallel_votes_give_one_vote_row(opinion_map):
    statement = opinion_map.statements.order_by("id").first()
    participant = services.participant_for(opinion_map=opinion_map, anonymous_key="same-person")

    def vote(i):
        s = Statement.objects.select_related("opinion_map").get(pk=statement.pk)
        services.vote_cast(participant=participant, statement=s, value=[1, -1, 0][i % 3])

    errors = run_parallel(20, vote)
    assert errors == []
    assert Vote.objects.filter(participant=participant, statement=statement).count() == 1
    statement.refresh_from_db()
    participant.refresh_from_db()
    assert statement.vote_count == 1 and participant.vote_count == 1


def test_twenty_parallel_first_visits_give_one_participant(opinion_map):
    errors = run_parallel(
        20, lambda i: services.participant_for(opinion_map=opinion_map, anonymous_key="new-key")
    )
    assert errors == []
    assert Participant.objects.filter(opinion_map=opinion_map, anonymous_key="new-key").count() == 1
