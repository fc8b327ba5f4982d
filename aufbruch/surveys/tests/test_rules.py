from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from aufbruch.surveys.models import Survey

from .conftest import Built

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(user, guide, moderator, office):
    return {
        "anonymous": AnonymousUser(),
        "participant": user,
        "guide": guide,
        "moderator": moderator,
        "office": office,
    }


EXPECTED = {
    # perm: roles that have it (for an open survey, results after close)
    "surveys.manage_survey": {"office"},
    "surveys.enter_paper_answers": {"guide", "moderator", "office"},
    "surveys.respond": {"participant", "guide", "moderator", "office"},
    "surveys.view_results": {"guide", "moderator", "office"},
    "surveys.view_free_text": {"guide", "moderator", "office"},
    "surveys.moderate_answers": {"moderator", "office"},
    "surveys.export_csv": {"guide", "moderator", "office"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(perm, people, office):
    survey = Built(office).survey
    granted = {role for role, person in people.items() if person.has_perm(perm, survey)}
    assert granted == EXPECTED[perm]


def test_nobody_responds_to_a_closed_survey_and_results_become_public(people, office):
    survey = Built(office).survey
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    survey.refresh_from_db()
    assert not any(p.has_perm("surveys.respond", survey) for p in people.values())
    assert all(p.has_perm("surveys.view_results", survey) for p in people.values())


def test_staff_only_results_stay_private_after_close(people, office):
    survey = Built(office, results_visibility="staff").survey
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    survey.refresh_from_db()
    assert {r for r, p in people.items() if p.has_perm("surveys.view_results", survey)} == {
        "guide",
        "moderator",
        "office",
    }


def test_blocked_participant_cannot_respond(user, office):
    survey = Built(office).survey
    user.blocked_until = timezone.now() + timedelta(days=1)
    assert not user.has_perm("surveys.respond", survey)
