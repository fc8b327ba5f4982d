from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create, comment_delete, comment_edit, comment_recount
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.notifications.models import Notification, NotificationKind

from .fixtures import follow, submit_idea

pytestmark = pytest.mark.django_db


def count_of(idea) -> int:
    return Idea.objects.get(pk=idea.pk).comment_count


def test_create_renders_safe_html_counts_and_audits(idea, participant):
    c = comment_create(
        idea=idea,
        author=participant,
        body="Gute Idee! <script>alert(1)</script> [x](javascript:alert(1))",
    )
    assert "<script" not in c.body_html and 'href="javascript' not in c.body_html
    assert "&lt;script&gt;" in c.body_html
    assert count_of(idea) == 1
    assert (
        AuditEntry.objects.filter(
            action="comment.create", target_id=str(c.pk), actor=participant
        ).count()
        == 1
    )


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 5001])
def test_create_rejects_empty_and_too_long(idea, participant, body):
    with pytest.raises(ValidationError) as exc:
        comment_create(idea=idea, author=participant, body=body)
    assert "body" in exc.value.message_dict
    assert Comment.objects.count() == 0 and count_of(idea) == 0


def test_reply_one_level_deep_only(idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Oben")
    reply = comment_create(idea=idea, author=other_user, body="Antwort", parent=top)
    assert reply.parent_id == top.pk
    with pytest.raises(ValidationError) as exc:
        comment_create(idea=idea, author=participant, body="Antwort auf Antwort", parent=reply)
    assert "parent" in exc.value.message_dict
    assert Comment.objects.count() == 2 and count_of(idea) == 2


def test_reply_to_comment_of_another_idea_is_refused(idea, participant, topic):
    other_idea = submit_idea(author=participant, topic=topic, title="Andere Idee")
    foreign = comment_create(idea=other_idea, author=participant, body="Woanders")
    with pytest.raises(ValidationError):
        comment_create(idea=idea, author=participant, body="Quer", parent=foreign)
    assert Comment.objects.filter(idea=idea).count() == 0


def test_blocked_and_deleted_users_cannot_write(idea):
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=3))
    gone = UserFactory(is_deleted=True)
    for person in (blocked, gone):
        with pytest.raises(PermissionDenied):
            comment_create(idea=idea, author=person, body="Hallo")
    assert Comment.objects.count() == 0


def test_no_comments_on_hidden_idea(idea, participant):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    idea.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_create(idea=idea, author=participant, body="Hallo")


def test_edit_by_author_within_window(idea, participant):
    c = comment_create(idea=idea, author=participant, body="Erst so")
    comment_edit(comment=c, actor=participant, body="Dann **so**")
    c.refresh_from_db()
    assert (
        c.body == "Dann **so**" and "<strong>so</strong>" in c.body_html and c.edited_at is not None
    )
    assert AuditEntry.objects.filter(action="comment.edit", target_id=str(c.pk)).exists()


def test_edit_of_someone_elses_comment_is_forbidden(idea, participant, other_user):
    c = comment_create(idea=idea, author=participant, body="Meins")
    with pytest.raises(PermissionDenied):
        comment_edit(comment=c, actor=other_user, body="Gekapert")
    c.refresh_from_db()
    assert c.body == "Meins" and c.edited_at is None


def test_edit_after_window_is_refused(idea, participant, settings):
    settings.COMMENT_EDIT_WINDOW_MINUTES = 15
    c = comment_create(idea=idea, author=participant, body="Alt")
    Comment.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    c.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        comment_edit(comment=c, actor=participant, body="Neu")
    assert "15" in exc.value.messages[0]
    c.refresh_from_db()
    assert c.body == "Alt"


def test_edit_rejects_empty_text(idea, participant):
    c = comment_create(idea=idea, author=participant, body="Text")
    with pytest.raises(ValidationError):
        comment_edit(comment=c, actor=participant, body="  ")
    c.refresh_from_db()
    assert c.body == "Text"


def test_delete_leaves_tombstone_and_keeps_replies(idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Wird gelöscht")
    reply = comment_create(idea=idea, author=other_user, body="Bleibt", parent=top)
    comment_delete(comment=top, actor=participant)
    top.refresh_from_db()
    assert top.is_deleted and top.body == "" and top.body_html == "" and top.deleted_at
    assert Comment.objects.filter(pk=reply.pk, parent=top).exists()
    assert count_of(idea) == 1
    # deleting twice changes nothing and logs once
    comment_delete(comment=top, actor=participant)
    assert count_of(idea) == 1
    assert AuditEntry.objects.filter(action="comment.delete", target_id=str(top.pk)).count() == 1


def test_delete_of_someone_elses_comment_is_forbidden(idea, participant, other_user):
    c = comment_create(idea=idea, author=participant, body="Meins")
    with pytest.raises(PermissionDenied):
        comment_delete(comment=c, actor=other_user)
    c.refresh_from_db()
    assert not c.is_deleted and count_of(idea) == 1


def test_recount_counts_visible_non_deleted_rows(idea, participant):
    a = comment_create(idea=idea, author=participant, body="a")
    comment_create(idea=idea, author=participant, body="b")
    b = comment_create(idea=idea, author=participant, body="c")
    Comment.objects.filter(pk=a.pk).update(is_hidden=True)
    Comment.objects.filter(pk=b.pk).update(is_deleted=True)
    Idea.objects.filter(pk=idea.pk).update(comment_count=99)
    comment_recount(idea_id=idea.pk)
    assert count_of(idea) == 1
    Comment.objects.filter(idea=idea).update(is_deleted=True)
    comment_recount(idea_id=idea.pk)
    assert count_of(idea) == 0


def test_double_submit_creates_one_comment(idea, participant):
    comment_create(idea=idea, author=participant, body="Zweimal geklickt")
    with pytest.raises(ValidationError) as exc:
        comment_create(idea=idea, author=participant, body="Zweimal geklickt")
    assert "body" in exc.value.message_dict
    assert Comment.objects.count() == 1 and count_of(idea) == 1


def test_new_comment_notifies_author_and_followers_not_the_writer(
    idea, author, participant, django_capture_on_commit_callbacks
):
    follower = UserFactory(email_on_comments=False)
    follow(idea=idea, user=follower)
    follow(idea=idea, user=participant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        c = comment_create(idea=idea, author=participant, body="Hallo zusammen")
    rows = Notification.objects.filter(event_key=f"comment:{c.pk}")
    assert {n.recipient_id for n in rows} == {author.pk, follower.pk}
    assert all(n.kind == NotificationKind.COMMENT for n in rows)
    assert "Neuer Kommentar" in rows.get(recipient=author).title
    # the follower who switched e-mails off gets the in-app row only
    assert [m.to for m in mail.outbox] == [[author.email]]


def test_reply_notifies_parent_author_with_reply_kind(idea, author, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Oben")
    reply = comment_create(idea=idea, author=other_user, body="Unten", parent=top)
    rows = {n.recipient_id: n for n in Notification.objects.filter(event_key=f"comment:{reply.pk}")}
    assert rows[participant.pk].kind == NotificationKind.REPLY
    assert rows[author.pk].kind == NotificationKind.COMMENT
    assert other_user.pk not in rows


def test_hidden_comment_cannot_be_answered_or_deleted(idea, participant, other_user):
    top = comment_create(idea=idea, author=participant, body="Ausgeblendet")
    Comment.objects.filter(pk=top.pk).update(is_hidden=True, hidden_reason="Grund")
    top.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_create(idea=idea, author=other_user, body="Antwort", parent=top)
    with pytest.raises(ValidationError):
        comment_delete(comment=top, actor=participant)
    top.refresh_from_db()
    assert top.body == "Ausgeblendet" and not top.is_deleted
    assert Comment.objects.count() == 1
