"""What one support costs: the queries of a support POST (htmx and without
JavaScript) are fixed, whatever the idea's counts, and the htmx answer is
the action box alone, with the counts as the support left them."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea, Support
from aufbruch.ideas.services import idea_follow, idea_support

pytestmark = pytest.mark.django_db

# Session, user, the idea's action fields; the transaction (savepoint and
# release inside the test's transaction); the audit entry. The support row
# and its counter update are one statement on PostgreSQL, two elsewhere.
BASE = 6
WRITE = 1 if connection.vendor == "postgresql" else 2


def _post(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, headers=headers)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_support_post_without_javascript_costs_a_fixed_number_of_queries(client, idea):
    for person in UserFactory.create_batch(3):
        idea_support(idea=idea, user=person)
    fan = UserFactory()
    client.force_login(fan)
    client.get("/")  # content types and the like are cached by the first request
    response, queries = _post(client, reverse("ideas:support", args=[idea.pk]))
    assert response.status_code == 302
    assert len(queries) == BASE + WRITE, "\n".join(queries)
    assert Idea.objects.get(pk=idea.pk).support_count == 4
    assert Support.objects.filter(idea=idea, user=fan).exists()


def test_support_post_with_htmx_adds_only_the_follow_state(client, idea):
    fan = UserFactory()
    idea_follow(idea=idea, user=fan)
    for person in UserFactory.create_batch(2):
        idea_support(idea=idea, user=person)
    client.force_login(fan)
    client.get("/")
    response, queries = _post(client, reverse("ideas:support", args=[idea.pk]), HX_Request="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert len(queries) == BASE + WRITE + 1, "\n".join(queries)
    # The counts as the support left them, and the state of this viewer.
    followers = Idea.objects.get(pk=idea.pk).follower_count
    counts = re.findall(r"<strong>(\d+)</strong>", body)
    assert counts[:2] == ["3", str(followers)]
    assert reverse("ideas:withdraw", args=[idea.pk]) in body
    assert reverse("ideas:unfollow", args=[idea.pk]) in body

    response, queries = _post(client, reverse("ideas:withdraw", args=[idea.pk]), HX_Request="true")
    body = response.content.decode()
    assert len(queries) == BASE + 2 + 1, "\n".join(queries)  # delete, counter update
    assert re.findall(r"<strong>(\d+)</strong>", body)[0] == "2"
    assert reverse("ideas:support", args=[idea.pk]) in body
    assert Idea.objects.get(pk=idea.pk).support_count == 2


def test_a_repeated_support_changes_nothing_and_shows_the_state(client, idea):
    fan = UserFactory()
    idea_support(idea=idea, user=fan)
    client.force_login(fan)
    response, _queries = _post(client, reverse("ideas:support", args=[idea.pk]), HX_Request="true")
    body = response.content.decode()
    assert re.findall(r"<strong>(\d+)</strong>", body)[0] == "1"
    assert reverse("ideas:withdraw", args=[idea.pk]) in body
    assert Idea.objects.get(pk=idea.pk).support_count == 1
