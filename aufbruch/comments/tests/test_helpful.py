"""Marking comments as helpful, sorting the thread, and the thread's layout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.comments.models import Comment, HelpfulMark
from aufbruch.comments.services import (
    comment_create,
    comment_delete,
    comment_mark_helpful,
    comment_unmark_helpful,
)
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.moderation.services import content_hide

pytestmark = pytest.mark.django_db


def count(comment) -> int:
    return Comment.objects.values_list("helpful_count", flat=True).get(pk=comment.pk)


def version(idea) -> int:
    return Idea.objects.values_list("page_version", flat=True).get(pk=idea.pk)


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def comment(idea, author):
    return comment_create(idea=idea, author=author, body="Am Bahnhof gibt es **zu wenig** Platz.")


# --- services ---------------------------------------------------------------------


def test_mark_counts_once_per_person_audits_and_renews_the_thread(comment, participant, idea):
    v0 = version(idea)
    comment_mark_helpful(comment=comment, user=participant)
    comment_mark_helpful(comment=comment, user=participant)  # a double click
    assert count(comment) == 1 and HelpfulMark.objects.count() == 1
    assert version(idea) > v0
    assert AuditEntry.objects.filter(action="comment.helpful", actor=participant).count() == 1
    comment_mark_helpful(comment=comment, user=UserFactory())
    assert count(comment) == 2


def test_unmark_withdraws_once(comment, participant, idea):
    comment_mark_helpful(comment=comment, user=participant)
    v1 = version(idea)
    comment_unmark_helpful(comment=comment, user=participant)
    comment_unmark_helpful(comment=comment, user=participant)
    assert count(comment) == 0 and not HelpfulMark.objects.exists()
    assert version(idea) > v1
    assert AuditEntry.objects.filter(action="comment.helpful_undo").count() == 1


def test_own_hidden_deleted_and_blocked_are_refused_without_change(
    comment, author, participant, moderator
):
    with pytest.raises(ValidationError):
        comment_mark_helpful(comment=comment, user=author)
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=2))
    with pytest.raises(PermissionDenied):
        comment_mark_helpful(comment=comment, user=blocked)
    content_hide(target=comment, actor=moderator, reason="Werbung")
    with pytest.raises(ValidationError):
        comment_mark_helpful(comment=comment, user=participant)
    other = comment_create(idea=comment.idea, author=participant, body="Weg damit")
    comment_delete(comment=other, actor=participant)
    with pytest.raises(ValidationError):
        comment_mark_helpful(comment=other, user=UserFactory())
    assert not HelpfulMark.objects.exists() and count(comment) == 0
    assert not AuditEntry.objects.filter(action="comment.helpful").exists()


# --- views ------------------------------------------------------------------------


def test_mark_without_javascript_redirects_back_to_the_comment(client, comment, participant, idea):
    client.force_login(participant)
    response = client.post(reverse("comments:helpful", args=[comment.pk]), {"comments": "helpful"})
    assert response.status_code == 302
    assert (
        response["Location"] == f"{idea.get_absolute_url()}?comments=helpful#comment-{comment.pk}"
    )
    assert count(comment) == 1
    html = html_of(client, response["Location"])
    assert "1 Person fand das hilfreich" in html
    assert re.search(
        rf'action="{reverse("comments:unhelpful", args=[comment.pk])}".*?aria-pressed="true"', html
    )
    client.post(reverse("comments:unhelpful", args=[comment.pk]))
    assert count(comment) == 0


def test_htmx_mark_returns_the_thread_with_the_pressed_button(client, comment, participant):
    client.force_login(participant)
    response = client.post(reverse("comments:helpful", args=[comment.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('<section id="comments"')
    assert 'aria-pressed="true"' in html and "1 Person fand das hilfreich" in html


def test_anonymous_get_and_own_comment_change_nothing(client, comment, author):
    url = reverse("comments:helpful", args=[comment.pk])
    response = client.post(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(author)
    assert client.get(url).status_code == 405
    client.post(url)
    assert count(comment) == 0 and not HelpfulMark.objects.exists()


def test_no_form_for_anonymous_or_on_ones_own_comment(client, comment, author, participant, idea):
    comment_mark_helpful(comment=comment, user=participant)
    html = html_of(client, idea.get_absolute_url())
    assert "1 Person fand das hilfreich" in html and f"comments/{comment.pk}/helpful" not in html
    client.force_login(author)
    html = html_of(client, idea.get_absolute_url())
    assert f"/comments/{comment.pk}/helpful/" not in html


def test_one_persons_mark_never_leaks_into_anothers_page(comment, participant, idea):
    """Two writers without comments share one cached rendering; each sees
    their own pressed state and their own CSRF token."""
    first, second = Client(), Client()
    first.force_login(participant)
    second.force_login(UserFactory())
    html_of(second, idea.get_absolute_url())  # fills the shared rendering
    first.post(reverse("comments:helpful", args=[comment.pk]))
    mine = html_of(first, idea.get_absolute_url())
    theirs = html_of(second, idea.get_absolute_url())
    assert 'aria-pressed="true"' in mine
    assert 'aria-pressed="true"' not in theirs and 'aria-pressed="false"' in theirs
    assert "1 Person fand das hilfreich" in theirs  # the count shows at once
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"><input type="hidden" name="comments"', theirs
    )
    assert token and token.group(1) not in mine
    # The second person's own form works with their token.
    second_csrf = Client(enforce_csrf_checks=True)
    second_csrf.cookies = second.cookies
    response = second_csrf.post(
        reverse("comments:helpful", args=[comment.pk]), {"csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302 and count(comment) == 2


# --- order and layout -------------------------------------------------------------


def test_sort_by_newest_and_by_most_helpful(client, idea, author, participant):
    old = comment_create(idea=idea, author=author, body="Der erste Gedanke")
    new = comment_create(idea=idea, author=participant, body="Der neueste Gedanke")
    useful = comment_create(idea=idea, author=author, body="Der hilfreichste Gedanke")
    for _n in range(2):
        comment_mark_helpful(comment=useful, user=UserFactory())
    comment_mark_helpful(comment=new, user=UserFactory())
    url = idea.get_absolute_url()

    def order(query: str) -> list[int]:
        html = html_of(client, url + query)
        return [
            int(pk) for pk in re.findall(r'<article class="ab-comment" id="comment-(\d+)"', html)
        ]

    assert order("") == [old.pk, new.pk, useful.pk]
    assert order("?comments=newest") == [useful.pk, new.pk, old.pk]
    assert order("?comments=helpful") == [useful.pk, new.pk, old.pk]
    assert order("?comments=<script>") == [old.pk, new.pk, useful.pk]
    html = html_of(client, url + "?comments=helpful")
    assert '<span aria-current="true">hilfreichste zuerst</span>' in html


def test_replies_are_nested_and_lists_carry_no_bullets(client, idea, author, participant):
    top = comment_create(idea=idea, author=author, body="Oben")
    comment_create(idea=idea, author=participant, body="Darunter", parent=top)
    html = html_of(client, idea.get_absolute_url())
    thread = html.split('<ul class="ab-comment-list">')[1]
    assert re.search(
        rf'id="comment-{top.pk}".*?</article><ul class="ab-comment-replies" aria-label="Antworten auf den Kommentar von Ida Autorin"><li class="ab-comment-item"><article',
        thread,
        re.S,
    )
    assert "kern-list" not in thread.split("</section>")[0]
