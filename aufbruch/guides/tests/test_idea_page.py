"""Anonymous visitors share a cached rendering of the idea page; everything
the guides publish must still reach them at once (ideas/views.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aufbruch.guides.services import response_edit, response_publish
from aufbruch.ideas.workflow import idea_change_status

pytestmark = pytest.mark.django_db


def anonymous_page(client, idea) -> str:
    response = client.get(idea.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_responses_and_status_changes_reach_anonymous_visitors_at_once(client, idea, guide):
    assert "Wir prüfen das." not in anonymous_page(client, idea)  # now cached
    response = response_publish(idea=idea, actor=guide, text="Wir prüfen das.")
    assert "Wir prüfen das." in anonymous_page(client, idea)

    response_edit(response=response, actor=guide, text="Wir prüfen das bis Mai.")
    assert "Wir prüfen das bis Mai." in anonymous_page(client, idea)

    idea_change_status(
        idea=idea,
        actor=guide,
        to_status="in_review",
        explanation="Der Fachbereich prüft die Kosten.",
    )
    assert "Der Fachbereich prüft die Kosten." in anonymous_page(client, idea)


def _tables_read(client, idea) -> str:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(idea.get_absolute_url()).status_code == 200
    return " ".join(q["sql"] for q in ctx.captured_queries)


@pytest.mark.parametrize("step", ["status", "response"])
def test_the_timeline_is_read_once_the_administration_has_acted(client, idea, guide, author, step):
    client.force_login(author)  # logged in: no shared rendering
    sql = _tables_read(client, idea)
    assert "guides_statuschange" not in sql and "guides_officialresponse" not in sql
    if step == "status":
        idea_change_status(idea=idea, actor=guide, to_status="in_review", explanation="Wir prüfen.")
    else:
        response_publish(idea=idea, actor=guide, text="Wir prüfen.")
    idea.refresh_from_db()
    assert idea.first_response_at is not None
    sql = _tables_read(client, idea)
    assert "guides_statuschange" in sql and "guides_officialresponse" in sql
    assert "Wir prüfen." in client.get(idea.get_absolute_url()).content.decode()
