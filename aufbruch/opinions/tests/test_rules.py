from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from aufbruch.core.testing import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(user, moderator, office, guide):
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=2))
    return {
        "anonymous": AnonymousUser(),
        "participant": user,
        "blocked": blocked,
        "guide": guide,
        "moderator": moderator,
        "office": office,
    }


MATRIX = {
    # perm: roles that have it (on an open map)
    "opinions.vote": {"anonymous", "participant", "guide", "moderator", "office"},
    "opinions.add_statement": {"participant", "guide", "moderator", "office"},
    "opinions.moderate_statements": {"moderator", "office"},
    "opinions.create_map": {"office"},
    "opinions.export_map": {"guide", "moderator", "office"},
    "opinions.view_staff_area": {"guide", "moderator", "office"},
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(perm, roles, opinion_map):
    have = {name for name, who in roles.items() if who.has_perm(perm, opinion_map)}
    assert have == MATRIX[perm]


def test_nobody_votes_or_adds_statements_on_a_closed_map(roles, opinion_map):
    opinion_map.is_open = False
    for who in roles.values():
        assert not who.has_perm("opinions.vote", opinion_map)
        assert not who.has_perm("opinions.add_statement", opinion_map)
