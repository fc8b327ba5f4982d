"""Answers are shared between requests, but never outlive a change: every
audited change retires them (at once and again when its transaction
commits), so a shared answer is as fresh as a computed one."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
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


@pytest.mark.django_db(transaction=True)
def test_the_commit_retires_answers_computed_while_the_change_was_open(client, ideas):
    """An answer computed between the change and its commit (from the data
    before it) is not served after the commit."""
    title = "Offenes WLAN im Park"
    idea = next(i for i in ideas["public"] if i.title == title)
    with transaction.atomic():
        idea_support(idea=idea, user=UserFactory())
        # Another request computing now would store its answer under this one.
        generation_in_transaction = cache.get(GENERATION_KEY)
    assert cache.get(GENERATION_KEY) != generation_in_transaction
    after, _queries = _get(client, "/ideas", page_size=100)
    assert _count(after, title) == 1


@override_settings(API_SHARED_SECONDS=0)
def test_sharing_can_be_turned_off(client, ideas):
    _get(client, "/ideas")
    assert _get(client, "/ideas")[1] > 0
