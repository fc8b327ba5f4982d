"""Fixtures shared by the comments, notifications and moderation tests.

Ideas are made with the ideas app's idea_submit service."""

from __future__ import annotations

import pytest

from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.ideas.services import idea_follow, idea_submit


def submit_idea(
    *,
    author,
    topic,
    title="Mehr Fahrradbügel am Bahnhof",
    body="Am Bahnhof fehlen Abstellplätze für Fahrräder.",
):
    return idea_submit(author=author, title=title, body=body, topic=topic)


def follow(*, idea, user) -> None:
    idea_follow(idea=idea, user=user)


def grant(user, role: str, department=None):
    from aufbruch.staff.models import StaffRole

    StaffRole.objects.create(user=user, role=role, department=department)
    user.__dict__.pop("_aufbruch_staff_roles", None)
    return user


@pytest.fixture
def author(db):
    return UserFactory(display_name="Ida Autorin")


@pytest.fixture
def idea(author, topic):
    return submit_idea(author=author, topic=topic)


@pytest.fixture
def moderator(db):
    return grant(UserFactory(display_name="Mo Moderator"), "moderator")


@pytest.fixture
def office(db):
    return grant(UserFactory(display_name="Paula Programmbüro"), "office")


@pytest.fixture
def guide(db):
    return grant(UserFactory(display_name="Lotte Lotsin"), "guide", DepartmentFactory())


@pytest.fixture
def participant(db):
    return UserFactory(display_name="Peter Teilnehmer")
