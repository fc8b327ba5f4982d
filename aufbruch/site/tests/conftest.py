from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from aufbruch.boards import services as board_services
from aufbruch.boards.models import BoardKind
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.guides import services as guide_services
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.meetings import services as meeting_services
from aufbruch.meetings.models import MeetingKind
from aufbruch.opinions import services as opinion_services
from aufbruch.staff.models import StaffRole, StaffRoleKind
from aufbruch.surveys import services as survey_services
from aufbruch.surveys.models import QuestionKind


@pytest.fixture
def office(db):
    user = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=user, role=StaffRoleKind.OFFICE)
    return user


@pytest.fixture
def programme(office, topic, user):
    """What a launched programme has open: the summit, the U30 call, a survey,
    an opinion map, and an idea that was answered and moved into the pool."""
    now = timezone.now()
    summit = meeting_services.meeting_create(
        actor=office,
        topics=[topic],
        title="Digitalgipfel 2027",
        description="Zwei Tracks.",
        kind=MeetingKind.SUMMIT,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=6),
        venue="Stadthalle Gütersloh",
        address="Friedrichstraße 10",
        capacity=200,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=9),
        is_published=True,
    )
    board = board_services.board_create(
        actor=office,
        name="U30-Beirat Morgenmacher",
        slug="morgenmacher",
        purpose="Der U30-Beirat.",
        kind=BoardKind.YOUTH,
        max_age=30,
        size=25,
        term_start=date(2019, 10, 1),
        quorum_percent=50,
    )
    board_services.board_call_open(board=board, actor=office, deadline=now + timedelta(days=14))
    survey = survey_services.survey_create(
        actor=office,
        title="Digitale Verwaltung",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
    )
    section = survey_services.section_add(survey=survey, actor=office, title="Teil 1")
    survey_services.question_add(
        survey=survey,
        section=section,
        actor=office,
        kind=QuestionKind.SINGLE,
        text="Nutzen Sie das Bürgerportal?",
        required=True,
        options=["ja", "nein"],
    )
    survey = survey_services.survey_publish(survey=survey, actor=office)
    opinion_map = opinion_services.opinion_map_create(
        actor=office, question="Wie digital soll das Rathaus werden?", statements=("Mehr online.",)
    )
    idea = idea_submit(
        author=user, title="WLAN im Stadtpark", body="Bitte **schnell**.", topic=topic
    )
    guide_services.idea_assign(idea=idea, actor=office, department=DepartmentFactory())
    guide_services.response_publish(
        idea=idea,
        actor=office,
        text="Wir prüfen das **gern** und melden uns [hier](https://example.org).",
    )
    idea_change_status(
        idea=idea, actor=office, to_status="in_review", explanation="Wir sehen es uns an."
    )
    idea_change_status(
        idea=idea,
        actor=office,
        to_status="pool",
        explanation="Die Idee kommt in den **Projektpool**.",
    )
    return {"summit": summit, "board": board, "survey": survey, "map": opinion_map, "idea": idea}
