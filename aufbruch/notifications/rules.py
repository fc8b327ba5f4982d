"""Notifications belong to their recipient alone."""

import rules

from aufbruch.staff.predicates import is_authenticated


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("notifications.view_notifications", is_authenticated)
rules.add_perm("notifications.change_notification", is_authenticated & is_recipient)
