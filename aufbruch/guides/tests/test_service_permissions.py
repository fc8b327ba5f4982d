"""The role matrix of the guides' services (see staff/tests/matrix.py)."""

import pytest

from aufbruch.guides import services
from aufbruch.guides.models import Assignment, InternalNote, OfficialResponse
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.staff.tests.matrix import OFFICE, expected, outcomes, people


@pytest.fixture
def world(department, other_department, topic):
    who = people(department=department)
    idea = idea_submit(
        author=who["author"], title="Freies WLAN im Rathaus", body="Bitte.", topic=topic
    )
    assert idea.department_id == department.pk
    return who, idea, other_department


def _state(idea):
    def state():
        row = Idea.objects.get(pk=idea.pk)
        return (
            row.department_id,
            row.first_response_at,
            Assignment.objects.count(),
            InternalNote.objects.count(),
            OfficialResponse.objects.count(),
        )

    return state


IDEA_PEOPLE = OFFICE | {"guide"}
ROWS = {
    "idea_assign": (
        lambda w, a: services.idea_assign(
            idea=w[1], actor=a, department=w[2], reason="Zuständigkeit"
        ),
        expected(IDEA_PEOPLE),
    ),
    "internal_note_add": (
        lambda w, a: services.internal_note_add(idea=w[1], actor=a, text="Rückruf am Montag"),
        expected(IDEA_PEOPLE),
    ),
    "response_publish": (
        lambda w, a: services.response_publish(idea=w[1], actor=a, text="Wir prüfen das."),
        expected(IDEA_PEOPLE),
    ),
    "settings_update": (
        lambda w, a: services.settings_update(
            actor=a, response_days=30, support_threshold=50, support_window_days=90
        ),
        expected(OFFICE),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_guide_services_by_role(world, service):
    act, table = ROWS[service]
    assert outcomes(world[0], lambda actor: act(world, actor), _state(world[1])) == table


def test_response_returns_fresh_objects_and_leaves_the_callers_idea(world):
    """No F() expression or copied state ends up in the caller's object."""
    who, idea, _other = world
    response = services.response_publish(idea=idea, actor=who["guide"], text="Wir prüfen das.")
    assert idea.first_response_at is None
    assert isinstance(idea.page_version, int)
    assert response.idea.first_response_at is not None
    assert response.idea.page_version == idea.page_version + 1


def test_assign_leaves_the_callers_idea(world):
    who, idea, other = world
    assignment = services.idea_assign(idea=idea, actor=who["office"], department=other, reason="x")
    assert idea.department_id != other.pk
    assert assignment.idea.department_id == other.pk
    assert Idea.objects.get(pk=idea.pk).department_id == other.pk
