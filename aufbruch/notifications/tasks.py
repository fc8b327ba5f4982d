from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from aufbruch.core.text import single_line

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
            context = {
                "notification": n,
                "site_url": settings.SITE_URL.rstrip("/"),
                "platform_name": settings.PLATFORM_NAME,
            }
            send_mail(
                # single_line: a title stored before control characters were
                # rejected must not make the mail fail (BadHeaderError).
                subject=single_line(f"[{settings.PLATFORM_NAME}] {n.title}"),
                message=render_to_string("notifications/email.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[n.recipient.email],
            )
            n.emailed_at = timezone.now()
            n.save(update_fields=["emailed_at"])
            sent += 1
    return sent
