"""The rendered comment thread is cached per thread version, language and
shared variant (comments/views.py). These tests load the idea page over
HTTP after every kind of change and check the page never shows a stale or
someone else's rendering."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aufbruch.accounts.services import user_delete_account, user_update_profile
from aufbruch.audit.actions import AuditAction
from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create, comment_delete, comment_edit
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.ideas.models import Idea
from aufbruch.moderation.services import content_hide, content_restore

pytestmark = pytest.mark.django_db


def page(client, idea) -> str:
    response = client.get(idea.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def comment_queries(client, idea) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        page(client, idea)
    return [q["sql"] for q in ctx.captured_queries if 'FROM "comments_comment"' in q["sql"]]


def version(idea) -> int:
    return Idea.objects.values_list("page_version", flat=True).get(pk=idea.pk)


def test_second_anonymous_view_does_not_read_the_comments_again(client, idea, participant):
    comment_create(idea=idea, author=participant, body="Einmal gelesen")
    assert comment_queries(client, idea), "the first view reads the thread"
    assert comment_queries(client, idea) == []
    assert "Einmal gelesen" in page(client, idea)


def test_every_change_raises_the_version_and_shows_at_once(client, idea, participant, moderator):
    v0 = version(idea)
    first = comment_create(idea=idea, author=participant, body="Erste Fassung")
    assert version(idea) > v0
    assert "Erste Fassung" in page(client, idea)

    v1 = version(idea)
    comment_edit(comment=first, actor=participant, body="Zweite Fassung")
    assert version(idea) > v1
    html = page(client, idea)
    assert "Zweite Fassung" in html and "Erste Fassung" not in html

    v2 = version(idea)
    content_hide(target=first, actor=moderator, reason="Beleidigung")
    assert version(idea) > v2
    html = page(client, idea)
    assert "Zweite Fassung" not in html and "Von der Moderation ausgeblendet" in html

    v3 = version(idea)
    content_restore(target=Comment.objects.get(pk=first.pk), actor=moderator, reason="Geprüft")
    assert version(idea) > v3
    assert "Zweite Fassung" in page(client, idea)

    v4 = version(idea)
    comment_delete(comment=Comment.objects.get(pk=first.pk), actor=participant)
    assert version(idea) > v4
    html = page(client, idea)
    assert "Zweite Fassung" not in html and "Dieser Kommentar wurde gelöscht." in html


def test_a_new_display_name_shows_in_every_thread(client, idea, participant, author, topic):
    from .fixtures import submit_idea

    other = submit_idea(author=author, topic=topic, title="Zweite Idee zum Radverkehr")
    user_update_profile(user=participant, actor=participant, display_name="Alter Name")
    comment_create(idea=idea, author=participant, body="Auf Idee eins")
    comment_create(idea=other, author=participant, body="Auf Idee zwei")
    assert "Alter Name" in page(client, idea) and "Alter Name" in page(client, other)

    user_update_profile(user=participant, actor=participant, display_name="Neuer Name")
    for i in (idea, other):
        html = page(client, i)
        assert "Neuer Name" in html and "Alter Name" not in html


def test_a_deleted_account_disappears_from_cached_threads(client, idea, participant):
    user_update_profile(user=participant, actor=participant, display_name="Bald Weg")
    comment_create(idea=idea, author=participant, body="Bleibt stehen")
    assert "Bald Weg" in page(client, idea)
    user_delete_account(user=participant, actor=participant)
    html = page(client, idea)
    assert "Bald Weg" not in html and "gelöschtes Konto" in html and "Bleibt stehen" in html


def test_a_name_changed_in_the_admin_shows_too(client, idea, participant):
    from django.test import Client

    from aufbruch.audit.models import AuditEntry

    admin_client = Client()
    login_with_mfa(admin_client, UserFactory(is_staff=True, is_superuser=True))
    user_update_profile(user=participant, actor=participant, display_name="Vorher")
    comment_create(idea=idea, author=participant, body="Text")
    assert "Vorher" in page(client, idea)
    url = reverse("admin:accounts_user_change", args=[participant.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("groups", "password")
    }
    data.update(display_name="Nachher", email=participant.email, groups=[])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = page(client, idea)
    assert "Nachher" in html and "Vorher" not in html
    entry = AuditEntry.objects.filter(
        target_id=str(participant.pk), action=AuditAction.ACCOUNT_PROFILE_UPDATE
    ).latest("id")
    assert AuditEntry.objects.filter(
        target_id=str(participant.pk), action=AuditAction.ADMIN_CHANGE
    ).exists()
    assert entry.details["via"] == "admin" and "display_name" in entry.details["fields"]


def test_reply_links_are_not_shared_between_writers_and_anonymous(client, idea, participant):
    comment = comment_create(idea=idea, author=participant, body="Antworten erwünscht")
    reply_url = reverse("comments:reply", args=[comment.pk])
    writer = UserFactory()
    assert reply_url not in page(client, idea)  # anonymous rendering cached first
    client.force_login(writer)
    assert reply_url in page(client, idea)
    client.logout()
    assert reply_url not in page(client, idea)


def test_own_links_stay_with_the_author(client, idea, participant):
    comment = comment_create(idea=idea, author=participant, body="Meins")
    edit_url = reverse("comments:edit", args=[comment.pk])
    client.force_login(participant)
    assert edit_url in page(client, idea)
    client.force_login(UserFactory())
    assert edit_url not in page(client, idea)
    client.logout()
    assert edit_url not in page(client, idea)


def test_hidden_text_stays_with_staff_and_author(client, idea, participant, moderator):
    comment = comment_create(idea=idea, author=participant, body="Nur für Befugte")
    content_hide(target=comment, actor=moderator, reason="Prüfung")
    login_with_mfa(client, moderator)
    assert "Nur für Befugte" in page(client, idea)
    client.force_login(participant)
    assert "Nur für Befugte" in page(client, idea)
    for viewer in (UserFactory(), None):
        if viewer:
            client.force_login(viewer)
        else:
            client.logout()
        assert "Nur für Befugte" not in page(client, idea)


def test_languages_are_cached_apart(client, idea, participant):
    comment_create(idea=idea, author=participant, body="Zweisprachig")
    assert "Melden<span" in page(client, idea)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, idea)
    assert 'lang="en"' in english and "Report<span" in english and "Melden<span" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    german = page(client, idea)
    assert "Melden<span" in german and "Report<span" not in german


def test_a_bad_name_in_the_admin_changes_nothing(idea, participant):
    from django.test import Client

    from aufbruch.audit.models import AuditEntry

    admin_client = Client()
    login_with_mfa(admin_client, UserFactory(is_staff=True, is_superuser=True))
    user_update_profile(user=participant, actor=participant, display_name="Bleibt")
    url = reverse("admin:accounts_user_change", args=[participant.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("groups", "password")
    }
    data.update(display_name="x" * 51, email=participant.email, groups=[])
    entries = AuditEntry.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "höchstens 50 Zeichen" in response.content.decode()
    participant.refresh_from_db()
    assert participant.display_name == "Bleibt" and AuditEntry.objects.count() == entries
