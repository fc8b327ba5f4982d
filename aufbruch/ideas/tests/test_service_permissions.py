"""The role matrix of the idea services (see staff/tests/matrix.py)."""

import pytest

from aufbruch.ideas import services
from aufbruch.ideas.models import Follow, Idea, Support
from aufbruch.staff.tests.matrix import PARTICIPANTS, expected, outcomes, people


@pytest.fixture
def world(db, topic):
    who = people()
    idea = services.idea_submit(
        author=who["author"], title="Trinkbrunnen im Park", body="Bitte zwei.", topic=topic
    )
    return who, idea


def _state(idea):
    def state():
        row = Idea.objects.get(pk=idea.pk)
        return (
            row.title,
            row.version,
            row.support_count,
            row.follower_count,
            Support.objects.count(),
            Follow.objects.count(),
        )

    return state


ROWS = {
    "idea_submit": (
        lambda w, a: services.idea_submit(
            author=a, title="Sitzbänke am Ufer", body="Für alle.", topic=w[1].topic
        ),
        expected(PARTICIPANTS),
    ),
    "idea_edit": (
        lambda w, a: services.idea_edit(
            idea=w[1],
            user=a,
            title="Trinkbrunnen im Stadtpark",
            body="Bitte drei.",
            topic=w[1].topic,
        ),
        expected({"author"}),
    ),
    "idea_support": (
        lambda w, a: services.idea_support(idea=w[1], user=a),
        expected(PARTICIPANTS),
    ),
    "idea_withdraw_support": (
        lambda w, a: services.idea_withdraw_support(idea=w[1], user=a),
        expected(PARTICIPANTS),
    ),
    "idea_follow": (
        lambda w, a: services.idea_follow(idea=w[1], user=a),
        expected(PARTICIPANTS),
    ),
    "idea_unfollow": (
        lambda w, a: services.idea_unfollow(idea=w[1], user=a),
        expected(PARTICIPANTS),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_idea_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(world[1])) == table


def test_support_leaves_the_callers_idea_as_it_was(world):
    """The count moves in the database; the caller reads it again."""
    who, idea = world
    services.idea_support(idea=idea, user=who["resident"])
    assert idea.support_count == 0
    assert Idea.objects.get(pk=idea.pk).support_count == 1


def test_edit_returns_the_new_version_and_leaves_the_argument(world):
    who, idea = world
    edited = services.idea_edit(
        idea=idea,
        user=who["author"],
        title="Trinkbrunnen im Stadtpark",
        body="Bitte drei.",
        topic=idea.topic,
    )
    assert (edited.title, edited.version) == ("Trinkbrunnen im Stadtpark", 2)
    assert (idea.title, idea.version) == ("Trinkbrunnen im Park", 1)
