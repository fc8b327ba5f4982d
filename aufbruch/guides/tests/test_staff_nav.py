"""The staff navigation shows each role exactly the areas it may open."""

import re

import pytest
from django.urls import reverse

from aufbruch.core.testing import login_with_mfa

pytestmark = pytest.mark.django_db

ALL_AREAS = [
    "guides:inbox",
    "guides:idea_enter",
    "guides:roles",
    "guides:settings",
    "committees:list",
    "dashboards:index",
    "moderation_staff:queue",
    "meetings:manage_list",
    "boards_staff:list",
    "surveys:manage_list",
    "opinions_staff:index",
    "assumptions:manage_list",
    "committees:positions",
    "figures_staff:index",
    "agenda_staff:list",
    "pages_staff:index",
    "projects_staff:list",
]


def nav_links(html: str) -> set[str]:
    nav = re.search(r'<nav class="ab-staff-nav".*?</nav>', html, re.S).group(0)
    return set(re.findall(r'href="([^"]+)"', nav))


@pytest.mark.parametrize("role", ["guide", "moderator", "office"])
def test_nav_links_are_exactly_the_areas_the_role_may_open(client, request, role):
    user = request.getfixturevalue(role)
    login_with_mfa(client, user)
    links = nav_links(client.get(reverse("guides:inbox")).content.decode())
    for name in ALL_AREAS:
        url = reverse(name)
        status = client.get(url).status_code
        if url in links:
            assert status == 200, (role, name, status)
        else:
            assert status in (403, 404), (role, name, status)
    assert reverse("guides:inbox") in links


def test_the_office_sees_every_area(client, office):
    login_with_mfa(client, office)
    links = nav_links(client.get(reverse("guides:inbox")).content.decode())
    assert links == {reverse(name) for name in ALL_AREAS}
