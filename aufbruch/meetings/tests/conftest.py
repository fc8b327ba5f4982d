from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.core.testing import UserFactory
from aufbruch.meetings import services
from aufbruch.meetings.models import MeetingKind
from aufbruch.staff.models import StaffRole, StaffRoleKind


def make_staff(role: str, **kwargs):
    user = UserFactory(**kwargs)
    StaffRole.objects.create(user=user, role=role)
    return user


@pytest.fixture
def office(db):
    return make_staff(StaffRoleKind.OFFICE, display_name="Programmbüro")


@pytest.fixture
def moderator(db):
    return make_staff(StaffRoleKind.MODERATOR, display_name="Moderatorin")


@pytest.fixture
def make_meeting(office, topic):
    def make(**overrides):
        now = timezone.now()
        fields = {
            "title": "Digitalgipfel 2027",
            "description": "Zwei Tracks, **viele** Fragen.",
            "kind": MeetingKind.SUMMIT,
            "starts_at": now + timedelta(days=10),
            "ends_at": now + timedelta(days=10, hours=6),
            "venue": "Stadthalle Gütersloh",
            "address": "Friedrichstraße 10, 33330 Gütersloh",
            "capacity": 20,
            "registration_opens_at": now - timedelta(days=1),
            "registration_closes_at": now + timedelta(days=9),
            "is_published": True,
        }
        fields.update(overrides)
        topics = fields.pop("topics", [topic])
        actor = fields.pop("actor", office)
        return services.meeting_create(actor=actor, topics=topics, **fields)

    return make


@pytest.fixture
def meeting(make_meeting):
    return make_meeting()


@pytest.fixture
def live_session(meeting, office):
    return services.session_create(
        meeting=meeting,
        actor=office,
        title="Eröffnung",
        room="Großer Saal",
        live_open=True,
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + timedelta(hours=1),
    )
