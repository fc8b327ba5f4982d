"""One staff boundary (issue #11): every view that needs a staff permission
lives under /staff/, and every view under /staff/ says which permission it
needs. Views say so with ``staff.decorators.staff_view``, which is also what
checks the permission; ``StaffMFAMiddleware`` asks for the second factor on
the whole /staff/ path, so a staff page outside it would escape that."""

from __future__ import annotations

import pytest
import rules
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from aufbruch.core.testing import UserFactory, enable_totp, login_password_only, login_with_mfa
from aufbruch.staff.decorators import STAFF_PATH, staff_view
from aufbruch.staff.models import StaffRole, StaffRoleKind


def walk(resolver, prefix: str = "", namespace: str = ""):
    """(route, view, name) of every URL pattern, recursively, with the full
    route and the namespaced name."""
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern).lstrip("^")
        if isinstance(p, URLResolver):
            inner = ":".join(filter(None, [namespace, p.namespace]))
            yield from walk(p, route, inner)
        elif isinstance(p, URLPattern):
            name = ":".join(filter(None, [namespace, p.name])) if p.name else None
            yield "/" + route, p.callback, name


def staff_permission_of(view) -> str | None:
    view_class = getattr(view, "view_class", None)
    return getattr(view, "staff_permission", None) or getattr(view_class, "staff_permission", None)


def boundary_violations(resolver) -> tuple[list[str], list[str]]:
    """(marked staff views outside /staff/, unmarked views under /staff/)."""
    outside, unmarked = [], []
    for route, view, name in walk(resolver):
        perm = staff_permission_of(view)
        if perm is not None and not route.startswith(STAFF_PATH):
            outside.append(f"{route} ({name}, {perm})")
        if perm is None and route.startswith(STAFF_PATH):
            unmarked.append(f"{route} ({name})")
    return outside, unmarked


def test_every_staff_view_is_under_staff_and_every_staff_url_is_a_staff_view():
    outside, unmarked = boundary_violations(get_resolver())
    assert outside == [], "staff views outside /staff/:\n" + "\n".join(outside)
    assert unmarked == [], "views under /staff/ without staff_view:\n" + "\n".join(unmarked)


def test_the_walk_reaches_the_staff_views_of_every_app():
    marked = {
        name.split(":")[0]
        for route, view, name in walk(get_resolver())
        if staff_permission_of(view) and name
    }
    # the three areas that used to live at /events/manage/, /surveys/manage/, /assumptions/manage/
    assert {"meetings", "surveys", "assumptions"} <= marked
    assert {"guides", "committees", "moderation_staff", "boards_staff", "opinions_staff"} <= marked
    assert {
        "dashboards",
        "figures_staff",
        "agenda_staff",
        "pages_staff",
        "projects_staff",
    } <= marked


def test_every_staff_permission_named_is_a_rule():
    unknown = {
        (name, perm)
        for _, view, name in walk(get_resolver())
        if (perm := staff_permission_of(view)) and not rules.perm_exists(perm)
    }
    assert unknown == set()


def test_a_staff_view_outside_staff_is_found():
    """The check is not vacuous: a marked view elsewhere and an unmarked one
    under /staff/ are both reported."""

    @staff_view("meetings.manage_meeting")
    def sneaky(request):
        raise AssertionError

    def plain(request):
        raise AssertionError

    resolver = URLResolver(
        get_resolver().pattern,
        [path("events/manage/", sneaky, name="sneaky"), path("staff/plain/", plain, name="plain")],
    )
    outside, unmarked = boundary_violations(resolver)
    assert outside == ["/events/manage/ (sneaky, meetings.manage_meeting)"]
    assert unmarked == ["/staff/plain/ (plain)"]


# --- the moved pages ------------------------------------------------------------------------------

MOVED = {
    "meetings:manage_list": "/staff/events/",
    "meetings:manage_create": "/staff/events/new/",
    "surveys:manage_list": "/staff/surveys/",
    "assumptions:manage_list": "/staff/assumptions/",
}


def test_moved_pages_keep_their_names_under_staff():
    for name, url in MOVED.items():
        assert reverse(name) == url
    assert reverse("meetings:check_in", args=[7]) == "/staff/events/7/check-in/"
    assert reverse("meetings:live_moderation", args=[7, 3]) == "/staff/events/7/live/3/"
    assert reverse("surveys:results_csv", args=[4]) == "/staff/surveys/4/results.csv"
    assert reverse("assumptions:review", args=[2]) == "/staff/assumptions/2/review/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/events/manage/", "/staff/events/"),
        ("/events/manage/5/edit/?tab=1", "/staff/events/5/edit/?tab=1"),
        ("/events/manage/5/live/9/", "/staff/events/5/live/9/"),
        ("/events/5/check-in/", "/staff/events/5/check-in/"),
        ("/surveys/manage/", "/staff/surveys/"),
        ("/surveys/manage/3/tokens/", "/staff/surveys/3/tokens/"),
        ("/surveys/3/results.csv", "/staff/surveys/3/results.csv"),
        ("/assumptions/manage/", "/staff/assumptions/"),
        ("/assumptions/manage/2/review/", "/staff/assumptions/2/review/"),
    ],
)
def test_old_addresses_redirect_permanently(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.fixture
def office(db):
    user = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=user, role=StaffRoleKind.OFFICE)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MOVED))
def test_moved_pages_ask_staff_for_the_second_factor(name, office):
    url = reverse(name)
    # no authenticator yet: set one up first
    no_totp = Client()
    login_password_only(no_totp, office)
    response = no_totp.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # an authenticator, but this session has not used it: confirm it, then come back
    enable_totp(office)
    password_only = Client()
    login_password_only(password_only, office)
    response = password_only.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert f"next={url}" in response["Location"].replace("%2F", "/")
    # with the second factor the page opens
    with_mfa = Client()
    login_with_mfa(with_mfa, office)
    assert with_mfa.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MOVED))
def test_moved_pages_refuse_residents_and_send_visitors_to_login(name):
    url = reverse(name)
    resident = Client()
    login_with_mfa(resident, UserFactory(display_name="Anwohnerin"))
    assert resident.get(url).status_code == 403
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
