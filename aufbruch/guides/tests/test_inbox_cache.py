"""The inbox kept for the ideas' current generation (guides/views.py): every
change shows at once, each guide's "mine" stays theirs, and odd query
strings never fill the cache."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.guides.services import idea_assign
from aufbruch.ideas.models import IdeaStatus
from aufbruch.ideas.services import idea_submit, idea_support
from aufbruch.ideas.workflow import idea_change_status

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def _inbox(client, **params) -> str:
    headers = params.pop("headers", {})
    response = client.get(reverse("guides:inbox"), params, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _kept_keys() -> set[str]:
    return {k for k in cache._cache if ":guides:inbox:" in k}  # the tests' local-memory cache


def _row(html: str, title: str) -> str:
    """The table row of the idea titled ``title``."""
    start = html.index(title)
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def _supports(html: str) -> int:
    """The supports column of the idea's row."""
    cell = _row(html, "Freies WLAN im Rathaus").rsplit("kern-table__cell--numeric", 1)[1]
    return int(re.search(r">(\d+)<", cell).group(1))


def test_a_kept_inbox_shows_every_change_at_once(guide, idea, participant):
    client = _client(guide)
    _inbox(client)
    assert _kept_keys()  # the page is kept …
    assert "eingereicht" in _row(_inbox(client), "Freies WLAN im Rathaus")  # … and served
    idea_change_status(idea=idea, actor=guide, to_status=IdeaStatus.IN_REVIEW, explanation="x")
    row = _row(_inbox(client), "Freies WLAN im Rathaus")
    assert "in Prüfung" in row and "eingereicht" not in row
    assert _supports(_inbox(client)) == 0
    idea_support(idea=idea, user=participant)
    assert _supports(_inbox(client)) == 1


def test_each_guide_sees_their_own_departments(guide, other_guide, idea, author, other_department):
    mine, theirs = _client(guide), _client(other_guide)
    assert "Freies WLAN im Rathaus" in _inbox(mine)
    assert "Freies WLAN im Rathaus" not in _inbox(theirs)  # not the first guide's kept page
    assert "Freies WLAN im Rathaus" in _inbox(mine)
    idea_assign(idea=idea, actor=guide, department=other_department, reason="Zuständig ist Tiefbau")
    assert "Freies WLAN im Rathaus" in _inbox(theirs)
    assert "Freies WLAN im Rathaus" not in _inbox(mine)


def test_the_shared_scopes_are_one_rendering_for_all_staff(guide, office, idea):
    _inbox(_client(guide), scope="all")
    kept = _kept_keys()
    _inbox(_client(office), scope="all")
    assert _kept_keys() == kept
    # Each sees their own navigation around it: only the office manages roles.
    assert reverse("guides:roles") in _inbox(_client(office), scope="all")
    assert reverse("guides:roles") not in _inbox(_client(guide), scope="all")


def test_odd_query_strings_do_not_fill_the_cache(guide, idea):
    client = _client(guide)
    for params in (
        {"scope": "<script>"},
        {"scope": "all", "topic": "abc"},
        {"scope": "all", "q": "WLAN"},
        {"scope": "all", "page": "x"},
        {"scope": "all", "page": "500"},  # past the end
        {"scope": "all", "page": "12000"},  # past the pages the view shows
        {"scope": ["all", "new"]},
        {"scope": "all", "status": "ä" * 65},
    ):
        html = _inbox(client, **params)
        assert "Eingang der Digitalen Lotsen" in html
    assert _kept_keys() == set()
    # A wrong value is named next to its field, in German, escaped, each time.
    for _ in range(2):
        html = _inbox(client, scope="<script>", topic="abc")
        assert "&lt;script&gt; ist keine gültige Auswahl." in html
        assert "<script>" not in html.split("<main", 1)[1]
    assert _kept_keys() == set()
    # Unknown parameters are ignored: the page and its links are the plain one's.
    html = _inbox(client, scope="all", utm_source="x" * 60)
    body = html[html.index('<h1 class="kern-heading-large">') : html.index("<footer")]
    assert "utm_source" not in body  # the frame's language switch returns to the full path
    assert len(_kept_keys()) == 1


def test_a_search_is_answered_fresh(guide, idea, author, topic):
    client = _client(guide)
    assert "Freies WLAN" in _inbox(client, scope="all", q="WLAN")
    idea_submit(author=author, title="WLAN im Bus", body="Text", topic=topic)
    assert "WLAN im Bus" in _inbox(client, scope="all", q="WLAN")


def test_languages_and_htmx_are_kept_apart(guide, idea):
    client = _client(guide)
    german = _inbox(client, scope="all")
    results = _inbox(client, scope="all", headers={"HX-Request": "true"})
    assert "<html" in german and "<html" not in results and "<form" not in results
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _inbox(client, scope="all")
    assert "Inbox of the digital guides" in english
    assert "Inbox of the digital guides" not in _inbox(_client(guide), scope="all")


def test_a_resident_gets_no_kept_inbox(guide, idea):
    _inbox(_client(guide), scope="all")
    resident = Client()
    resident.force_login(UserFactory())
    assert resident.get(reverse("guides:inbox"), {"scope": "all"}).status_code == 403
