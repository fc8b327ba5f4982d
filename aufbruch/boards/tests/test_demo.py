"""The demo seeder builds the Morgenmacher and a think lab through the services, once."""

import random

import pytest

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.boards.demo import seed_boards
from aufbruch.boards.models import Board, Membership, Recommendation
from aufbruch.core.demo import DemoContext
from aufbruch.core.testing import UserFactory

from .conftest import THIS_YEAR

pytestmark = pytest.mark.django_db


def test_seed_boards_is_complete_and_idempotent(office, guide, department, idea):
    youth = [
        UserFactory(birth_year=THIS_YEAR - age) for age in range(13, 33)
    ]  # 31 and 32 are skipped
    adults = [UserFactory(birth_year=1970) for _ in range(10)]
    ctx = DemoContext(
        rng=random.Random(1),
        quiet=True,
        shared={
            "participants": adults + youth,
            "youth": youth,
            "departments": [department],
            "staff": {"office": office, "moderator": office, "guides": {department.slug: guide}},
        },
    )
    seed_boards(ctx)
    morgenmacher = Board.objects.get(slug="morgenmacher")
    assert morgenmacher.term_start.isoformat() == "2019-10-01"
    assert Membership.objects.filter(board=morgenmacher, status="active").count() == 18
    assert Membership.objects.filter(
        board=morgenmacher, needs_consent=True
    ).exists()  # the 13- to 15-year-olds
    published = Recommendation.objects.get(board=morgenmacher, published_at__isnull=False)
    assert list(published.ideas.all()) == [idea] and published.answers.get().author == guide
    open_vote = Recommendation.objects.get(board=morgenmacher, status="voting")
    assert open_vote.votes.count() == 6
    assert Board.objects.get(slug="denklabor-digitale-bildung").memberships.count() == 8
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_CONSENT_RECORD).exists()
    before = (Board.objects.count(), Recommendation.objects.count(), AuditEntry.objects.count())
    seed_boards(ctx)
    assert (
        Board.objects.count(),
        Recommendation.objects.count(),
        AuditEntry.objects.count(),
    ) == before
