"""The header's unread count comes from the cache while it is current
(notifications/unread.py, issue #15): every notification and every "read"
shows on the next page, for the person concerned only, and a count read
before a commit is never served after it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from aufbruch.core.testing import UserFactory
from aufbruch.notifications import selectors
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notification_mark_read, notifications_forget, notify
from aufbruch.notifications.unread import cached_unread

pytestmark = pytest.mark.django_db


def _notify(people, key):
    notify(recipients=people, kind=NotificationKind.STATUS, event_key=key, title="Neu")


def _count(user) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        value = selectors.unread_count(user=user)
    return value, len(ctx.captured_queries)


def test_the_count_is_exact_after_every_change_and_cached_between():
    anna, bert = UserFactory(), UserFactory()
    assert _count(anna)[0] == 0
    _notify([anna, bert], "a")
    assert _count(anna) == (1, 1)  # counted
    assert _count(anna) == (1, 0)  # from the cache
    _notify([anna], "b")
    assert _count(anna)[0] == 2
    assert _count(bert) == (1, 1)
    notification_mark_read(user=anna)
    assert _count(anna)[0] == 0
    assert _count(bert)[0] == 1  # Bert's own count is untouched
    _notify([anna], "b")  # the same event again: nothing new
    assert _count(anna) == (0, 0)
    notifications_forget(bert)
    assert _count(bert)[0] == 0


def test_demo_history_does_not_change_the_count(monkeypatch):
    from aufbruch.notifications import services

    anna = UserFactory()
    _count(anna)  # the first count starts a version, the second is kept
    _count(anna)
    assert _count(anna) == (0, 0)
    monkeypatch.setattr(services, "is_seeding", lambda: True)
    _notify([anna], "history")
    assert _count(anna) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_a_count_read_before_a_commit_is_not_served_after_it():
    anna = UserFactory()
    assert selectors.unread_count(user=anna) == 0
    with transaction.atomic():
        _notify([anna], "race")  # a new version at once
        # another request counts now, from the data before the commit
        assert cached_unread(anna.pk, lambda: 0) == 0
    assert selectors.unread_count(user=anna) == 1
