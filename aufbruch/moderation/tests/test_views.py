import pytest
from django.urls import reverse

from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.moderation.models import Report, ReportStatus
from aufbruch.moderation.services import content_hide, report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(idea, participant):
    return comment_create(idea=idea, author=participant, body="Ein fragwürdiger Kommentar")


def report_url(kind, pk):
    return reverse("moderation:report", args=[kind, pk])


def item_url(kind, pk):
    return reverse("moderation_staff:item", args=[kind, pk])


# --- the report form ---------------------------------------------------------


def test_report_needs_login(client, comment):
    response = client.post(report_url("comment", comment.pk), {"reason": "spam"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert Report.objects.count() == 0


def test_report_form_links_netiquette_and_creates_report(client, comment, other_user):
    client.force_login(other_user)
    html = client.get(report_url("comment", comment.pk)).content.decode()
    assert reverse("netiquette") in html and 'type="radio"' in html
    response = client.post(
        report_url("comment", comment.pk), {"reason": "insult", "explanation": "Beleidigt andere"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    report = Report.objects.get()
    assert (
        report.reporter == other_user
        and report.reason == "insult"
        and report.content_object == comment
    )


def test_report_an_idea(client, idea, other_user):
    client.force_login(other_user)
    assert client.post(report_url("idea", idea.pk), {"reason": "spam"}).status_code == 302
    assert Report.objects.get().content_object == idea


def test_second_report_shows_friendly_message(client, comment, other_user):
    client.force_login(other_user)
    client.post(report_url("comment", comment.pk), {"reason": "insult"})
    response = client.post(report_url("comment", comment.pk), {"reason": "spam"})
    assert response.status_code == 200
    assert "bereits gemeldet" in response.content.decode()
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    "data, field_error",
    [
        ({}, "Bitte wählen Sie einen Grund."),
        ({"reason": "bogus"}, "Bitte wählen Sie einen Grund aus der Liste."),
        ({"reason": "other", "explanation": ""}, "Bitte geben Sie einen Grund an."),
        ({"reason": "spam", "explanation": "x" * 1001}, "1000"),
    ],
)
def test_report_bad_input(client, comment, other_user, data, field_error):
    client.force_login(other_user)
    response = client.post(report_url("comment", comment.pk), data)
    html = response.content.decode()
    assert response.status_code == 200 and field_error in html
    assert Report.objects.count() == 0


def test_report_explanation_with_html_is_escaped_in_queue(client, comment, other_user, moderator):
    report_create(
        reporter=other_user, target=comment, reason="other", explanation="<script>alert(1)</script>"
    )
    login_with_mfa(client, moderator)
    html = client.get(item_url("comment", comment.pk)).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_cannot_report_own_content(client, comment, participant):
    client.force_login(participant)
    response = client.post(report_url("comment", comment.pk), {"reason": "spam"})
    assert "eigener Beitrag" in response.content.decode()
    assert Report.objects.count() == 0


def test_unknown_kind_hidden_or_missing_content_is_404(
    client, comment, idea, other_user, moderator
):
    client.force_login(other_user)
    assert client.get(report_url("user", comment.pk)).status_code == 404
    assert client.get(report_url("comment", 999999)).status_code == 404
    content_hide(target=comment, actor=moderator, reason="Grund")
    assert client.post(report_url("comment", comment.pk), {"reason": "spam"}).status_code == 404
    assert Report.objects.count() == 0


def test_report_rate_limit(client, idea, other_user, settings, topic):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": (2, 3600)}
    client.force_login(other_user)
    authors = [UserFactory() for _ in range(3)]
    comments = [
        comment_create(idea=idea, author=a, body=f"Text {i}") for i, a in enumerate(authors)
    ]
    codes = [
        client.post(report_url("comment", c.pk), {"reason": "spam"}).status_code for c in comments
    ]
    assert codes == [302, 302, 429]
    assert Report.objects.count() == 2


# --- the staff queue ---------------------------------------------------------


def test_queue_shows_grouped_reports(
    client, comment, idea, moderator, django_assert_max_num_queries
):
    for _ in range(3):
        report_create(reporter=UserFactory(), target=comment, reason="insult")
    report_create(reporter=UserFactory(), target=idea, reason="spam")
    login_with_mfa(client, moderator)
    with django_assert_max_num_queries(16) as few:
        html = client.get(reverse("moderation_staff:queue")).content.decode()
    assert (
        "3 Meldungen" in html
        and "beleidigend oder diskriminierend (3)" in html
        and "Spam oder Werbung (1)" in html
    )
    more = [comment_create(idea=idea, author=UserFactory(), body=f"Noch {i}") for i in range(10)]
    for c in more:
        report_create(reporter=UserFactory(), target=c, reason="spam")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("moderation_staff:queue"))


def test_staff_without_mfa_is_sent_to_mfa_setup(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("moderation_staff:queue"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_hide_with_reason_via_queue_then_author_sees_reason(
    client, comment, idea, participant, other_user, moderator
):
    report_create(reporter=other_user, target=comment, reason="insult")
    login_with_mfa(client, moderator)
    response = client.post(
        item_url("comment", comment.pk), {"action": "hide", "reason": "Persönliche Beleidigung"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and Report.objects.get().status == ReportStatus.HIDDEN
    client.force_login(participant)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Persönliche Beleidigung" in html and "Ein fragwürdiger Kommentar" in html
    assert "Persönliche Beleidigung" in client.get(reverse("notifications:list")).content.decode()
    client.force_login(other_user)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Von der Moderation ausgeblendet" in html and "Ein fragwürdiger Kommentar" not in html


def test_hide_without_reason_shows_error_and_changes_nothing(client, comment, moderator):
    login_with_mfa(client, moderator)
    response = client.post(item_url("comment", comment.pk), {"action": "hide", "reason": " "})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and 'id="reason-error"' in html
        and "Bitte geben Sie einen Grund an." in html
    )
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_restore_and_dismiss_via_item_page(client, comment, other_user, moderator):
    login_with_mfa(client, moderator)
    content_hide(target=comment, actor=moderator, reason="Grund")
    client.post(item_url("comment", comment.pk), {"action": "restore", "reason": "Irrtum"})
    comment.refresh_from_db()
    assert not comment.is_hidden
    report_create(reporter=other_user, target=comment, reason="spam")
    client.post(item_url("comment", comment.pk), {"action": "dismiss", "reason": ""})
    assert Report.objects.get().status == ReportStatus.DISMISSED


def test_unknown_action_is_an_error(client, comment, moderator):
    login_with_mfa(client, moderator)
    response = client.post(item_url("comment", comment.pk), {"action": "delete", "reason": "x"})
    assert response.status_code == 200 and "Unbekannte Aktion." in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_block_page(client, participant, moderator):
    login_with_mfa(client, moderator)
    url = reverse("moderation_staff:block", args=[participant.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"days": "abc", "reason": "Grund"})
    assert "Bitte geben Sie eine ganze Zahl ein." in response.content.decode()
    response = client.post(url, {"days": "400", "reason": "Grund"})
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.blocked_until is None
    assert client.post(url, {"days": "7", "reason": "Wiederholt beleidigend"}).status_code == 302
    participant.refresh_from_db()
    assert participant.is_blocked
    assert participant.public_name in client.get(reverse("moderation_staff:queue")).content.decode()
    assert (
        client.post(
            reverse("moderation_staff:unblock", args=[participant.pk]), {"reason": ""}
        ).status_code
        == 302
    )
    participant.refresh_from_db()
    assert not participant.is_blocked


def test_recently_hidden_on_queue(client, comment, moderator):
    content_hide(target=comment, actor=moderator, reason="Sichtbarer Grund im Verlauf")
    login_with_mfa(client, moderator)
    assert (
        "Sichtbarer Grund im Verlauf"
        in client.get(reverse("moderation_staff:queue")).content.decode()
    )


def test_item_page_queries_do_not_grow_with_reports(
    client, comment, moderator, django_assert_max_num_queries
):
    report_create(reporter=UserFactory(), target=comment, reason="spam")
    login_with_mfa(client, moderator)
    url = item_url("comment", comment.pk)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for _ in range(15):
        report_create(
            reporter=UserFactory(), target=comment, reason="insult", explanation="Beleidigung"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.lower().count("beleidigend oder diskriminierend") >= 15


def test_idea_report_form_and_queue_item_for_ideas(client, idea, author, other_user, moderator):
    client.force_login(other_user)
    html = client.get(report_url("idea", idea.pk)).content.decode()
    assert idea.title in html
    client.post(report_url("idea", idea.pk), {"reason": "off_topic"})
    login_with_mfa(client, moderator)
    client.post(item_url("idea", idea.pk), {"action": "hide", "reason": "Kein Bezug zur Stadt"})
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "Kein Bezug zur Stadt"
    client.force_login(other_user)
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert "Kein Bezug zur Stadt" in client.get(idea.get_absolute_url()).content.decode()
