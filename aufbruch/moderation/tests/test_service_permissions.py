"""The role matrix of the moderation services (see staff/tests/matrix.py).
"author" wrote the comment that is reported, hidden or blocked for."""

import pytest

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.ideas.services import idea_submit
from aufbruch.moderation import services
from aufbruch.moderation.models import Report
from aufbruch.staff.tests.matrix import (
    MODERATORS,
    PARTICIPANTS,
    STAFF,
    expected,
    outcomes,
    people,
)


@pytest.fixture
def world(db, topic, user):
    who = people()
    idea = idea_submit(author=user, title="Mehr Grün am Bahnhof", body="Bäume!", topic=topic)
    comment = comment_create(idea=idea, author=who["author"], body="Unsinn, alles Unsinn.")
    return who, comment


def _state(who, comment):
    def state():
        author = type(who["author"]).objects.get(pk=who["author"].pk)
        return (
            Comment.objects.get(pk=comment.pk).is_hidden,
            Report.objects.count(),
            author.blocked_until,
        )

    return state


ROWS = {
    # reporting one's own comment is no permission question but a friendly error
    "report_create": (
        lambda w, a: services.report_create(
            reporter=a, target=w[1], reason="insult", explanation="Beleidigend"
        ),
        expected(PARTICIPANTS - {"author"}, invalid={"author"}),
    ),
    "content_hide": (
        lambda w, a: services.content_hide(
            target=w[1], actor=a, reason="Beleidigend", ground="insult"
        ),
        expected(MODERATORS),
    ),
    "user_block": (
        lambda w, a: services.user_block(
            user=w[0]["author"], actor=a, days=3, reason="Beleidigungen"
        ),
        expected(MODERATORS),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_moderation_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(*world)) == table


def test_staff_cannot_be_blocked(world):
    who, _comment = world
    for role in sorted(STAFF - {"moderator"}):
        assert outcomes(
            {role: who[role]},
            lambda a, target=who[role]: services.user_block(
                user=target, actor=who["moderator"], days=3, reason="Test"
            ),
        ) == {role: "invalid"}


def test_blocking_returns_the_account_and_leaves_the_callers_object(world):
    who, _comment = world
    blocked = services.user_block(user=who["author"], actor=who["moderator"], days=3, reason="x")
    assert who["author"].blocked_until is None
    assert blocked.blocked_until is not None
