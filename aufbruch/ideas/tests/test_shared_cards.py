"""Idea cards are shared between list and search renderings (issue #15):
keyed by what a card shows, so a change shows at once, and bounded by the
ideas, so searches with any words add no card beyond the ideas they show."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.page_cache import retire_live_lists
from aufbruch.ideas.services import idea_edit, idea_submit, idea_support

pytestmark = pytest.mark.django_db


def _card_keys() -> set[str]:
    return {k for k in cache._cache.keys() if ":ideas:card:" in k}  # local-memory cache


@pytest.fixture
def radweg(topic):
    cache.clear()
    author = UserFactory(display_name="Rita")
    return idea_submit(
        author=author, title="Radweg zur Gesamtschule", body="Sicher fahren.", topic=topic
    )


def test_search_reuses_the_cards_and_shows_a_new_count_at_once(client, radweg):
    url = reverse("ideas:list") + "?q=Radweg"
    assert "0 Unterstützungen" in client.get(url).content.decode()
    assert len(_card_keys()) == 1
    (key,) = _card_keys()
    cache.set(key.split(":", 2)[2], '<li class="ideas-card">aus dem Cache</li>')
    retire_live_lists()  # the kept search is stale: it is rendered again …
    assert "aus dem Cache" in client.get(url).content.decode()  # … with the shared card
    idea_support(idea=radweg, user=UserFactory())
    assert "1 Unterstützung<" in client.get(url).content.decode()


def test_an_edited_title_shows_at_once_on_the_list_and_in_a_search(client, user_client, radweg):
    for c in (client, user_client):
        c.get(reverse("ideas:list") + "?q=Radweg")
    idea_edit(
        idea=radweg,
        user=radweg.author,
        title="Radweg zum Bahnhof",
        body="Sicher.",
        topic=radweg.topic,
    )
    for c in (client, user_client):
        body = c.get(reverse("ideas:list") + "?q=Radweg").content.decode()
        assert "Radweg zum Bahnhof" in body and "Radweg zur Gesamtschule" not in body


def test_searches_with_any_words_add_no_card_beyond_the_ideas(client, radweg):
    for i in range(40):
        client.get(reverse("ideas:list") + f"?q=Radweg+wort{i}")
        client.get(reverse("ideas:list") + f"?q=Gesamtschule+{i}&sort=new")
    assert len(_card_keys()) == 1


def test_cards_are_per_language(client, radweg):
    client.get(reverse("ideas:list") + "?q=Radweg", headers={"accept-language": "de"})
    client.cookies["django_language"] = "en"
    body = client.get(reverse("ideas:list") + "?q=Radweg").content.decode()
    assert "0 supports" in body
    assert len(_card_keys()) == 2


def test_an_idea_not_read_from_the_database_has_no_shared_card(radweg):
    from aufbruch.ideas import page_cache
    from aufbruch.ideas.models import Idea

    assert page_cache.card_key(Idea.objects.get(pk=radweg.pk)) is not None
    unsaved = Idea(pk=radweg.pk, title=radweg.title, topic=radweg.topic, status=radweg.status)
    assert page_cache.card_key(unsaved) is None


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script> Radweg",
        "Radweg'; DROP TABLE ideas_idea; --",
        "Radweg " + " ".join(f"wort{i}" for i in range(60)),  # only the first words count
        "%_% Radweg \\",
        "Radweg \x00\x01 weg\x00",  # PostgreSQL refuses a NUL in a string
    ],
)
def test_odd_searches_find_safely_and_change_nothing(client, user_client, radweg, query):
    """Markup, SQL, sixty words and LIKE wildcards: the page answers, shows
    the words escaped, still finds the idea, and no card is added for them."""
    from aufbruch.ideas.models import Idea

    for c in (client, user_client):
        for url in (reverse("ideas:list"), "/suche/"):
            response = c.get(url, {"q": query})
            assert response.status_code == 200, (url, query)
            body = response.content.decode()
            assert "<script>alert(1)" not in body
            assert "Radweg zur Gesamtschule" in body, (url, query)
    assert Idea.objects.count() == 1
    assert len(_card_keys()) <= 1
