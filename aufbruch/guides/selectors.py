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


# --- process settings -----------------------------------------------------------------

SETTINGS_CACHE_KEY = "guides:settings"
SETTINGS_CACHE_SECONDS = 60


def guide_settings():
    """The programme office's process settings (response days, support threshold
    and window), cached briefly; the defaults apply until the office saves them."""
    from django.core.cache import cache

    from .models import GuideSettings

    cached = cache.get(SETTINGS_CACHE_KEY)
    if cached is None:
        cached = GuideSettings.objects.filter(pk=1).first() or GuideSettings(pk=1)
        cache.set(SETTINGS_CACHE_KEY, cached, SETTINGS_CACHE_SECONDS)
    return cached


def department_guides(department_id: int | None):
    """Users who are guides of the department."""
    from django.contrib.auth import get_user_model

    if department_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        staff_roles__role=StaffRoleKind.GUIDE, staff_roles__department_id=department_id
    ).order_by("display_name", "pk")


def is_guide_of_department(user, department_id: int | None) -> bool:
    return department_id is not None and department_id in guide_department_ids(user)
