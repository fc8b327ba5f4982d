"""Idea titles: as typed through form, page and API; no control characters
at input; a stored title with CR/LF never makes a notification mail fail."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_edit, idea_submit
from aufbruch.notifications.models import Notification
from aufbruch.notifications.tasks import send_notification_emails

pytestmark = pytest.mark.django_db

TYPED = "Rad & Bus <-> Bahn \"schnell\" 'gut' a<b>c</b>"


def submit_data(topic, **overrides):
    data = {
        "title": "Ein neuer Vorschlag",
        "body": "Mit Begründung",
        "topic": topic.pk,
        "district": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(overrides)
    return data


def test_title_round_trips_through_form_page_and_api(client, user, topic):
    client.force_login(user)
    response = client.post(reverse("ideas:submit"), submit_data(topic, title=TYPED))
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.title == TYPED
    html = client.get(idea.get_absolute_url()).content.decode()
    assert escape(TYPED) in html and "&amp;amp;" not in html
    data = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert data["title"] == TYPED


@pytest.mark.parametrize(
    "title", ["Titel\r\nBcc: x@example.org", "Titel\nzwei", "Titel\x00", "Titel\u2028zwei"]
)
def test_title_with_control_characters_is_rejected_in_german(client, user, topic, title):
    client.force_login(user)
    response = client.post(reverse("ideas:submit"), submit_data(topic, title=title))
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Zeilenumbrüche" in body and 'id="id_title' in body
    assert "Mit Begründung" in body  # input kept
    assert not Idea.objects.exists()


def test_service_rejects_control_characters_in_titles(user, topic):
    with pytest.raises(ValidationError) as exc:
        idea_submit(author=user, title="Gute\r\nIdee", body="Text", topic=topic)
    assert "title" in exc.value.message_dict
    idea = idea_submit(author=user, title="Gute Idee", body="Text", topic=topic)
    with pytest.raises(ValidationError):
        idea_edit(idea=idea, user=user, title="Gute\nIdee", body="Text", topic=topic)
    idea.refresh_from_db()
    assert idea.title == "Gute Idee"


def test_notification_about_an_old_title_with_line_breaks_is_still_mailed(
    user, topic, mailoutbox, django_capture_on_commit_callbacks
):
    idea = idea_submit(author=user, title="Gute Idee", body="Text", topic=topic)
    Idea.objects.filter(pk=idea.pk).update(title="Gute\r\nBcc: spam@example.org\r\nIdee")
    idea.refresh_from_db()
    commenter = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(idea=idea, author=commenter, body="Finde ich gut")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email] and mail.bcc == []
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert "Gute Bcc: spam@example.org Idee" in mail.subject
    assert Notification.objects.get().emailed_at is not None


def test_a_stored_notification_with_line_breaks_in_its_title_is_mailed(user, mailoutbox):
    n = Notification.objects.create(
        recipient=user,
        kind="other",
        event_key="old",
        title="Alt\r\nBcc: x@example.org",
        email_wanted=True,
    )
    assert send_notification_emails.call([n.pk]) == 1
    assert mailoutbox[0].subject.endswith("Alt Bcc: x@example.org")
