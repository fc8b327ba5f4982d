"""Notifications: in-app rows plus e-mail through a background task.

``notify`` is called by the service that causes the event, inside its
transaction. The rows are written in that transaction (so a rollback leaves
nothing), and the e-mail task is enqueued with transaction.on_commit, so a
failed transaction never sends mail. The unique (recipient, event_key)
constraint makes a repeated call a no-op: one notification and at most one
e-mail per recipient and event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from aufbruch.core.demo import is_seeding
from aufbruch.core.text import markdown_to_text, single_line

from .models import Notification, NotificationKind
from .unread import unread_changed

# Which profile switch governs the e-mail for a kind of notification.
EMAIL_PREFERENCE = {
    NotificationKind.COMMENT: "email_on_comments",
    NotificationKind.REPLY: "email_on_comments",
    NotificationKind.STATUS: "email_on_updates",
    NotificationKind.RESPONSE: "email_on_updates",
    NotificationKind.BOARD: "email_on_events",
    NotificationKind.EVENT: "email_on_events",
    NotificationKind.MODERATION: None,  # always mailed: it concerns the user's own content
    NotificationKind.REMINDER: None,
    NotificationKind.OTHER: "email_on_updates",
}


def notify(
    *,
    recipients: Iterable,
    kind: NotificationKind,
    event_key: str,
    title: str,
    body: str = "",
    url: str = "",
    exclude=None,
) -> list[int]:
    """Notify each recipient once about one event. Returns the new notification ids.

    ``body`` may be user Markdown: it is stored as the plain text a resident
    reads in the list and the e-mail (never ``**`` or link syntax).

    While the demo is seeded (``core.demo.seeding``) the rows are written as
    read history: no e-mail is wanted and no task is enqueued."""
    body = markdown_to_text(body)
    history = is_seeding()
    people = {}
    for user in recipients:
        if user is None or getattr(user, "is_deleted", False) or not user.is_active:
            continue
        if exclude is not None and user.pk == exclude.pk:
            continue
        people[user.pk] = user
    if not people:
        return []
    already = set(
        Notification.objects.filter(event_key=event_key, recipient_id__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    pref = EMAIL_PREFERENCE.get(kind)
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            event_key=event_key[:120],
            title=single_line(title)[:255],
            body=body,
            url=url,
            email_wanted=False
            if history
            else (True if pref is None else bool(getattr(user, pref, True))),
            read_at=timezone.now() if history else None,
        )
        for pk, user in people.items()
        if pk not in already
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if not history:
        unread_changed(r.recipient_id for r in rows)
    new_ids = list(
        Notification.objects.filter(
            event_key=event_key[:120],
            recipient_id__in=[r.recipient_id for r in rows],
            email_wanted=True,
            emailed_at__isnull=True,
        ).values_list("id", flat=True)
    )
    if new_ids:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(new_ids))
    return new_ids


@transaction.atomic
def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    changed = qs.update(read_at=timezone.now())
    if changed:
        unread_changed([user.pk])
    return changed


def notifications_forget(user) -> None:
    """Account deletion: a person's inbox is personal data and goes with them."""
    Notification.objects.filter(recipient=user).delete()
    unread_changed([user.pk])
