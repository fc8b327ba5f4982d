import random

import pytest

from aufbruch.core.demo import DemoContext
from aufbruch.guides.tests.conftest import (  # noqa: F401
    as_role,
    author,
    department,
    guide,
    idea,
    moderator,
    office,
    other_department,
    other_guide,
    participant,
)
from aufbruch.pages.demo import seed_pages

MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHallo, hier ist die Stadt.\n"


@pytest.fixture
def seeded(office):  # noqa: F811 - the office fixture from guides
    seed_pages(DemoContext(rng=random.Random(1), quiet=True))
    return office
