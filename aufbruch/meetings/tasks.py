"""Background mail of the events app: guest registration mails and the
reminder the day before. Both are enqueued after the commit and idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from aufbruch.core.links import absolute_url
from aufbruch.core.mail import send_platform_mail
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import Registration, RegistrationStatus

SUBJECTS = {
    "confirm_email": gettext_noop("Please confirm your registration: %(title)s"),
    "confirmed": gettext_noop("Your seat is confirmed: %(title)s"),
    "waiting": gettext_noop("You are on the waiting list: %(title)s"),
    "promoted": gettext_noop("A seat became free – you are now registered: %(title)s"),
    "reminder": gettext_noop("Reminder: %(title)s is tomorrow"),
}


def _mail_guest(registration: Registration, what: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "meeting": registration.meeting,
            "what": what,
            "confirm_url": absolute_url(
                reverse("meetings:guest_confirm", args=[registration.secret])
            ),
            "ticket_url": absolute_url(reverse("meetings:ticket", args=[registration.secret])),
            "ics_url": absolute_url(reverse("meetings:ics", args=[registration.meeting_id])),
        }
        send_platform_mail(
            to=[registration.guest_email],
            subject=_(SUBJECTS[what]) % {"title": registration.meeting.title},
            template="meetings/email/guest.txt",
            context=context,
        )


@task()
def send_registration_mail(registration_id: int, what: str) -> bool:
    registration = (
        Registration.objects.select_related("meeting")
        .filter(pk=registration_id, user__isnull=True)
        .first()
    )
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return False
    _mail_guest(registration, what)
    return True


def reminders_due(now: datetime) -> tuple[datetime, datetime]:
    """The local calendar day after ``now``: events starting then are reminded."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    return start, start + timedelta(days=1)


@task()
def send_event_reminders(now: str | None = None) -> int:
    """Remind every confirmed person of tomorrow's events once. Each row is
    marked inside its own transaction, so a rerun (or a parallel worker)
    sends nothing twice."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    start, end = reminders_due(moment)
    ids = list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            meeting__is_published=True,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in ids:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .filter(pk=pk, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED)
                .first()
            )
            if registration is None:
                continue
            registration.reminder_sent_at = timezone.now()
            registration.save(update_fields=["reminder_sent_at"])
            registration = Registration.objects.select_related("meeting", "user").get(pk=pk)
            if registration.user_id:
                meeting = registration.meeting
                with translation.override(settings.LANGUAGE_CODE):
                    title = _(SUBJECTS["reminder"]) % {"title": meeting.title}
                    body = _("It starts on %(start)s at %(place)s.") % {
                        "start": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H:%M"),
                        "place": meeting.venue or meeting.online_url,
                    }
                notify(
                    recipients=[registration.user],
                    kind=NotificationKind.REMINDER,
                    event_key=f"meeting-reminder:{pk}",
                    title=title,
                    body=body,
                    url=reverse("meetings:ticket", args=[registration.secret]),
                )
            else:
                transaction.on_commit(lambda r=registration: _mail_guest(r, "reminder"))
            sent += 1
    return sent
