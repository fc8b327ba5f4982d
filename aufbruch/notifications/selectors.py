from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .models import Notification
from .unread import cached_unread


def unread_count(*, user) -> int:
    """The header's badge: exact, from the cache while current (see unread.py)."""
    if not user.is_authenticated:
        return 0
    return cached_unread(
        user.pk,
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    )


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def inbox(*, user) -> QuerySet[Notification]:
    """Unread first, then newest first."""
    return notifications_for(user=user).order_by(
        ExpressionWrapper(Q(read_at__isnull=False), output_field=BooleanField()),
        "-created_at",
        "-id",
    )


def export_notifications(user) -> list[dict]:
    return [
        {
            "kind": n.kind,
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
            "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
        }
        for n in notifications_for(user=user).order_by("created_at", "id")
    ]
