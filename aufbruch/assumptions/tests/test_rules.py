import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "perm, expected",
    [
        ("assumptions.manage_assumption", {"office"}),
        ("assumptions.staff_area", {"guide", "owner", "office"}),
        ("assumptions.review_assumption", {"owner", "office"}),
    ],
)
def test_permission_matrix(perm, expected, assumption, user, guide, owner, office):
    people = {
        "anonymous": AnonymousUser(),
        "participant": user,
        "guide": guide,
        "owner": owner,
        "office": office,
    }
    assert {role for role, p in people.items() if p.has_perm(perm, assumption)} == expected
