"""The role matrix of the survey services (see staff/tests/matrix.py)."""

import pytest

from aufbruch.staff.tests.matrix import OFFICE, PARTICIPANTS, STAFF, expected, outcomes, people
from aufbruch.surveys import services
from aufbruch.surveys.models import Answer, Response, Survey, SurveyToken

from .conftest import Built

MODERATE = OFFICE | {"moderator"}


@pytest.fixture
def world(office):
    who = people()
    built = Built(office)
    services.response_submit(survey=built.survey, data=built.answers(), user=who["author"])
    free_text = Answer.objects.get(question=built.why)
    return who, built, free_text


def _state(built):
    def state():
        return (
            Survey.objects.get(pk=built.survey.pk).closes_at,
            Response.objects.count(),
            SurveyToken.objects.count(),
            list(Answer.objects.order_by("pk").values_list("is_hidden", flat=True)),
        )

    return state


ROWS = {
    "survey_close": (
        lambda w, a: services.survey_close(survey=w[1].survey, actor=a),
        expected(OFFICE),
    ),
    "tokens_issue": (
        lambda w, a: services.tokens_issue(survey=w[1].survey, actor=a, count=2),
        expected(OFFICE),
    ),
    "response_submit": (
        lambda w, a: services.response_submit(survey=w[1].survey, data=w[1].answers(), user=a),
        expected(PARTICIPANTS),
    ),
    # typed in from paper by staff; the code is not valid, so staff get the field error
    "response_submit_with_token": (
        lambda w, a: services.response_submit_with_token(
            survey=w[1].survey, data=w[1].answers(), code="NOCODE", entered_by=a
        ),
        expected(set(), invalid=STAFF),
    ),
    "answer_hide": (
        lambda w, a: services.answer_hide(answer=w[2], actor=a, reason="Beleidigend"),
        expected(MODERATE),
    ),
}


@pytest.mark.parametrize("service", ROWS)
def test_survey_services_by_role(world, service):
    act, table = ROWS[service]
    who = dict(world[0])
    if service == "response_submit_with_token":
        who.pop("anonymous")  # no one typing in: the online form, where the code decides
    table = {role: table[role] for role in who}
    assert outcomes(who, lambda actor: act(world, actor), _state(world[1])) == table


def test_hiding_an_answer_leaves_the_callers_object(world):
    who, _built, answer = world
    hidden = services.answer_hide(answer=answer, actor=who["moderator"], reason="Beleidigend")
    assert answer.is_hidden is False
    assert hidden.is_hidden is True
