"""Each idea permission across the role matrix: anonymous, participant,
author, blocked user, deleted account, staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea, IdeaStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(user, other_user, blocked_user, staff_user):
    deleted = UserFactory(is_deleted=True)
    return {
        "anonymous": AnonymousUser(),
        "participant": other_user,
        "author": user,
        "blocked": blocked_user,
        "deleted": deleted,
        "staff": staff_user,
    }


EXPECTED = {
    # perm: roles that have it on a public, editable idea
    "ideas.add_idea": {"participant", "author", "staff"},
    "ideas.change_idea": {"author"},
    "ideas.support_idea": {"participant", "author", "staff"},
    "ideas.follow_idea": {"participant", "author", "staff"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix_on_a_public_idea(roles, idea, perm):
    allowed = {name for name, person in roles.items() if person.has_perm(perm, idea)}
    assert allowed == EXPECTED[perm]


def test_nobody_edits_after_the_first_response(roles, idea):
    Idea.objects.filter(pk=idea.pk).update(first_response_at=timezone.now())
    idea.refresh_from_db()
    assert not any(person.has_perm("ideas.change_idea", idea) for person in roles.values())


def test_hidden_idea_can_only_be_followed_by_its_author_and_supported_by_nobody(roles, idea):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    idea.refresh_from_db()
    assert {n for n, p in roles.items() if p.has_perm("ideas.follow_idea", idea)} == {"author"}
    assert not any(p.has_perm("ideas.support_idea", idea) for p in roles.values())
    assert not any(p.has_perm("ideas.change_idea", idea) for p in roles.values())


def test_merged_idea_takes_no_support_and_no_edits(roles, idea):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.MERGED)
    idea.refresh_from_db()
    assert not any(
        p.has_perm("ideas.support_idea", idea) or p.has_perm("ideas.change_idea", idea)
        for p in roles.values()
    )
