"""Anonymous visitors share renderings of the idea page and the idea list
(ideas/views.py). These tests check over HTTP what is shared, what is always
fresh and that nothing of one viewer reaches another."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.services import idea_edit, idea_follow, idea_image_add, idea_support

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def get(client, url, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


# --- idea page ------------------------------------------------------------------------------


def test_a_repeated_anonymous_view_reads_only_the_idea_row(client, idea):
    first, cold = get(client, idea.get_absolute_url())
    second, warm = get(client, idea.get_absolute_url())
    assert warm == 1 < cold
    assert idea.title in second and "Fahrradstraßen" in second


def test_switched_off_the_page_is_rendered_every_time(client, idea, settings):
    settings.IDEA_PAGE_CACHE_SECONDS = 0
    _, cold = get(client, idea.get_absolute_url())
    _, again = get(client, idea.get_absolute_url())
    # only the comment thread, which has a cache of its own, is not read again
    assert again == cold - 1 > 1


def test_counts_are_exact_for_anonymous_visitors_at_once(client, idea):
    url = idea.get_absolute_url()
    html = get(client, url)[0]
    assert "<strong>0</strong> Unterstützungen" in html
    assert "<strong>1</strong> Person folgt" in html  # the author
    for person in UserFactory.create_batch(3):
        idea_support(idea=idea, user=person)
    idea_follow(idea=idea, user=UserFactory())
    html = get(client, url)[0]
    assert "<strong>3</strong> Unterstützungen" in html
    assert "<strong>2</strong> Personen folgen" in html


def test_edits_and_images_reach_anonymous_visitors_at_once(client, idea, user, topic):
    url = idea.get_absolute_url()
    get(client, url)
    idea_edit(idea=idea, user=user, title="Neuer Titel für Radwege", body="Neuer Text", topic=topic)
    html = get(client, url)[0]
    assert "Neuer Titel für Radwege" in html and "Neuer Text" in html
    idea_image_add(idea=idea, user=user, upload=png_upload(), alt_text="Skizze der Kreuzung")
    assert 'alt="Skizze der Kreuzung"' in get(client, url)[0]


def test_logged_in_viewers_never_get_the_shared_rendering(client, idea, user):
    url = idea.get_absolute_url()
    anonymous = get(client, url)[0]
    assert f"{reverse('account_login')}?next=" in anonymous
    client.force_login(UserFactory())
    html, _ = get(client, url)
    assert reverse("ideas:support", args=[idea.pk]) in html
    client.force_login(user)
    assert reverse("ideas:edit", args=[idea.pk]) in get(client, url)[0]
    client.logout()
    html = get(client, url)[0]
    assert reverse("ideas:support", args=[idea.pk]) not in html
    assert reverse("ideas:edit", args=[idea.pk]) not in html


def test_the_shared_rendering_carries_no_form_token(client, idea):
    """Only the page frame (language form) has a CSRF field, rendered per
    request; the shared content has none that could leak to others."""
    frame = get(client, reverse("netiquette"))[0].count("csrfmiddlewaretoken")
    get(client, idea.get_absolute_url())
    assert get(client, idea.get_absolute_url())[0].count("csrfmiddlewaretoken") == frame


def test_languages_are_shared_apart(client, idea, settings):
    get(client, idea.get_absolute_url())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = get(client, idea.get_absolute_url())[0]
    assert "Log in to support or follow this idea" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert "Log in to support or follow this idea" not in get(client, idea.get_absolute_url())[0]


# --- list ---------------------------------------------------------------------------------


def test_a_repeated_anonymous_list_costs_no_query(client, idea):
    _, cold = get(client, "/ideas/?sort=trending")
    html, warm = get(client, "/ideas/?sort=trending")
    assert warm == 0 < cold and idea.title in html


def test_the_filter_form_with_an_empty_search_is_shared(client, idea):
    url = "/ideas/?q=&topic=leben&district=&status=&sort=new"
    _, cold = get(client, url)
    html, warm = get(client, url)
    assert warm == 0 < cold and idea.title in html


def test_htmx_and_full_list_are_shared_apart(client, idea):
    full = get(client, "/ideas/")[0]
    htmx = {"HX-Request": "true", "HX-Target": "idea-results"}
    fragment = get(client, "/ideas/", headers=htmx)[0]
    assert "<html" in full and "<html" not in fragment and idea.title in fragment
    assert "<html" in get(client, "/ideas/")[0]


def test_an_anonymous_search_is_kept_for_the_generation_and_shows_new_ideas_at_once(
    client, idea, user, make_idea
):
    url = "/ideas/?q=Fahrradstra%C3%9Fe"
    first, cold = get(client, url)
    html, warm = get(client, url)
    assert warm == 0 < cold and idea.title in html
    make_idea(user, title="Noch eine Fahrradstraße am Bahnhof")
    assert "Noch eine Fahrradstraße am Bahnhof" in get(client, url)[0]
    member = Client()
    member.force_login(user)
    mine = get(member, url)[0]
    assert "Noch eine Fahrradstraße am Bahnhof" in mine and idea.title in mine
    # the search is shared; the frame is each viewer's own
    assert reverse("account_logout") in mine and reverse("account_logout") not in html


def test_new_ideas_reach_logged_in_users_at_once_and_anonymous_after_the_cache_time(
    client, idea, user, make_idea
):
    from django.core.cache import cache

    get(client, "/ideas/")
    make_idea(user, title="Ganz neue Idee zum Bahnhof")
    member = Client()
    member.force_login(user)
    assert "Ganz neue Idee zum Bahnhof" in get(member, "/ideas/")[0]
    assert "Ganz neue Idee zum Bahnhof" not in get(client, "/ideas/")[0]  # shared, ≤ 10 s old
    cache.clear()  # what the expiry of IDEA_LIST_CACHE_SECONDS does
    assert "Ganz neue Idee zum Bahnhof" in get(client, "/ideas/")[0]


@pytest.mark.parametrize(
    "query",
    [
        "q=Fahrradstra%C3%9Fe%3F",  # a search of other characters than words
        "topic=%3Cscript%3E",  # odd values are not shared
        "utm_source=newsletter",  # unknown parameters are not shared
        "sort=new&sort=trending",  # repeated parameters are not shared
    ],
)
def test_odd_searches_and_query_strings_are_rendered_fresh(client, idea, query):
    _, first = get(client, f"/ideas/?{query}")
    html, second = get(client, f"/ideas/?{query}")
    assert second == first > 0
    assert "<script>" not in html.split("<main", 1)[1]
