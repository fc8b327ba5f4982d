"""Every permission across the roles: anonymous, participant, applicant, member,
member of another board, pending (minor without consent), guide, programme office."""

import pytest
from django.contrib.auth.models import AnonymousUser

from aufbruch.boards import services, voting
from aufbruch.boards.models import BoardApplication, Membership
from aufbruch.core.testing import UserFactory

from .conftest import MINOR_YEAR

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "applicant",
    "pending_minor",
    "member",
    "other_member",
    "guide",
    "other_guide",
    "office",
]


@pytest.fixture
def pending_minor(board, office):
    user = UserFactory(display_name="Minderjährig")
    application = services.application_submit(
        board=board, applicant=user, motivation="Hallo", birth_year=MINOR_YEAR
    )
    services.application_decide(application=application, actor=office, accept=True)
    assert Membership.objects.get(user=user).status == "pending_consent"
    return user


@pytest.fixture
def people(
    request, board, user, applicant, pending_minor, member, other_member, guide, other_guide, office
):
    return {
        "anonymous": AnonymousUser(),
        "participant": user,
        "applicant": applicant,
        "pending_minor": pending_minor,
        "member": member,
        "other_member": other_member,
        "guide": guide,
        "other_guide": other_guide,
        "office": office,
    }


@pytest.fixture
def rec(board, member, idea):
    return voting.recommendation_draft(
        board=board, author=member, title="T", body="B", ideas=[idea]
    )


EXPECTED = {
    "boards.apply": {
        "participant",
        "applicant",
        "pending_minor",
        "member",
        "other_member",
        "guide",
        "other_guide",
        "office",
    },
    "boards.manage_board": {"office"},
    "boards.view_workspace": {"member", "office"},
    "boards.post_in_workspace": {"member", "office"},
    "boards.draft_recommendation": {"member"},
    "boards.open_vote": {"member", "office"},
    "boards.vote": {"member"},
    "boards.close_vote": {"office"},
    "boards.answer_recommendation": {"guide", "office"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(people, board, rec, perm):
    obj = (
        rec
        if perm
        in ("boards.open_vote", "boards.vote", "boards.close_vote", "boards.answer_recommendation")
        else board
    )
    allowed = {role for role, person in people.items() if person.has_perm(perm, obj)}
    assert allowed == EXPECTED[perm]


def test_view_application_only_applicant_and_office(people, board):
    application = BoardApplication.objects.get(applicant=people["applicant"])
    allowed = {
        role
        for role, person in people.items()
        if person.has_perm("boards.view_application", application)
    }
    assert allowed == {"applicant", "office"}


def test_blocked_member_loses_the_workspace(board, member):
    from datetime import timedelta

    from django.utils import timezone

    member.blocked_until = timezone.now() + timedelta(days=1)
    member.save()
    assert not member.has_perm("boards.view_workspace", board)
    assert not member.has_perm("boards.vote", board)
