"""The role matrix of the event services (see staff/tests/matrix.py).
"author" holds a seat at the event here."""

from datetime import timedelta

import pytest

from aufbruch.meetings import live, registrations, services
from aufbruch.meetings.models import Meeting, Registration, Session, Track
from aufbruch.staff.tests.matrix import (
    MODERATORS,
    OFFICE,
    ROLES,
    expected,
    outcomes,
    people,
)


@pytest.fixture
def world(meeting):
    who = people()
    seat = registrations.registration_create(meeting=meeting, user=who["author"])
    return who, meeting, seat


def _state(meeting):
    def state():
        row = Meeting.objects.get(pk=meeting.pk)
        return (
            row.title,
            row.confirmed_count,
            row.attended_count,
            Registration.objects.filter(status="cancelled").count(),
            Registration.objects.count(),
            Track.objects.count(),
            Session.objects.count(),
        )

    return state


ROWS = {
    "meeting_update": (
        lambda w, a: services.meeting_update(meeting=w[1], actor=a, title="Digitalgipfel 2028"),
        expected(OFFICE),
    ),
    "track_create": (
        lambda w, a: services.track_create(meeting=w[1], actor=a, name="Verwaltung"),
        expected(OFFICE),
    ),
    "session_create": (
        lambda w, a: services.session_create(
            meeting=w[1],
            actor=a,
            title="Pause",
            starts_at=w[1].starts_at,
            ends_at=w[1].starts_at + timedelta(minutes=30),
        ),
        expected(OFFICE),
    ),
    # a guest (no account) registers too; the author already has a seat
    "registration_create": (
        lambda w, a: registrations.registration_create(
            meeting=w[1], user=a, guest_name="Gast", guest_email="gast@example.org"
        ),
        expected(set(ROLES), invalid={"author"}),
    ),
    "registration_cancel": (
        lambda w, a: registrations.registration_cancel(registration=w[2], actor=a),
        expected(OFFICE | {"author"}),
    ),
    "registration_check_in": (
        lambda w, a: registrations.registration_check_in(
            meeting=w[1], code=w[2].ticket_code, actor=a
        ),
        expected(OFFICE),
    ),
    "meeting_idea_from_card": (
        lambda w, a: live.meeting_idea_from_card(
            meeting=w[1], actor=a, title="Mehr Licht", body="Am Bahnhof.", topic=None
        ),
        expected(set(), invalid=MODERATORS),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_meeting_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(world[1])) == table


def test_the_organiser_manages_their_own_event(make_meeting, moderator):
    """A staff organiser (here a moderator) manages the event they organise."""
    own = make_meeting(organiser=moderator)
    assert outcomes(
        {"organiser": moderator},
        lambda a: services.meeting_update(meeting=own, actor=a, title="Eigenes Treffen"),
    ) == {"organiser": "allowed"}


def test_a_blocked_account_cannot_register(world):
    from django.utils import timezone

    who, meeting, _seat = world
    resident = who["resident"]
    resident.blocked_until = timezone.now() + timedelta(days=3)
    resident.save(update_fields=["blocked_until"])
    assert outcomes(
        {"resident": resident},
        lambda a: registrations.registration_create(meeting=meeting, user=a),
        _state(meeting),
    ) == {"resident": "denied"}


def test_updating_a_session_leaves_the_callers_object(live_session, office):
    updated = services.session_update(session=live_session, actor=office, live_open=False)
    assert live_session.live_open is True
    assert updated.live_open is False
