"""The ceiling views of `make bench`: no queries, the real card template."""

import pytest
from django.test import override_settings
from django.urls import reverse

from bench.aufbruch_bench.views import CARDS

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.aufbruch_bench.urls")]


def test_ok_is_two_bytes_without_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/_bench/ok/")
    assert response.status_code == 200 and response.content == b"ok"


def test_cards_render_twenty_real_cards_without_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/_bench/cards/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="ideas-card"') == CARDS
    assert reverse("ideas:detail", args=[100_000]) in html
    assert 'id="messages"' in html  # the whole page frame (base.html)


def test_site_urls_stay_reachable_under_the_bench_urlconf(client):
    assert client.get("/health/").status_code == 200
    assert client.get("/_bench/nothing/").status_code == 404


@override_settings(ROOT_URLCONF="aufbruch.urls")
def test_ceiling_is_not_mounted_without_the_bench(client):
    assert client.get("/_bench/ok/").status_code == 404
