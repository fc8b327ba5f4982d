"""Loading the demo is silent: no mail, no queued task, nothing waiting to be mailed."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks.signals import task_enqueued

from aufbruch.core.demo import is_seeding, seeding
from aufbruch.notifications.models import Notification, NotificationKind
from aufbruch.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    tasks = []

    def record(sender, task_result, **kwargs):
        tasks.append(task_result.task.name)

    task_enqueued.connect(record)
    yield tasks
    task_enqueued.disconnect(record)


def test_seed_demo_sends_no_mail_and_queues_nothing(enqueued, django_capture_on_commit_callbacks):
    # Every after-commit callback runs, as it would outside a test transaction.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", scale=0.03, quiet=True)
    assert Notification.objects.exists(), "the demo keeps its notifications as history"
    assert enqueued == []
    assert mail.outbox == []
    assert not Notification.objects.filter(email_wanted=True).exists()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert not is_seeding()


def test_notify_outside_seeding_still_mails(user, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with seeding():
            notify(recipients=[user], kind=NotificationKind.OTHER, event_key="a", title="Demo")
        notify(recipients=[user], kind=NotificationKind.OTHER, event_key="b", title="Echt")
    assert enqueued == ["send_notification_emails"]
    assert [m.subject.endswith("Echt") for m in mail.outbox] == [True]
    demo = Notification.objects.get(event_key="a")
    assert demo.read_at is not None and not demo.email_wanted


@pytest.mark.parametrize(
    "moment",
    ["2027-03-15T12:00:00+00:00", "2031-12-31T23:30:00+00:00"],
    ids=["after-the-first-summit-date", "new-years-night-years-later"],
)
def test_the_demo_loads_on_any_day(moment, monkeypatch):
    """`make run` must work years from now: no demo event or deadline may be fixed in the
    calendar such that a service refuses it later (the Digitalgipfel once was)."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from aufbruch.meetings.models import Meeting

    fixed = datetime.fromisoformat(moment)
    clock = iter(fixed + timedelta(milliseconds=n) for n in range(10**9))
    monkeypatch.setattr(timezone, "now", lambda: next(clock))
    call_command("seed_demo", scale=0.03, quiet=True)
    summit = Meeting.objects.get(title__startswith="Digitalgipfel")
    assert summit.registration_opens_at < fixed < summit.registration_closes_at
    assert summit.registrations.exists()
