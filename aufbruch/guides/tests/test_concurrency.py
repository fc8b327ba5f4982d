import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from aufbruch.ideas.models import Idea, StatusChange
from aufbruch.ideas.workflow import idea_change_status


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_guides_moving_the_same_idea_at_once_make_one_step(idea, guide, office):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")
    barrier = threading.Barrier(2)
    results = []

    def move(actor):
        try:
            barrier.wait()
            idea_change_status(
                idea=Idea.objects.get(pk=idea.pk),
                actor=actor,
                to_status="in_review",
                explanation="parallel",
            )
            results.append("ok")
        except ValidationError:
            results.append("rejected")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=(a,)) for a in (guide, office)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "rejected"]
    assert StatusChange.objects.filter(idea=idea).count() == 1
