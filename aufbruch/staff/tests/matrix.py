"""The role matrix at the service level (issue #11: one permission path).

Each app's ``test_service_permissions.py`` has a table: one row per service,
with the roles that may call it. ``outcomes()`` calls the service once per
role, each time inside a savepoint that is rolled back, so every role starts
from the same state; a refused call must raise ``PermissionDenied`` and
change nothing (the ``state`` snapshot, which always includes the audit log).

Outside a request staff roles count (management commands and tasks are
trusted, see ``staff.mfa``); ``office_no_mfa`` is the programme office in a
session that has not passed the second factor, which must be refused
everything the office alone may do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.staff.models import StaffRole, StaffRoleKind

ROLES = (
    "anonymous",
    "resident",
    "author",
    "guide",
    "other_guide",
    "moderator",
    "office",
    "superuser",
    "office_no_mfa",
)
STAFF = {"guide", "other_guide", "moderator", "office", "superuser"}
OFFICE = {"office", "superuser"}
MODERATORS = {"moderator", "office", "superuser"}
PARTICIPANTS = set(ROLES) - {"anonymous"}


class _Undo(Exception):
    pass


def _staff(email: str, role: str, department=None):
    user = UserFactory(email=email, display_name=email.split("@")[0].title())
    StaffRole.objects.create(user=user, role=role, department=department)
    return user


def people(*, department=None, author=None) -> dict[str, Any]:
    """One person per role. ``department`` is the guide's own department
    (the other guide gets another one); ``author`` owns the objects. The
    addresses are the matrix's own, apart from the apps' fixtures."""
    department = department or DepartmentFactory()
    office_no_mfa = _staff("office-no-mfa.matrix@example.org", StaffRoleKind.OFFICE)
    office_no_mfa._aufbruch_mfa_session = False  # as MFASessionMiddleware marks it
    return {
        "anonymous": None,
        "resident": UserFactory(email="resident.matrix@example.org", display_name="Anwohnerin"),
        "author": author or UserFactory(email="author.matrix@example.org", display_name="Autorin"),
        "guide": _staff("guide.matrix@example.org", StaffRoleKind.GUIDE, department),
        "other_guide": _staff(
            "other-guide.matrix@example.org",
            StaffRoleKind.GUIDE,
            DepartmentFactory(name="Anderes Amt"),
        ),
        "moderator": _staff("moderator.matrix@example.org", StaffRoleKind.MODERATOR),
        "office": _staff("office.matrix@example.org", StaffRoleKind.OFFICE),
        "superuser": UserFactory(
            email="root.matrix@example.org", display_name="Root", is_superuser=True, is_staff=True
        ),
        "office_no_mfa": office_no_mfa,
    }


def outcomes(
    who: dict[str, Any],
    act: Callable[[Any], Any],
    state: Callable[[], Any] = lambda: None,
) -> dict[str, str]:
    """``{"role": "allowed" | "denied"}``; a refusal that changed the state
    (or any other exception) fails the test. A ValidationError is
    "invalid": the permission held, the input or the state did not."""
    result = {}
    for role, actor in who.items():
        before = (AuditEntry.objects.count(), state())
        try:
            with transaction.atomic():
                act(actor)
                raise _Undo
        except _Undo:
            result[role] = "allowed"
        except (PermissionDenied, ValidationError) as exc:
            after = (AuditEntry.objects.count(), state())
            assert after == before, f"{role} was refused but the state changed"
            result[role] = "denied" if isinstance(exc, PermissionDenied) else "invalid"
    return result


def expected(allowed: set[str], *, invalid: set[str] = frozenset(), roles=ROLES) -> dict[str, str]:
    """``invalid``: roles that pass the permission but whose call the
    service refuses for a reason it explains (a ValidationError)."""
    return {
        role: "invalid" if role in invalid else "allowed" if role in allowed else "denied"
        for role in roles
    }
