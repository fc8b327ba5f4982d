from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from aufbruch.core.links import absolute_url
from aufbruch.core.mail import send_platform_mail

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send each pending notification once; a retry skips what was sent."""
    sent = 0
    for nid in notification_ids:
        with transaction.atomic():
            n = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=nid, emailed_at__isnull=True, email_wanted=True)
                .first()
            )
            if n is None or n.recipient.is_deleted or not n.recipient.is_active:
                continue
            # The subject is made one line (a title stored before control
            # characters were rejected must not fail with BadHeaderError).
            send_platform_mail(
                to=[n.recipient.email],
                subject=n.title,
                template="notifications/email.txt",
                context={
                    "notification": n,
                    "notification_url": absolute_url(n.url) if n.url else "",
                },
            )
            n.emailed_at = timezone.now()
            n.save(update_fields=["emailed_at"])
            sent += 1
    return sent
