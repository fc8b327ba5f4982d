import pytest

from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.ideas.services import idea_follow, idea_submit, idea_support
from aufbruch.staff.models import StaffRole, StaffRoleKind


@pytest.fixture
def department(db, topic):
    dept = DepartmentFactory(name="Fachbereich Digitales", slug="digitales")
    dept.topics.add(topic)
    return dept


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="Fachbereich Tiefbau", slug="tiefbau")


def _staff(email, role, department=None):
    user = UserFactory(email=email, display_name=f"Mitarbeiterin {email.split('@')[0].title()}")
    StaffRole.objects.create(user=user, role=role, department=department)
    return user


@pytest.fixture
def office(db):
    return _staff("office@example.org", StaffRoleKind.OFFICE)


@pytest.fixture
def moderator(db):
    return _staff("moderator@example.org", StaffRoleKind.MODERATOR)


@pytest.fixture
def guide(department):
    return _staff("guide@example.org", StaffRoleKind.GUIDE, department)


@pytest.fixture
def other_guide(other_department):
    return _staff("otherguide@example.org", StaffRoleKind.GUIDE, other_department)


@pytest.fixture
def author(db):
    return UserFactory(email="author@example.org", display_name="Autorin")


@pytest.fixture
def participant(db):
    return UserFactory(email="participant@example.org", display_name="Teilnehmer")


@pytest.fixture
def idea(author, topic, department):
    return idea_submit(
        author=author, title="Freies WLAN im Rathaus", body="Bitte WLAN für alle.", topic=topic
    )


@pytest.fixture
def supporter(idea):
    user = UserFactory(email="supporter@example.org", display_name="Unterstützerin")
    idea_support(idea=idea, user=user)
    return user


@pytest.fixture
def follower(idea):
    user = UserFactory(email="follower@example.org", display_name="Folgender")
    idea_follow(idea=idea, user=user)
    return user


ROLES = ["anonymous", "participant", "author", "guide", "other_guide", "moderator", "office"]


@pytest.fixture
def as_role(request, client, participant, author, guide, other_guide, moderator, office):
    """Log the client in as one of ROLES (staff with TOTP); returns the user or None."""
    from aufbruch.core.testing import login_with_mfa

    def login(role):
        users = {
            "participant": participant,
            "author": author,
            "guide": guide,
            "other_guide": other_guide,
            "moderator": moderator,
            "office": office,
        }
        if role == "anonymous":
            return None
        # Everyone gets TOTP here, so that the views' own checks are what is
        # tested (without it, StaffMFAMiddleware redirects before the view).
        user = users[role]
        login_with_mfa(client, user)
        return user

    return login
