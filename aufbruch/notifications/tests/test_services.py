import pytest
from django.core import mail
from django.db import transaction

from aufbruch.accounts.services import user_export_data
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification, NotificationKind
from aufbruch.notifications.services import notification_mark_read, notify


def _notify(recipients, key="comment:1", kind=NotificationKind.COMMENT, **kw):
    return notify(
        recipients=recipients,
        kind=kind,
        event_key=key,
        title="Neuer Kommentar",
        url="/ideas/1/",
        **kw,
    )


@pytest.mark.django_db(transaction=True)
def test_failing_transaction_sends_nothing():
    person = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([person])
        raise RuntimeError("the service failed after notify")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_committed_notification_is_mailed_once_even_when_notified_twice():
    person, other = UserFactory(), UserFactory()
    with transaction.atomic():
        _notify([person, other])
    with transaction.atomic():
        _notify([person, other, person])
    assert Notification.objects.filter(event_key="comment:1").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([person.email, other.email])
    assert all("Neuer Kommentar" in m.subject for m in mail.outbox)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_preferences_are_respected(django_capture_on_commit_callbacks):
    quiet = UserFactory(email_on_comments=False)
    loud = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([quiet, loud])
    assert Notification.objects.get(recipient=quiet).email_wanted is False
    assert [m.to for m in mail.outbox] == [[loud.email]]


@pytest.mark.django_db
def test_moderation_notices_are_always_mailed(django_capture_on_commit_callbacks):
    quiet = UserFactory(email_on_comments=False, email_on_updates=False, email_on_events=False)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([quiet], key="moderation:comment:1:1", kind=NotificationKind.MODERATION)
    assert [m.to for m in mail.outbox] == [[quiet.email]]


@pytest.mark.django_db
def test_deleted_inactive_and_excluded_users_get_nothing(django_capture_on_commit_callbacks):
    deleted = UserFactory(is_deleted=True)
    inactive = UserFactory(is_active=False)
    writer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([deleted, inactive, writer, None], exclude=writer) == []
    assert Notification.objects.count() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_mark_read_only_touches_own_notifications():
    me, other = UserFactory(), UserFactory()
    _notify([me, other])
    _notify([me], key="comment:2")
    mine = list(Notification.objects.filter(recipient=me).values_list("pk", flat=True))
    theirs = Notification.objects.get(recipient=other)
    assert notification_mark_read(user=me, notification_ids=[mine[0], theirs.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert notification_mark_read(user=me) == 1
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_notifications_are_in_the_data_export():
    me = UserFactory()
    _notify([me])
    data = user_export_data(user=me)
    assert [n["title"] for n in data["notifications"]] == ["Neuer Kommentar"]


@pytest.mark.django_db
def test_account_deletion_removes_the_inbox():
    from aufbruch.accounts.services import user_delete_account

    me, other = UserFactory(), UserFactory()
    _notify([me, other])
    user_delete_account(user=me, actor=me)
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [other.pk]


def test_migration_repairs_bodies_escaped_before(user):
    from importlib import import_module

    from django.apps import apps

    from aufbruch.notifications.models import Notification

    n = Notification.objects.create(
        recipient=user, kind="comment", event_key="k", title="T", body="Rad &amp; Bus &lt;3"
    )
    import_module("aufbruch.notifications.migrations.0002_unescape_plain_text").forwards(apps, None)
    n.refresh_from_db()
    assert n.body == "Rad & Bus <3"


@pytest.mark.django_db(transaction=True)
def test_markdown_in_a_body_reaches_inbox_and_mail_as_plain_text(client):
    person = UserFactory()
    with transaction.atomic():
        _notify([person], body="Wir prüfen das **gern** & melden uns [hier](https://example.org).")
    stored = Notification.objects.get(recipient=person).body
    assert stored == "Wir prüfen das gern & melden uns hier."
    assert "Wir prüfen das gern & melden uns hier." in mail.outbox[0].body
    assert "**" not in mail.outbox[0].body and "&amp;" not in mail.outbox[0].body
    client.force_login(person)
    html = client.get("/notifications/").content.decode()
    assert "Wir prüfen das gern &amp; melden uns hier." in html and "**gern**" not in html


@pytest.mark.django_db
def test_reply_and_response_excerpts_are_plain(django_capture_on_commit_callbacks):
    from aufbruch.comments.services import comment_create
    from aufbruch.core.testing import TopicFactory
    from aufbruch.ideas.services import idea_submit

    author = UserFactory()
    idea = idea_submit(author=author, title="Bänke", body="Text", topic=TopicFactory())
    comment_create(idea=idea, author=UserFactory(), body="Ich _finde_ das **gut**.")
    assert Notification.objects.get(recipient=author).body == "Ich finde das gut."
