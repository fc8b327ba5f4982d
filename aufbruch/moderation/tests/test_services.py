from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.moderation.models import Report, ReportStatus
from aufbruch.moderation.selectors import open_report_groups, recently_hidden
from aufbruch.moderation.services import (
    content_hide,
    content_restore,
    report_create,
    report_dismiss,
    user_block,
    user_unblock,
)
from aufbruch.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(idea, participant):
    return comment_create(idea=idea, author=participant, body="Ein fragwürdiger Kommentar")


def test_report_once_per_person_and_item(comment, other_user):
    report_create(reporter=other_user, target=comment, reason="insult", explanation="Beleidigend")
    with pytest.raises(ValidationError) as exc:
        report_create(reporter=other_user, target=comment, reason="spam")
    assert "bereits gemeldet" in exc.value.messages[0]
    assert Report.objects.count() == 1
    assert AuditEntry.objects.filter(action="moderation.report").count() == 1


def test_report_validation(comment, other_user, participant):
    with pytest.raises(ValidationError):
        report_create(reporter=other_user, target=comment, reason="nonsense")
    with pytest.raises(ValidationError):
        report_create(reporter=other_user, target=comment, reason="other", explanation="  ")
    with pytest.raises(ValidationError):
        report_create(reporter=other_user, target=comment, reason="spam", explanation="x" * 1001)
    with pytest.raises(ValidationError):
        report_create(reporter=participant, target=comment, reason="spam")
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        report_create(reporter=blocked, target=comment, reason="spam")
    assert Report.objects.count() == 0


def test_hide_comment_keeps_row_resolves_reports_recounts_notifies_and_audits(
    comment, idea, participant, other_user, moderator, django_capture_on_commit_callbacks
):
    report_create(reporter=other_user, target=comment, reason="insult")
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        content_hide(target=comment, actor=moderator, reason="Verstößt gegen die Netiquette")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Verstößt gegen die Netiquette"
    assert comment.body == "Ein fragwürdiger Kommentar"  # never deleted
    assert Idea.objects.get(pk=idea.pk).comment_count == 0
    report = Report.objects.get()
    assert report.status == ReportStatus.HIDDEN and report.resolved_by == moderator
    notice = Notification.objects.get(recipient=participant, kind=NotificationKind.MODERATION)
    assert notice.body == "Verstößt gegen die Netiquette" and "ausgeblendet" in notice.title
    assert participant.email in [m.to[0] for m in mail.outbox]
    entry = AuditEntry.objects.get(action="moderation.hide")
    assert entry.actor == moderator and entry.details["reason"] == "Verstößt gegen die Netiquette"


def test_restore_shows_again_and_recounts(comment, idea, participant, moderator):
    content_hide(target=comment, actor=moderator, reason="Fehler")
    content_restore(target=comment, actor=moderator, reason="Doch in Ordnung")
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    assert AuditEntry.objects.filter(
        action="moderation.restore", details__reason="Doch in Ordnung"
    ).exists()
    assert (
        Notification.objects.filter(recipient=participant, kind=NotificationKind.MODERATION).count()
        == 2
    )


def test_hide_idea(idea, author, office):
    content_hide(target=idea, actor=office, reason="Werbung")
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "Werbung"
    assert Notification.objects.filter(recipient=author, kind=NotificationKind.MODERATION).exists()


def test_hide_needs_a_reason_and_a_moderator(comment, moderator, guide, participant):
    with pytest.raises(ValidationError):
        content_hide(target=comment, actor=moderator, reason="   ")
    for person in (guide, participant):
        with pytest.raises(PermissionDenied):
            content_hide(target=comment, actor=person, reason="Grund")
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not AuditEntry.objects.filter(action="moderation.hide").exists()


def test_hiding_twice_is_refused(comment, moderator):
    content_hide(target=comment, actor=moderator, reason="Grund")
    with pytest.raises(ValidationError):
        content_hide(target=comment, actor=moderator, reason="Nochmal")
    assert AuditEntry.objects.filter(action="moderation.hide").count() == 1


def test_dismiss_reports(comment, other_user, moderator):
    report_create(reporter=other_user, target=comment, reason="spam")
    assert report_dismiss(target=comment, actor=moderator, reason="Kein Verstoß") == 1
    assert Report.objects.get().status == ReportStatus.DISMISSED
    with pytest.raises(ValidationError):
        report_dismiss(target=comment, actor=moderator)
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_block_and_unblock(participant, moderator, idea):
    user_block(user=participant, actor=moderator, days=7, reason="Wiederholte Beleidigungen")
    participant.refresh_from_db()
    assert participant.is_blocked
    assert participant.blocked_until > timezone.now() + timedelta(days=6)
    with pytest.raises(PermissionDenied):
        comment_create(idea=idea, author=participant, body="Ich darf nicht")
    user_unblock(user=participant, actor=moderator)
    participant.refresh_from_db()
    assert not participant.is_blocked
    comment_create(idea=idea, author=participant, body="Jetzt wieder")
    actions = list(
        AuditEntry.objects.filter(
            action__in=["moderation.block", "moderation.unblock"]
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["moderation.block", "moderation.unblock"]


@pytest.mark.parametrize("days", [0, -1, 366, "7"])
def test_block_days_must_be_sensible(participant, moderator, days):
    with pytest.raises(ValidationError):
        user_block(user=participant, actor=moderator, days=days, reason="Grund")
    participant.refresh_from_db()
    assert participant.blocked_until is None


def test_staff_and_self_cannot_be_blocked(moderator, office, guide):
    for person in (office, guide, moderator):
        with pytest.raises(ValidationError):
            user_block(user=person, actor=moderator, days=3, reason="Grund")


def test_guides_cannot_block(participant, guide):
    with pytest.raises(PermissionDenied):
        user_block(user=participant, actor=guide, days=3, reason="Grund")


def test_queue_groups_reports_by_content(
    comment, idea, other_user, moderator, django_assert_max_num_queries
):
    reporters = [UserFactory() for _ in range(3)]
    for r in reporters:
        report_create(reporter=r, target=comment, reason="insult")
    report_create(reporter=other_user, target=idea, reason="spam")
    open_report_groups()  # content types are cached per process, as on a running site
    with django_assert_max_num_queries(4):
        groups = open_report_groups()
    assert [(g.entry.kind, len(g.reports)) for g in groups] == [("idea", 1), ("comment", 3)]
    assert groups[1].reasons[0][1] == 3


def test_recently_hidden_lists_still_hidden_content(comment, idea, moderator):
    content_hide(target=comment, actor=moderator, reason="A")
    content_hide(target=idea, actor=moderator, reason="B")
    content_restore(target=idea, actor=moderator, reason="C")
    items = recently_hidden()
    assert [(i.entry.kind, i.reason) for i in items] == [("comment", "A")]


def test_hidden_comment_row_is_never_deleted(comment, moderator):
    content_hide(target=comment, actor=moderator, reason="Grund")
    assert Comment.objects.filter(pk=comment.pk).exists()
