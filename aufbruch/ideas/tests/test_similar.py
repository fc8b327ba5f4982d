"""'Gibt es Ihre Idee schon?': similar ideas while typing (htmx fragment) and,
without JavaScript, as a step after the first submit that creates nothing
until the resident confirms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.moderation.services import content_hide
from aufbruch.staff.models import StaffRole, StaffRoleKind

pytestmark = pytest.mark.django_db


def form_data(topic, **overrides):
    data = {
        "title": "Fahrradweg an der Bahnhofstraße",
        "body": "Der Weg zum Bahnhof ist gefährlich.",
        "topic": topic.pk,
        "district": "",
        "latitude": "51.906900",
        "longitude": "8.378500",
    }
    data.update(overrides)
    return data


@pytest.fixture
def existing(other_user, topic):
    return idea_submit(
        author=other_user, title="Radweg Bahnhofstraße sicherer machen", body="…", topic=topic
    )


def test_fragment_lists_similar_ideas_with_support_and_comment_links(client, existing):
    response = client.get(reverse("ideas:similar"), {"title": "Fahrradweg Bahnhofstraße"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Radweg Bahnhofstraße sicherer machen" in html
    assert f'href="{existing.get_absolute_url()}#idea-actions"' in html
    assert f'href="{existing.get_absolute_url()}#comments"' in html
    assert 'name="similar_checked" value="Fahrradweg Bahnhofstraße"' in html


def test_fragment_is_empty_for_unrelated_titles_and_one_common_word(client, existing, user, topic):
    idea_submit(author=user, title="Bänke am Marktplatz", body="…", topic=topic)
    html = client.get(reverse("ideas:similar"), {"title": "Mehr Bäume pflanzen"}).content.decode()
    assert "Radweg" not in html and "Bänke" not in html
    # One shared word of four is not "similar".
    html = client.get(
        reverse("ideas:similar"), {"title": "Bessere Bänke für Senioren im Stadtpark"}
    ).content.decode()
    assert "Bänke am Marktplatz" not in html


def test_hidden_and_own_ideas_are_not_suggested(client, existing, user, topic):
    moderator = UserFactory()
    StaffRole.objects.create(user=moderator, role=StaffRoleKind.MODERATOR)
    content_hide(target=existing, actor=moderator, reason="Test")
    idea_submit(author=user, title="Radweg zur Bahnhofstraße", body="…", topic=topic)
    client.force_login(user)
    html = client.get(reverse("ideas:similar"), {"title": "Radweg Bahnhofstraße"}).content.decode()
    assert "<li>" not in html and "Gibt es Ihre Idee schon?" not in html


def test_submit_form_loads_suggestions_while_typing(user_client):
    html = user_client.get(reverse("ideas:submit")).content.decode()
    assert f'hx-get="{reverse("ideas:similar")}"' in html
    assert 'hx-trigger="keyup changed delay:400ms"' in html
    assert 'id="ideas-similar"' in html and 'aria-live="polite"' in html


def test_without_javascript_similar_ideas_come_as_a_step_before_anything_is_created(
    user_client, existing, topic
):
    response = user_client.post(reverse("ideas:submit"), form_data(topic))
    html = response.content.decode()
    assert response.status_code == 200
    assert Idea.objects.count() == 1  # only the existing one
    assert "Radweg Bahnhofstraße sicherer machen" in html
    # Everything typed travels on in hidden fields.
    assert 'type="hidden" name="title" value="Fahrradweg an der Bahnhofstraße"' in html
    assert 'type="hidden" name="body" value="Der Weg zum Bahnhof ist gefährlich."' in html
    assert f'type="hidden" name="topic" value="{topic.pk}"' in html
    assert 'type="hidden" name="latitude" value="51.906900"' in html
    assert 'name="confirmed" value="1"' in html

    confirmed = form_data(topic, confirmed="1")
    response = user_client.post(reverse("ideas:submit"), confirmed)
    assert response.status_code == 302
    idea = Idea.objects.exclude(pk=existing.pk).get()
    assert idea.title == "Fahrradweg an der Bahnhofstraße"
    assert str(idea.latitude) == "51.906900"
    # A double click on "submit anyway" creates one idea only.
    assert user_client.post(reverse("ideas:submit"), confirmed).status_code == 302
    assert Idea.objects.count() == 2


def test_change_my_idea_goes_back_to_the_filled_form(user_client, existing, topic):
    response = user_client.post(reverse("ideas:submit"), form_data(topic, change="1"))
    html = response.content.decode()
    assert response.status_code == 200 and Idea.objects.count() == 1
    assert 'value="Fahrradweg an der Bahnhofstraße"' in html and 'id="ideas-similar"' in html


def test_no_step_when_nothing_is_similar_or_the_form_already_showed_them(
    user_client, existing, topic
):
    assert (
        user_client.post(reverse("ideas:submit"), form_data(topic, title="Mehr Bäume")).status_code
        == 302
    )
    data = form_data(topic, similar_checked="Fahrradweg an der Bahnhofstraße")
    assert user_client.post(reverse("ideas:submit"), data).status_code == 302
    assert Idea.objects.count() == 3


def test_bad_input_in_the_step_shows_the_form_error_and_creates_nothing(
    user_client, existing, topic
):
    response = user_client.post(reverse("ideas:submit"), form_data(topic, body="", confirmed="1"))
    assert response.status_code == 200 and Idea.objects.count() == 1
    assert 'id="id_body_error"' in response.content.decode()
