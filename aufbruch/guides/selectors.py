from __future__ import annotations

from .models import StaffRole, StaffRoleKind


def _roles(user) -> list[tuple[str, int | None]]:
    """The user's staff roles, fetched once per request object (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_aufbruch_staff_roles", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user).values_list("role", "department_id"))
        user._aufbruch_staff_roles = cached
    return cached


def is_staff_member(user) -> bool:
    """Guides, moderators, the programme office (and superusers)."""
    return bool(getattr(user, "is_superuser", False) or _roles(user))


def is_programme_office(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or any(r == StaffRoleKind.OFFICE for r, _ in _roles(user)))


def is_moderator(user) -> bool:
    return is_programme_office(user) or any(r == StaffRoleKind.MODERATOR for r, _ in _roles(user))


def guide_department_ids(user) -> set[int]:
    return {d for r, d in _roles(user) if r == StaffRoleKind.GUIDE and d is not None}


def is_guide(user) -> bool:
    return bool(guide_department_ids(user))
