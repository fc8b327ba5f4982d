"""The inbox costs the same number of queries whatever the number of ideas
and however many departments, districts and guides its rows show (no query
per row), and the htmx results skip the filter form's options."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aufbruch.core.testing import DepartmentFactory, DistrictFactory, login_with_mfa
from aufbruch.ideas.models import Idea
from aufbruch.ideas.page_cache import retire_live_lists
from aufbruch.ideas.services import idea_submit

pytestmark = pytest.mark.django_db

# Session, user, staff roles (2), overdue block, newest ideas and the filter
# form's options (3), which the htmx results (the table alone) leave out. The
# page frame's unread count comes from the cache while it is current
# (notifications/unread.py): counting it is one more query.
PAGE_QUERIES = 9
HTMX_QUERIES = PAGE_QUERIES - 3
# A page kept for the ideas' current generation (guides/views.py) costs the
# session, the user and the staff roles (2) alone.
KEPT_QUERIES = 4


def _queries(client, **params) -> tuple[int, str]:
    headers = params.pop("headers", {})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("guides:inbox"), params, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _add_ideas(author, topic, n: int, start: int, guides: list) -> None:
    for i in range(start, start + n):
        idea = idea_submit(
            author=author,
            title=f"Idee Nummer {i}",
            body="Text",
            topic=topic,
            district=DistrictFactory(),
        )
        Idea.objects.filter(pk=idea.pk).update(
            department=DepartmentFactory(), assignee=guides[i % len(guides)]
        )


def _rendered(client, **params) -> tuple[int, str]:
    """A page rendered anew: a new generation makes the kept one stale."""
    retire_live_lists()
    return _queries(client, **params)


def test_inbox_queries_are_fixed_whatever_the_rows_show(client, office, guide, author, topic):
    login_with_mfa(client, office)
    client.get(reverse("guides:inbox"))  # content types and the like cached
    _add_ideas(author, topic, 3, 0, [guide])
    _queries(client, scope="all")  # new ideas may notify: the count is read once
    small = _rendered(client, scope="all")
    _add_ideas(author, topic, 30, 3, [guide, office])
    _queries(client, scope="all")
    large, html = _rendered(client, scope="all")
    assert small[0] == large == PAGE_QUERIES, html_queries(client)
    assert "Idee Nummer 32" in html and guide.public_name in html
    kept, kept_html = _queries(client, scope="all")
    assert kept == KEPT_QUERIES
    assert "Idee Nummer 32" in kept_html and guide.public_name in kept_html
    assert _rendered(client, scope="all", headers={"HX-Request": "true"})[0] == HTMX_QUERIES
    assert _queries(client, scope="all", headers={"HX-Request": "true"})[0] == KEPT_QUERIES


def html_queries(client):
    retire_live_lists()
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("guides:inbox"), {"scope": "all"})
    return "\n".join(q["sql"][:150] for q in ctx.captured_queries)
