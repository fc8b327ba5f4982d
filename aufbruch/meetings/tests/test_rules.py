import pytest
from django.contrib.auth.models import AnonymousUser

from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.staff.models import StaffRole, StaffRoleKind

pytestmark = pytest.mark.django_db


def guide():
    user = UserFactory()
    StaffRole.objects.create(user=user, role=StaffRoleKind.GUIDE, department=DepartmentFactory())
    return user


@pytest.fixture
def roles(office, moderator, user):
    organiser = guide()
    return {
        "anonymous": AnonymousUser(),
        "participant": user,
        "moderator": moderator,
        "office": office,
        "organiser": organiser,
        "other_guide": guide(),
    }


EXPECTED = {
    # permission: roles that have it (on an event organised by "organiser")
    "meetings.create_meeting": {"office"},
    "meetings.view_manage_list": {"office", "organiser", "moderator", "other_guide"},
    "meetings.manage_meeting": {"office", "organiser"},
    "meetings.view_attendees": {"office", "organiser"},
    "meetings.check_in": {"office", "organiser"},
    "meetings.moderate_live": {"office", "organiser", "moderator"},
    "meetings.register": {"participant", "moderator", "office", "organiser", "other_guide"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(perm, roles, make_meeting):
    meeting = make_meeting(organiser=roles["organiser"])
    allowed = {name for name, who in roles.items() if who.has_perm(perm, meeting)}
    assert allowed == EXPECTED[perm]


def test_blocked_or_deleted_participants_cannot_register(user):
    from datetime import timedelta

    from django.utils import timezone

    user.blocked_until = timezone.now() + timedelta(days=1)
    assert not user.has_perm("meetings.register")
    user.blocked_until = None
    user.is_deleted = True
    assert not user.has_perm("meetings.register")
