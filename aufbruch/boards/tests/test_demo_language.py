"""The demo's U30 call speaks "Sie" like every page (docs/language.md)."""

import random

import pytest

from aufbruch.accounts.tests.test_formal_german import informal_words
from aufbruch.boards.demo import MORGENMACHER_PURPOSE, seed_boards
from aufbruch.boards.models import BoardCall
from aufbruch.core.demo import DemoContext
from aufbruch.core.testing import UserFactory

from .conftest import THIS_YEAR

pytestmark = pytest.mark.django_db


def test_u30_call_and_purpose_use_sie(office, department, guide):
    youth = [UserFactory(birth_year=THIS_YEAR - age) for age in range(14, 24)]
    ctx = DemoContext(
        rng=random.Random(1),
        quiet=True,
        shared={
            "participants": youth,
            "youth": youth,
            "departments": [department],
            "staff": {"office": office, "moderator": office, "guides": {department.slug: guide}},
        },
    )
    seed_boards(ctx)
    call = BoardCall.objects.get(board__slug="morgenmacher")
    assert "Sie" in call.text and informal_words(call.text) == []
    assert informal_words(MORGENMACHER_PURPOSE) == []
    # the informal check itself catches what the old call said
    assert informal_words("Bewirb dich mit ein paar Sätzen") == ["dich"]
