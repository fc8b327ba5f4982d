"""The inbox's rows are shared between requests and staff members under a
key named by what each row shows (guides/templatetags/inbox_rows.py, issue
#15): every change to what a row shows appears on the next request, for
every staff member, and nothing of the viewer is in a row."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.guides.services import idea_assign
from aufbruch.ideas.services import idea_support
from aufbruch.ideas.workflow import idea_change_status

pytestmark = pytest.mark.django_db


def _row(html: str, idea) -> str:
    start = html.index(f'href="{reverse("guides:idea", args=[idea.pk])}"')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def _inbox(client) -> str:
    response = client.get(reverse("guides:inbox"), {"scope": "all"})
    assert response.status_code == 200
    return response.content.decode()


def _row_keys() -> set[str]:
    return {k for k in cache._cache if "guides:inbox-row:" in k}  # the tests' local-memory cache


def test_rows_are_shared_and_show_every_change_at_once(
    client, office, guide, idea, department, other_department
):
    office_client, guide_client = client, type(client)()
    login_with_mfa(office_client, office)
    login_with_mfa(guide_client, guide)
    first = _row(_inbox(office_client), idea)
    assert _row_keys()  # stored
    keys = _row_keys()
    assert _row(_inbox(guide_client), idea) == first  # the same row for another staff member
    assert _row_keys() == keys  # from the shared rendering
    assert office.public_name not in first and guide.public_name not in first

    idea_support(idea=idea, user=UserFactory())
    row = _row(_inbox(guide_client), idea)
    assert ">1</td>" in row
    idea_assign(idea=idea, actor=office, department=other_department, assignee=None)
    row = _row(_inbox(office_client), idea)
    assert other_department.name in row and department.name not in row
    assert "in Prüfung" not in row
    idea_change_status(idea=idea, actor=office, to_status="in_review", explanation="Wir prüfen.")
    assert "in Prüfung" in _row(_inbox(guide_client), idea)


def test_rows_follow_the_language(client, office, idea):
    from django.conf import settings

    login_with_mfa(client, office)
    german = _row(_inbox(client), idea)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _row(_inbox(client), idea)
    assert german != english
    assert "Eingereicht" in german or "eingereicht" in german
    assert "ubmitted" in english
