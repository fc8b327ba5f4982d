"""Answers are shared between requests, but an audited change retires them
at once (api/http.py says what may lag, and for how long)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from aufbruch.api.http import GENERATION_KEY
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.services import idea_support

API = "/api/v1"

pytestmark = pytest.mark.django_db


def _get(client, path, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(API + path, params)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _count(response, title):
    return next(i["support_count"] for i in response.json()["items"] if i["title"] == title)


def test_a_repeated_request_is_shared_and_says_its_age(client, ideas):
    first, queries = _get(client, "/ideas", page_size=100)
    assert queries > 0 and "Age" not in first
    again, queries = _get(client, "/ideas", page_size=100)
    assert queries == 0
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Cache-Control"] == "public, max-age=60" and int(again["Age"]) >= 0
    assert (
        client.get(API + "/ideas", {"page_size": 100}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    # Another query string is another answer.
    other, queries = _get(client, "/ideas", page_size=2)
    assert queries > 0 and len(other.json()["items"]) == 2


def test_an_audited_change_shows_at_once(client, ideas):
    title = "Bus nach Avenwedde"
    before, _queries = _get(client, "/ideas", page_size=100)
    idea = next(i for i in ideas["public"] if i.title == title)
    idea_support(idea=idea, user=UserFactory())
    after, queries = _get(client, "/ideas", page_size=100)
    assert queries > 0 and _count(after, title) == _count(before, title) + 1
    assert after["ETag"] != before["ETag"]


def test_every_audit_entry_starts_a_new_generation(ideas):
    before = cache.get(GENERATION_KEY)
    idea_support(idea=ideas["public"][0], user=UserFactory())
    assert cache.get(GENERATION_KEY) != before


@override_settings(API_SHARED_SECONDS=0)
def test_sharing_can_be_turned_off(client, ideas):
    _get(client, "/ideas")
    assert _get(client, "/ideas")[1] > 0
