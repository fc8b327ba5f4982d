"""The role matrix of the board services (see staff/tests/matrix.py).
"author" is an active member of the board here."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.boards import services, voting, workspace
from aufbruch.boards.models import (
    Board,
    BoardKind,
    Membership,
    MembershipStatus,
    Recommendation,
    Thread,
)
from aufbruch.boards.tests.conftest import add_member
from aufbruch.staff.tests.matrix import OFFICE, expected, outcomes, people


@pytest.fixture
def world(board, office):
    member = add_member(board, office)
    who = people(author=member)
    membership = Membership.objects.get(board=board, user=member)
    return who, board, membership


def _state(board):
    def state():
        return (
            Board.objects.count(),
            Thread.objects.count(),
            Recommendation.objects.count(),
            list(Membership.objects.order_by("pk").values_list("status", "show_publicly")),
        )

    return state


MEMBER = {"author"}
ROWS = {
    "board_create": (
        lambda w, a: services.board_create(
            actor=a,
            name="Seniorenbeirat",
            slug="senioren",
            purpose="Beirat",
            kind=BoardKind.THINK_LAB,
            size=10,
            term_start=timezone.localdate(),
        ),
        expected(OFFICE),
    ),
    "board_call_open": (
        lambda w, a: services.board_call_open(
            board=w[1], actor=a, deadline=timezone.now() + timedelta(days=30)
        ),
        expected(OFFICE),
    ),
    "membership_set_visibility": (
        lambda w, a: services.membership_set_visibility(
            membership=w[2], user=a, show_publicly=False
        ),
        expected(MEMBER),
    ),
    "membership_end": (
        lambda w, a: services.membership_end(membership=w[2], actor=a),
        expected(OFFICE),
    ),
    "thread_create": (
        lambda w, a: workspace.thread_create(board=w[1], author=a, title="Termin", body="Wann?"),
        expected(OFFICE | MEMBER),
    ),
    "recommendation_draft": (
        lambda w, a: voting.recommendation_draft(
            board=w[1], author=a, title="Mehr Bänke", body="Wir empfehlen mehr Bänke."
        ),
        expected(MEMBER),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_board_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(world[1])) == table


def test_ending_a_membership_leaves_the_callers_object(world):
    who, _board, membership = world
    ended = services.membership_end(membership=membership, actor=who["office"])
    assert membership.status == MembershipStatus.ACTIVE
    assert ended.status == MembershipStatus.ENDED
