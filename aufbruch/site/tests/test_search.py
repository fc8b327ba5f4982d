"""The site-wide search (/suche/) through real HTTP: German recall cases
(compounds both ways, parts, plurals, a typo, several optional words with the
best matches first), every public type in one box, nothing private."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aufbruch.assumptions.services import assumption_create
from aufbruch.boards import voting
from aufbruch.boards.tests.conftest import add_member, create_board
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.services import idea_submit
from aufbruch.meetings.models import MeetingKind
from aufbruch.meetings.services import meeting_create
from aufbruch.moderation.services import content_hide
from aufbruch.opinions.services import opinion_map_create
from aufbruch.staff.models import StaffRole, StaffRoleKind
from aufbruch.surveys.models import QuestionKind
from aufbruch.surveys.services import question_add, section_add, survey_create, survey_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    user = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=user, role=StaffRoleKind.OFFICE)
    return user


def search(client, q: str) -> str:
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def hits(html: str, section: str) -> list[str]:
    """Titles of the hits in one section, in their order."""
    m = re.search(rf'id="search-{section}".*?</section>', html, re.S)
    return re.findall(r'<a class="kern-link" href="[^"]+">([^<]+)</a>', m.group(0)) if m else []


def idea(user, topic, title: str, body: str = "Bitte umsetzen.") -> None:
    idea_submit(author=user, title=title, body=body, topic=topic)


def test_compound_query_finds_its_parts_and_parts_find_compounds(client, user, topic):
    idea(user, topic, "Neuer Radweg an der Bahnhofstraße")
    idea(user, topic, "Mehr Bänke im Stadtpark")
    assert hits(search(client, "Fahrradweg"), "ideas") == ["Neuer Radweg an der Bahnhofstraße"]
    assert hits(search(client, "Weg"), "ideas") == ["Neuer Radweg an der Bahnhofstraße"]
    assert hits(search(client, "Park"), "ideas") == ["Mehr Bänke im Stadtpark"]


def test_plural_and_derived_words_match(client, user, topic):
    idea(user, topic, "Digitale Tafeln für die Schulen")
    idea(user, topic, "Spielplatz am Rathaus")
    assert hits(search(client, "Schule"), "ideas") == ["Digitale Tafeln für die Schulen"]
    assert hits(search(client, "Spielplätze"), "ideas") == ["Spielplatz am Rathaus"]


def test_several_words_are_optional_and_the_best_match_comes_first(client, user, topic):
    idea(user, topic, "Digitale Tafeln für die Schulen")
    idea(user, topic, "WLAN in der Schule", body="Ohne Netz lernt niemand.")
    idea(user, topic, "Digitalisierung im Bürgerbüro")
    idea(user, topic, "Bäume pflanzen")
    found = hits(search(client, "Digitalisierung Schule"), "ideas")
    # Both words beat one word; every idea with one of the words is found.
    assert found[0] == "Digitale Tafeln für die Schulen"
    assert set(found) == {
        "Digitale Tafeln für die Schulen",
        "WLAN in der Schule",
        "Digitalisierung im Bürgerbüro",
    }


def test_title_matches_rank_above_text_matches(client, user, topic):
    idea(user, topic, "Sitzbänke", body="Mehr Bänke am Radweg.")
    idea(user, topic, "Radweg sanieren")
    assert hits(search(client, "Radweg"), "ideas") == ["Radweg sanieren", "Sitzbänke"]


def test_one_typo_is_tolerated(client, user, topic):
    idea(user, topic, "Spielplatz am Rathaus")
    assert hits(search(client, "Spielplaz"), "ideas") == ["Spielplatz am Rathaus"]
    assert hits(search(client, "Rathuas"), "ideas") == ["Spielplatz am Rathaus"]
    assert "Nothing found" in search(client, "Xylophon") or "Nichts gefunden" in search(
        client, "Xylophon"
    )


def test_the_idea_list_search_uses_the_same_rules(client, user, topic):
    idea(user, topic, "Neuer Radweg an der Bahnhofstraße")
    idea(user, topic, "Bäume pflanzen")
    html = client.get(reverse("ideas:list"), {"q": "Fahrradweg"}).content.decode()
    assert "Neuer Radweg an der Bahnhofstraße" in html and "Bäume pflanzen" not in html
    html = client.get(reverse("ideas:list"), {"q": "Bäumme"}).content.decode()
    assert "Bäume pflanzen" in html and "Radweg" not in html


def _published_survey(office, title: str):
    now = timezone.now()
    survey = survey_create(
        actor=office,
        title=title,
        description="Ihre Meinung zum Radverkehr.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    section = section_add(survey=survey, actor=office, title="Fragen")
    question_add(
        survey=survey,
        section=section,
        actor=office,
        kind=QuestionKind.SHORT_TEXT,
        text="Was fehlt?",
    )
    return survey_publish(survey=survey, actor=office)


def _event(office, title: str, **kwargs):
    now = timezone.now()
    fields = {
        "title": title,
        "description": "Gemeinsam planen.",
        "kind": MeetingKind.WORKSHOP,
        "starts_at": now + timedelta(days=10),
        "ends_at": now + timedelta(days=10, hours=2),
        "venue": "Stadthalle",
        "capacity": 20,
        "registration_opens_at": now - timedelta(days=1),
        "registration_closes_at": now + timedelta(days=9),
        "is_published": True,
    }
    fields.update(kwargs)
    return meeting_create(actor=office, **fields)


def _recommendation(office, title: str, *, publish: bool):
    board = create_board(office)
    member = add_member(board, office)
    rec = voting.recommendation_draft(board=board, author=member, title=title, body="Text")
    if publish:
        voting.recommendation_open_vote(
            recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
        )
        voting.vote_cast(recommendation=rec, voter=member, choice="yes")
        voting.recommendation_close_vote(recommendation=rec, actor=office)
    return rec


def test_one_box_finds_every_public_type(client, user, topic, office):
    idea(user, topic, "Radweg zur Gesamtschule")
    _event(office, "Werkstatt Radverkehr")
    _published_survey(office, "Umfrage zum Fahrradparken")
    opinion_map_create(
        actor=office,
        question="Wie viel Platz für Fahrräder?",
        description="",
        statements=("Mehr Abstellplätze.", "Breitere Wege."),
    )
    rec = _recommendation(office, "Sichere Radwege für Jugendliche", publish=True)
    rec.refresh_from_db()
    assert rec.published_at
    assumption_create(
        actor=office,
        wording="Jugendliche fahren gern Rad",
        topic=topic,
        owner=office,
        review_due_on=timezone.localdate(),
    )
    html = search(client, "Fahrrad")
    assert hits(html, "ideas") == ["Radweg zur Gesamtschule"]
    assert hits(html, "events") == ["Werkstatt Radverkehr"]
    assert hits(html, "surveys") == ["Umfrage zum Fahrradparken"]
    assert hits(html, "opinion_maps") == ["Wie viel Platz für Fahrräder?"]
    assert hits(html, "recommendations") == ["Sichere Radwege für Jugendliche"]
    assert hits(html, "assumptions") == ["Jugendliche fahren gern Rad"]
    # The order of the sections is the registered one.
    order = re.findall(r'id="search-(\w+)"', html)
    assert order == [
        "ideas",
        "events",
        "surveys",
        "opinion_maps",
        "recommendations",
        "assumptions",
    ]


def test_nothing_private_is_found(client, user, topic, office):
    hidden = idea_submit(author=user, title="Radweg versteckt", body="…", topic=topic)
    moderator = UserFactory()
    StaffRole.objects.create(user=moderator, role=StaffRoleKind.MODERATOR)
    content_hide(target=hidden, actor=moderator, reason="Test")
    _event(office, "Radwerkstatt intern", is_published=False)
    now = timezone.now()
    survey_create(
        actor=office,
        title="Radumfrage Entwurf",
        opens_at=now,
        closes_at=now + timedelta(days=3),
    )
    _recommendation(office, "Radwege Entwurf", publish=False)
    html = search(client, "Rad")
    for private in (
        "Radweg versteckt",
        "Radwerkstatt intern",
        "Radumfrage Entwurf",
        "Radwege Entwurf",
    ):
        assert private not in html
    assert "search-ideas" not in html


def test_empty_and_short_queries_are_answered_calmly(client):
    html = search(client, "")
    assert 'name="q"' in html and "search-ideas" not in html
    html = search(client, "ab")
    assert "three or more letters" in html or "drei oder mehr Buchstaben" in html


def test_header_has_a_search_box_on_every_page(client):
    html = client.get(reverse("home")).content.decode()
    assert html.count(f'action="{reverse("search")}"') == 2  # wide header and the menu
    assert 'id="site-search-wide"' in html and 'id="site-search-menu"' in html


# --- the kept searches (site/views.py: one rendering per search of words
# for the current generation, within the searches' budget) -------------------


def _kept_searches() -> set[str]:
    from django.core.cache import cache

    return {k for k in cache._cache if ":site:search:" in k}  # the tests' local-memory cache


def test_a_kept_search_shows_every_change_at_once(client, user, topic, office):
    idea(user, topic, "Radweg am Bahnhof")
    assert hits(search(client, "Radweg"), "ideas") == ["Radweg am Bahnhof"]
    assert len(_kept_searches()) == 1
    assert hits(search(client, "Radweg"), "ideas") == ["Radweg am Bahnhof"]  # served kept
    idea(user, topic, "Radweg zur Schule")
    assert sorted(hits(search(client, "Radweg"), "ideas")) == [
        "Radweg am Bahnhof",
        "Radweg zur Schule",
    ]
    _event(office, "Radweg-Sprechstunde")
    assert hits(search(client, "Radweg"), "events") == ["Radweg-Sprechstunde"]
    moderator = UserFactory()
    StaffRole.objects.create(user=moderator, role=StaffRoleKind.MODERATOR)
    from aufbruch.ideas.models import Idea

    content_hide(target=Idea.objects.get(title="Radweg zur Schule"), actor=moderator, reason="x")
    assert hits(search(client, "Radweg"), "ideas") == ["Radweg am Bahnhof"]


def test_logged_in_and_anonymous_share_the_results_not_the_frame(client, user, topic):
    idea(user, topic, "Radweg am Bahnhof")
    anonymous = search(client, "Radweg")
    client.force_login(user)
    mine = search(client, "Radweg")
    assert len(_kept_searches()) == 1
    assert hits(mine, "ideas") == hits(anonymous, "ideas") == ["Radweg am Bahnhof"]
    assert reverse("account_logout") in mine and reverse("account_logout") not in anonymous


def test_odd_searches_are_answered_fresh_and_not_kept(client, user, topic, settings):
    idea(user, topic, "Radweg am Bahnhof")
    html = search(client, "<script>alert(1)</script> Radweg")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert hits(html, "ideas") == ["Radweg am Bahnhof"]
    search(client, "Radweg " + "x" * 70)  # longer than a kept search
    assert _kept_searches() == set()
    settings.IDEA_SEARCH_CACHE_PER_MINUTE = 2
    for word in ("Radweg", "Bahnhof", "Schule", "Rathaus"):
        search(client, word)
    assert len(_kept_searches()) == 2  # the budget of the minute


def test_languages_are_kept_apart(client, user, topic, settings):
    idea(user, topic, "Radweg am Bahnhof")
    german = search(client, "Radweg")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = search(client, "Radweg")
    assert "Results for" in english and "Results for" not in german
    assert len(_kept_searches()) == 2


def test_hits_show_their_text_without_markdown_syntax(client, user, topic):
    idea(
        user,
        topic,
        "Radweg am Bahnhof",
        body="Bitte **sicher** und [gut](https://example.org) <b>x</b>.",
    )
    html = search(client, "Radweg")
    section = re.search(r'id="search-ideas".*?</section>', html, re.S).group(0)
    assert "Bitte sicher und gut" in section
    assert "**" not in section and "](https" not in section and "<b>" not in section
