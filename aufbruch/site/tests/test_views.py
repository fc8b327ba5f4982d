from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from aufbruch.core.testing import TopicFactory
from aufbruch.ideas.services import idea_submit

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_home_explains_the_programme_and_offers_the_two_actions(client):
    response = client.get("/")
    assert response.status_code == 200
    html = text_of(response)
    assert "Digitaler Aufbruch Gütersloh</h1>" in html
    assert "Jede Idee bekommt eine öffentliche Antwort der Verwaltung" in html
    assert f'href="{reverse("how_it_works")}"' in html
    assert f'href="{reverse("ideas:submit")}"><span class="kern-label">Idee einreichen' in html
    assert f'href="{reverse("ideas:list")}"><span class="kern-label">Ideen ansehen' in html
    # The status path in plain words, in order.
    path = re.findall(
        r'ideas-status--(\w+)">', html.split('class="site-path"')[1].split("</ol>")[0]
    )
    assert path == [
        "submitted",
        "in_review",
        "pool",
        "decided",
        "feasibility",
        "pilot",
        "implemented",
    ]


def test_home_without_anything_open_has_no_orphan_heading(client):
    html = text_of(client.get("/"))
    assert "Jetzt mitmachen" not in html
    assert "Noch keine Entscheidungen oder Antworten." in html


def test_home_shows_what_is_open_now_and_what_became_of_ideas(client, programme):
    html = text_of(client.get("/"))
    assert "Jetzt mitmachen" in html
    assert f'href="{programme["summit"].get_absolute_url()}">Digitalgipfel 2027</a>' in html
    assert f'href="{programme["board"].get_absolute_url()}">U30-Beirat Morgenmacher</a>' in html
    assert f'href="{programme["survey"].get_absolute_url()}">Digitale Verwaltung</a>' in html
    assert (
        f'href="{programme["map"].get_absolute_url()}">Wie digital soll das Rathaus werden?</a>'
        in html
    )
    # "Was aus Ideen wurde": the step into the pool and the answer, as plain text.
    outcomes = html.split('id="site-outcomes-heading"')[1]
    assert "im Projektpool" in outcomes and "Antwort der Verwaltung" in outcomes
    assert "Die Idee kommt in den Projektpool." in outcomes
    assert "Wir prüfen das gern und melden uns hier." in outcomes
    assert "**" not in outcomes and "](" not in outcomes
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", outcomes))
    assert figures == {
        "Ideen": "1",
        "von der Verwaltung beantwortet": "1",
        "vom Ausschuss beschlossen": "0",
        "umgesetzt": "0",
    }


def test_closed_things_and_hidden_ideas_stay_off_the_home_page(client, programme, office):
    from aufbruch.boards.models import BoardCall
    from aufbruch.ideas.models import Idea
    from aufbruch.opinions.models import OpinionMap

    BoardCall.objects.update(deadline=programme["summit"].starts_at.replace(year=2000))
    OpinionMap.objects.update(is_open=False)
    Idea.objects.update(is_hidden=True)
    html = text_of(client.get("/"))
    assert "U30-Beirat Morgenmacher" not in html
    assert "Wie digital soll das Rathaus werden?" not in html
    assert "WLAN im Stadtpark" not in html
    assert re.search(r"<dt>Ideen</dt><dd>0</dd>", html)


def test_fields_of_action_link_to_the_filtered_list(client, db):
    TopicFactory(name="Mobilität", slug="mobilitaet")
    html = text_of(client.get("/"))
    assert f'href="{reverse("ideas:list")}?topic=mobilitaet">Mobilität</a>' in html


def test_submit_for_anonymous_leads_through_login_and_back(client):
    response = client.get(reverse("ideas:submit"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse('ideas:submit')}"
    login = text_of(client.get(response["Location"]))
    # The registration link keeps the way back to the form.
    assert f"{reverse('account_signup')}?next=%2Fideas%2Fnew%2F" in login


def test_home_query_count_is_bounded(
    user_client, programme, user, topic, django_assert_max_num_queries
):
    for n in range(15):
        idea_submit(author=user, title=f"Idee {n}", body="Text", topic=topic)
    with django_assert_max_num_queries(8):
        assert Client().get("/").status_code == 200
    with django_assert_max_num_queries(12):
        assert user_client.get("/").status_code == 200


@override_settings(HOME_CACHE_SECONDS=60)
def test_anonymous_visitors_share_one_rendering(client, django_assert_num_queries, topic, user):
    client.get("/")
    idea_submit(author=user, title="Neue Idee", body="Text", topic=topic)
    with django_assert_num_queries(0):
        html = text_of(client.get("/"))
    assert re.search(r"<dt>Ideen</dt><dd>0</dd>", html)


def test_logged_in_users_see_fresh_figures(user_client, topic, user):
    user_client.get("/")
    idea_submit(author=user, title="Neue Idee", body="Text", topic=topic)
    assert re.search(r"<dt>Ideen</dt><dd>1</dd>", text_of(user_client.get("/")))


def test_how_it_works_explains_each_step_and_word(client):
    response = client.get("/so-funktionierts/")
    assert response.status_code == 200
    html = text_of(response)
    assert html.count("<h1") == 1
    for word in (
        "Projektpool",
        "Machbarkeitsprüfung",
        "Reallabor",
        "Handlungsfeld",
        "Meinungsbild",
        "U30-Beirat",
    ):
        assert f">{word}</dt>" in html
    for step in (
        "Eingereicht",
        "In Prüfung",
        "Im Projektpool",
        "Vom Ausschuss beschlossen",
        "Umgesetzt",
    ):
        assert f">{step}</h3>" in html


def test_how_it_works_in_english(client):
    client.cookies["django_language"] = "en"
    try:
        html = text_of(client.get("/so-funktionierts/", HTTP_ACCEPT_LANGUAGE="en"))
    finally:
        # The middleware leaves English active in this thread; later tests expect German.
        translation.activate(settings.LANGUAGE_CODE)
    assert "<h1" in html and "How it works" in html
