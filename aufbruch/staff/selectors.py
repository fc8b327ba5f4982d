"""Who holds which staff role (read once per request, cached on the user)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .mfa import staff_powers_active
from .models import StaffRole, StaffRoleKind


def _roles(user) -> list[tuple[str, int | None]]:
    """The user's staff roles, fetched once per request object (cached on the user).
    None count in a session that has not passed the second factor."""
    if not getattr(user, "is_authenticated", False) or not staff_powers_active(user):
        return []
    cached = getattr(user, "_aufbruch_staff_roles", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user).values_list("role", "department_id"))
        user._aufbruch_staff_roles = cached
    return cached


def _is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and staff_powers_active(user))


def is_staff_member(user) -> bool:
    """Guides, moderators, the programme office (and superusers)."""
    return bool(_is_superuser(user) or _roles(user))


def is_programme_office(user) -> bool:
    return bool(_is_superuser(user) or any(r == StaffRoleKind.OFFICE for r, _ in _roles(user)))


def is_moderator(user) -> bool:
    return is_programme_office(user) or any(r == StaffRoleKind.MODERATOR for r, _ in _roles(user))


def guide_department_ids(user) -> set[int]:
    return {d for r, d in _roles(user) if r == StaffRoleKind.GUIDE and d is not None}


def is_guide(user) -> bool:
    return bool(guide_department_ids(user))


def department_guides(department_id: int | None):
    """Users who are guides of the department."""
    if department_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            staff_roles__role=StaffRoleKind.GUIDE, staff_roles__department_id=department_id
        )
        .order_by("display_name", "pk")
    )


def is_guide_of_department(user, department_id: int | None) -> bool:
    return department_id is not None and department_id in guide_department_ids(user)
