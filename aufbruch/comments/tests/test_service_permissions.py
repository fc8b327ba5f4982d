"""The role matrix of the comment services (see staff/tests/matrix.py)."""

import pytest
from django.core.exceptions import ValidationError

from aufbruch.comments import services
from aufbruch.comments.models import Comment, HelpfulMark
from aufbruch.ideas.services import idea_submit
from aufbruch.staff.tests.matrix import PARTICIPANTS, expected, outcomes, people


@pytest.fixture
def world(db, topic, user):
    who = people()
    idea = idea_submit(author=user, title="Bänke am Marktplatz", body="Mehr Bänke.", topic=topic)
    comment = services.comment_create(idea=idea, author=who["author"], body="Gute Idee!")
    return who, idea, comment


def _comment_state(comment):
    def state():
        row = Comment.objects.get(pk=comment.pk)
        return (
            row.body,
            row.is_deleted,
            row.helpful_count,
            Comment.objects.count(),
            HelpfulMark.objects.count(),
        )

    return state


ROWS = {
    "comment_create": (
        lambda w, a: services.comment_create(idea=w[1], author=a, body="Ich auch."),
        expected(PARTICIPANTS),
    ),
    "comment_edit": (
        lambda w, a: services.comment_edit(comment=w[2], actor=a, body="Sehr gute Idee!"),
        expected({"author"}),
    ),
    "comment_delete": (
        lambda w, a: services.comment_delete(comment=w[2], actor=a),
        expected({"author"}),
    ),
    "comment_mark_helpful": (
        lambda w, a: services.comment_mark_helpful(comment=w[2], user=a),
        expected(PARTICIPANTS, invalid={"author"}),
    ),
    "comment_unmark_helpful": (
        lambda w, a: services.comment_unmark_helpful(comment=w[2], user=a),
        expected(PARTICIPANTS),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_comment_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _comment_state(world[2])) == table


def test_a_blocked_author_may_not_edit(world):
    from datetime import timedelta

    from django.utils import timezone

    who, _idea, comment = world
    who["author"].blocked_until = timezone.now() + timedelta(days=1)
    who["author"].save(update_fields=["blocked_until"])
    assert outcomes(
        {"author": who["author"]},
        lambda a: services.comment_edit(comment=comment, actor=a, body="Neu"),
        _comment_state(comment),
    ) == {"author": "denied"}


def test_a_reply_leaves_the_callers_parent_untouched(world, other_user):
    """Services read again what they lock and never write into the caller's objects."""
    who, idea, comment = world
    stale = Comment.objects.get(pk=comment.pk)
    services.comment_delete(comment=comment, actor=who["author"])
    with pytest.raises(ValidationError) as refused:
        services.comment_create(idea=idea, author=other_user, body="Antwort", parent=stale)
    assert "parent" in refused.value.message_dict
    assert stale.is_deleted is False  # the caller's object was not refreshed behind its back
