from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.ideas.models import Idea

pytestmark = pytest.mark.django_db


def create_url(idea):
    return reverse("comments:create", args=[idea.pk])


def test_anonymous_reads_thread_but_gets_login_link(client, idea, participant):
    comment_create(idea=idea, author=participant, body="Öffentlich lesbar")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Öffentlich lesbar" in html
    assert 'id="comment-form-new"' not in html
    assert reverse("account_login") in html


def test_anonymous_cannot_post(client, idea):
    response = client.post(create_url(idea), {"body": "Anonym"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert Comment.objects.count() == 0


def test_participant_writes_a_comment(client, idea, participant):
    client.force_login(participant)
    response = client.post(create_url(idea), {"body": "Sehr **gute** Idee"})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.author == participant and Idea.objects.get(pk=idea.pk).comment_count == 1
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "<strong>gute</strong>" in page


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Bitte schreiben Sie einen Kommentar."),
        ("   ", "Bitte schreiben Sie einen Kommentar."),
        ("y" * 5001, "5000"),
    ],
)
def test_bad_input_shows_german_error_at_the_field_and_keeps_input(
    client, idea, participant, body, message
):
    client.force_login(participant)
    response = client.post(create_url(idea), {"body": body})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert (
        'id="comment-form-new-error"' in html
        and 'aria-describedby="comment-form-new-hint comment-form-new-error"' in html
    )
    if body.strip():
        assert body in html
    assert Comment.objects.count() == 0 and Idea.objects.get(pk=idea.pk).comment_count == 0


def test_wrong_types_in_urls_and_unknown_ids_give_404(client, idea, participant):
    client.force_login(participant)
    assert client.post("/comments/abc/edit/", {"body": "x"}).status_code == 404
    assert client.post(reverse("comments:reply", args=[999999]), {"body": "x"}).status_code == 404
    assert client.post(reverse("comments:create", args=[999999]), {"body": "x"}).status_code == 404
    assert Comment.objects.count() == 0


def test_malicious_html_is_shown_as_text(client, idea, participant):
    client.force_login(participant)
    client.post(
        create_url(idea), {"body": '<script>alert("x")</script><img src=x onerror=alert(1)>'}
    )
    html = client.get(idea.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_double_submit_is_refused_with_message(client, idea, participant):
    client.force_login(participant)
    client.post(create_url(idea), {"body": "Doppelt"})
    response = client.post(create_url(idea), {"body": "Doppelt"})
    assert "Sie haben diesen Kommentar gerade veröffentlicht." in response.content.decode()
    assert Comment.objects.count() == 1


def test_hidden_idea_cannot_be_commented(client, idea, participant):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(participant)
    assert client.post(create_url(idea), {"body": "Hallo"}).status_code == 404
    assert Comment.objects.count() == 0


def test_blocked_participant_gets_403(client, idea):
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=1))
    client.force_login(blocked)
    assert client.post(create_url(idea), {"body": "Hallo"}).status_code == 403
    assert Comment.objects.count() == 0


def test_rate_limit(client, idea, participant, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": (2, 600)}
    client.force_login(participant)
    for n in range(2):
        client.post(create_url(idea), {"body": f"Nummer {n}"})
    response = client.post(create_url(idea), {"body": "Zu viel"})
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_htmx_post_returns_the_thread(client, idea, participant):
    client.force_login(participant)
    response = client.post(create_url(idea), {"body": "Per htmx"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section id="comments"')
    assert "Per htmx" in html and "(1)" in html


def test_htmx_error_retargets_the_form(client, idea, participant):
    client.force_login(participant)
    response = client.post(create_url(idea), {"body": ""}, HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#comment-form-new" and response["HX-Reswap"] == "outerHTML"
    assert "Bitte schreiben Sie einen Kommentar." in response.content.decode()


def test_reply_page_and_reply(client, idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Oben")
    client.force_login(other_user)
    url = reverse("comments:reply", args=[top.pk])
    page = client.get(url)
    assert page.status_code == 200 and "<h1" in page.content.decode()
    response = client.post(url, {"body": "Meine Antwort"})
    reply = Comment.objects.get(parent=top)
    assert response.status_code == 302 and reply.author == other_user


def test_htmx_get_reply_returns_only_the_form(client, idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Oben")
    client.force_login(other_user)
    html = client.get(
        reverse("comments:reply", args=[top.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert html.startswith("<form") and "data-focus-after-swap" in html and "<h1" not in html


def test_replying_to_a_reply_is_forbidden(client, idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Oben")
    reply = comment_create(idea=idea, author=other_user, body="Unten", parent=top)
    client.force_login(participant)
    assert (
        client.post(reverse("comments:reply", args=[reply.pk]), {"body": "Tiefer"}).status_code
        == 403
    )
    assert Comment.objects.count() == 2


def test_edit_own_comment(client, idea, participant):
    c = comment_create(idea=idea, author=participant, body="Vorher")
    client.force_login(participant)
    url = reverse("comments:edit", args=[c.pk])
    assert "Vorher" in client.get(url).content.decode()
    assert client.post(url, {"body": "Nachher"}).status_code == 302
    c.refresh_from_db()
    assert c.body == "Nachher" and c.edited_at


def test_edit_with_empty_text_keeps_the_comment(client, idea, participant):
    c = comment_create(idea=idea, author=participant, body="Vorher")
    client.force_login(participant)
    response = client.post(reverse("comments:edit", args=[c.pk]), {"body": ""})
    assert "Bitte schreiben Sie einen Kommentar." in response.content.decode()
    c.refresh_from_db()
    assert c.body == "Vorher"


def test_editing_someone_elses_comment_is_forbidden(client, idea, participant, other_user):
    c = comment_create(idea=idea, author=participant, body="Meins")
    client.force_login(other_user)
    assert client.get(reverse("comments:edit", args=[c.pk])).status_code == 403
    assert (
        client.post(reverse("comments:edit", args=[c.pk]), {"body": "Gekapert"}).status_code == 403
    )
    c.refresh_from_db()
    assert c.body == "Meins"


def test_editing_after_the_window_is_forbidden(client, idea, participant):
    c = comment_create(idea=idea, author=participant, body="Alt")
    Comment.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(participant)
    assert client.post(reverse("comments:edit", args=[c.pk]), {"body": "Neu"}).status_code == 403
    c.refresh_from_db()
    assert c.body == "Alt"
    assert (
        reverse("comments:edit", args=[c.pk])
        not in client.get(idea.get_absolute_url()).content.decode()
    )


def test_delete_shows_tombstone_and_keeps_replies(client, idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Wird gelöscht")
    comment_create(idea=idea, author=other_user, body="Antwort bleibt", parent=top)
    client.force_login(participant)
    url = reverse("comments:delete", args=[top.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    html = client.get(idea.get_absolute_url()).content.decode()
    assert (
        "Dieser Kommentar wurde gelöscht." in html
        and "Wird gelöscht" not in html
        and "Antwort bleibt" in html
    )
    assert Idea.objects.get(pk=idea.pk).comment_count == 1


def test_deleting_someone_elses_comment_is_forbidden(client, idea, participant, other_user):
    c = comment_create(idea=idea, author=participant, body="Meins")
    client.force_login(other_user)
    assert client.post(reverse("comments:delete", args=[c.pk])).status_code == 403
    assert not Comment.objects.get(pk=c.pk).is_deleted


def test_hidden_comment_placeholder_for_public_text_and_reason_for_author_and_staff(
    client, idea, participant, other_user, moderator
):
    c = comment_create(idea=idea, author=participant, body="Grenzwertiger Text")
    Comment.objects.filter(pk=c.pk).update(is_hidden=True, hidden_reason="Beleidigung")
    public = client.get(idea.get_absolute_url()).content.decode()
    assert (
        "Von der Moderation ausgeblendet" in public
        and "Grenzwertiger Text" not in public
        and "Beleidigung" not in public
    )
    client.force_login(other_user)
    assert "Grenzwertiger Text" not in client.get(idea.get_absolute_url()).content.decode()
    client.force_login(moderator)  # no second factor in this session: like a resident
    assert "Grenzwertiger Text" not in client.get(idea.get_absolute_url()).content.decode()
    for viewer in (participant, moderator):
        login_with_mfa(client, viewer) if viewer is moderator else client.force_login(viewer)
        html = client.get(idea.get_absolute_url()).content.decode()
        assert "Grenzwertiger Text" in html and "Beleidigung" in html


def test_report_link_next_to_each_comment(client, idea, participant):
    c = comment_create(idea=idea, author=participant, body="Text")
    assert (
        reverse("moderation:report", args=["comment", c.pk])
        in client.get(idea.get_absolute_url()).content.decode()
    )


def _page_queries(client, url, *, cold: bool = False) -> int:
    if cold:  # nothing shared yet: the page renders its frame (ideas.page_cache) too
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_idea_page_queries_do_not_grow_with_comments(
    client, idea, topic, participant, django_assert_max_num_queries
):
    people = [UserFactory() for _ in range(5)]
    small = comment_create(idea=idea, author=participant, body="Eins")
    comment_create(idea=idea, author=people[0], body="Zwei", parent=small)
    client.force_login(participant)
    few = _page_queries(client, idea.get_absolute_url(), cold=True)

    rows = [
        Comment(
            idea=idea,
            author=people[i % 5],
            body=f"Kommentar {i}",
            body_html=f"<p>Kommentar {i}</p>",
        )
        for i in range(150)
    ]
    top = Comment.objects.bulk_create(rows)
    Comment.objects.bulk_create(
        [
            Comment(
                idea=idea,
                parent=top[i],
                author=people[(i + 1) % 5],
                body=f"Antwort {i}",
                body_html="<p>A</p>",
            )
            for i in range(48)
        ]
    )
    assert Comment.objects.filter(idea=idea).count() == 200
    # bulk_create bypasses the services: no new page version, so cold again.
    many = _page_queries(client, idea.get_absolute_url(), cold=True)
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(idea.get_absolute_url())


def test_comment_panel_itself_uses_a_fixed_number_of_queries(
    rf, idea, participant, django_assert_max_num_queries
):
    from django.template.loader import render_to_string

    from aufbruch.comments.views import panel_context

    for i in range(30):
        comment_create(idea=idea, author=UserFactory(), body=f"Text {i}")
    request = rf.get(idea.get_absolute_url())
    request.user = participant
    with django_assert_max_num_queries(4):
        html = render_to_string(
            "comments/panel.html",
            {"panel": panel_context(request, idea), "user": participant},
            request=request,
        )
    assert html.count('class="ab-comment"') == 30


def test_names_and_reasons_are_escaped_in_the_thread(client, idea, moderator):
    from aufbruch.moderation.services import content_hide

    evil = UserFactory(display_name='<img src=x onerror="alert(1)">')
    c = comment_create(idea=idea, author=evil, body="Hallo")
    reply = comment_create(idea=idea, author=evil, body="Noch mal", parent=c)
    content_hide(target=reply, actor=moderator, reason="<script>alert(2)</script>")
    client.force_login(evil)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html and "<script>alert(2)" not in html
    assert (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
        and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    )


def test_deleted_account_is_shown_as_such(client, idea, participant):
    from aufbruch.accounts.services import user_delete_account

    comment_create(idea=idea, author=participant, body="Mein Beitrag bleibt")
    user_delete_account(user=participant, actor=participant)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert (
        "Mein Beitrag bleibt" in html
        and "gelöschtes Konto" in html
        and "Peter Teilnehmer" not in html
    )
