"""Registrations of events: a seat or a place on the waiting list, guests'
confirmation, cancellation (the waiting list moves up), check-in, and the
registrations in a person's data export and account deletion.

Every change of seats runs with the meeting row locked
(``select_for_update``) and counts inside that transaction, so capacity is
never exceeded and the waiting list moves up strictly in order, also with
many parallel requests (on SQLite the IMMEDIATE transactions serialise)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core import ratelimit
from aufbruch.core.permissions import require
from aufbruch.core.text import plain_text
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import ACTIVE_STATUSES, Meeting, Registration, RegistrationStatus

# --- registration and waiting list ----------------------------------------------


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _take_seat_or_queue(meeting: Meeting, registration: Registration) -> None:
    """Give a seat if one is free, otherwise a place at the end of the queue.
    ``meeting`` must be locked by the caller; the queue time is taken under
    that lock, so the waiting list follows the order of the lock."""
    if meeting.confirmed_count < meeting.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        meeting.confirmed_count += 1
        Meeting.objects.filter(pk=meeting.pk).update(confirmed_count=F("confirmed_count") + 1)
    else:
        registration.status = RegistrationStatus.WAITING
        registration.queued_at = timezone.now()
        meeting.waiting_count += 1
        Meeting.objects.filter(pk=meeting.pk).update(waiting_count=F("waiting_count") + 1)


def _german(message: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(message)


def _tell(registration: Registration, what: str) -> None:
    """Tell the person about their registration: in-app (plus e-mail) for
    accounts, an e-mail for guests; both only after the commit."""
    from .tasks import SUBJECTS, send_registration_mail

    if registration.user_id:
        notify(
            recipients=[registration.user],
            kind=NotificationKind.EVENT,
            event_key=f"meeting-{what}:{registration.pk}",
            title=_german(SUBJECTS[what]) % {"title": registration.meeting.title},
            url=reverse("meetings:ticket", args=[registration.secret]),
        )
    else:
        transaction.on_commit(lambda: send_registration_mail.enqueue(registration.pk, what))


def registration_for(*, meeting: Meeting, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(
        meeting=meeting, user=user, status__in=ACTIVE_STATUSES
    ).first()


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    user=None,
    guest_name: str = "",
    guest_email: str = "",
    access_needs: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register an account (seat or waiting list at once) or a guest (who
    must confirm the e-mail address before taking a place)."""
    now = now or timezone.now()
    meeting = lock_meeting(meeting)
    require(user, "meetings.register_for", meeting)  # None: a guest
    if now < meeting.registration_opens_at:
        raise ValidationError(_("Registration for this event has not opened yet."), code="window")
    if now > meeting.registration_closes_at:
        raise ValidationError(_("Registration for this event is closed."), code="window")
    access_needs = plain_text(access_needs).strip()
    if len(access_needs) > 1000:
        raise ValidationError({"access_needs": _("Please keep this to 1000 characters.")})
    registration = Registration(meeting=meeting, access_needs=access_needs)
    if user is not None:
        registration.user = user
        duplicate = Registration.objects.filter(
            meeting=meeting, user=user, status__in=ACTIVE_STATUSES
        ).exists()
    else:
        guest_name = plain_text(guest_name).strip()
        guest_email = guest_email.strip()
        if not guest_name:
            raise ValidationError({"guest_name": _("Please enter your name.")})
        if not guest_email:
            raise ValidationError({"guest_email": _("Please enter your e-mail address.")})
        registration.guest_name = guest_name[:100]
        registration.guest_email = guest_email
        registration.status = RegistrationStatus.UNCONFIRMED
        duplicate = Registration.objects.filter(
            meeting=meeting,
            user__isnull=True,
            guest_email__iexact=guest_email,
            status__in=ACTIVE_STATUSES,
        ).exists()
    if duplicate:
        raise ValidationError(_("You are already registered for this event."), code="duplicate")
    if user is None and not ratelimit.hit("guest_email", _address_key(guest_email)):
        # Anyone can type any address: at most a few confirmation mails a day
        # go to one address, and they echo nothing the sender typed.
        raise ValidationError(
            {
                "guest_email": _(
                    "Several registrations were sent to this e-mail address today. Please try again tomorrow."
                )
            },
            code="rate_limited",
        )
    if user is not None:
        _take_seat_or_queue(meeting, registration)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # a parallel double submit of the same person
        raise ValidationError(
            _("You are already registered for this event."), code="duplicate"
        ) from exc
    audit_log(
        action=AuditAction.MEETING_REGISTER,
        actor=user,
        target=meeting,
        details={
            "registration": registration.pk,
            "status": registration.status,
            "guest": user is None,
        },
    )
    _tell(registration, "confirm_email" if user is None else str(registration.status))
    return registration


def _address_key(email: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{email.strip().lower()}".encode()).hexdigest()[
        :24
    ]


@transaction.atomic
def registration_confirm_guest(*, secret: str) -> Registration:
    """The guest clicked the confirmation link: now they take a seat or queue."""
    registration = (
        Registration.objects.select_related("meeting")
        .filter(secret=secret, user__isnull=True)
        .first()
    )
    if registration is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    meeting = lock_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return registration  # a second click changes nothing
    _take_seat_or_queue(meeting, registration)
    registration.save(update_fields=["status", "queued_at"])
    registration.meeting = meeting
    audit_log(
        action=AuditAction.MEETING_REGISTER,
        actor=None,
        target=meeting,
        details={
            "registration": registration.pk,
            "status": registration.status,
            "guest_confirmed": True,
        },
    )
    _tell(registration, str(registration.status))
    return registration


def promote_waiting(meeting: Meeting) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served.
    ``meeting`` must be locked by the caller."""
    promoted = []
    while meeting.confirmed_count < meeting.capacity:
        nxt = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(meeting=meeting, status=RegistrationStatus.WAITING)
            .order_by("queued_at", "id")
            .first()
        )
        if nxt is None:
            break
        nxt.status = RegistrationStatus.CONFIRMED
        nxt.save(update_fields=["status"])
        meeting.confirmed_count += 1
        meeting.waiting_count -= 1
        Meeting.objects.filter(pk=meeting.pk).update(
            confirmed_count=F("confirmed_count") + 1, waiting_count=F("waiting_count") - 1
        )
        nxt.meeting = meeting
        audit_log(
            action=AuditAction.MEETING_PROMOTE,
            actor=None,
            target=meeting,
            details={"registration": nxt.pk},
        )
        _tell(nxt, "promoted")
        promoted.append(nxt)
    return promoted


@transaction.atomic
def registration_cancel(
    *, registration: Registration, actor=None, now: datetime | None = None
) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the next on the waiting
    list. Returns the registrations that moved up."""
    require(actor, "meetings.cancel_registration", registration)
    now = now or timezone.now()
    meeting = lock_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration has already been cancelled."), code="cancelled")
    if registration.checked_in_at is not None or now >= meeting.ends_at:
        raise ValidationError(_("This registration can no longer be cancelled."), code="too_late")
    was = registration.status
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if was == RegistrationStatus.CONFIRMED:
        meeting.confirmed_count -= 1
        Meeting.objects.filter(pk=meeting.pk).update(confirmed_count=F("confirmed_count") - 1)
    elif was == RegistrationStatus.WAITING:
        meeting.waiting_count -= 1
        Meeting.objects.filter(pk=meeting.pk).update(waiting_count=F("waiting_count") - 1)
    audit_log(
        action=AuditAction.MEETING_CANCEL_REGISTRATION,
        actor=actor,
        target=meeting,
        details={"registration": registration.pk, "was": was},
    )
    return promote_waiting(meeting) if was == RegistrationStatus.CONFIRMED else []


# --- check-in ----------------------------------------------------------------------


def normalise_ticket_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


@transaction.atomic
def registration_check_in(*, meeting: Meeting, code: str, actor) -> Registration:
    """Mark attendance once. A code of another event or a waiting-list place
    is refused; a second scan says so and changes nothing."""
    require(actor, "meetings.check_in", meeting)
    code = normalise_ticket_code(code)
    if not code:
        raise ValidationError({"code": _("Please enter a ticket code.")})
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(ticket_code=code)
        .first()
    )
    if registration is None:
        raise ValidationError({"code": _("This ticket code is unknown.")}, code="unknown")
    if registration.meeting_id != meeting.pk:
        raise ValidationError(
            {"code": _("This ticket belongs to another event.")}, code="other_event"
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            {"code": _("This registration has no confirmed seat.")}, code="not_confirmed"
        )
    if registration.checked_in_at is not None:
        raise ValidationError(
            {
                "code": _("%(name)s is already checked in (at %(time)s).")
                % {
                    "name": registration.person_name,
                    "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M"),
                }
            },
            code="already",
        )
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    Meeting.objects.filter(pk=meeting.pk).update(attended_count=F("attended_count") + 1)
    audit_log(
        action=AuditAction.MEETING_CHECK_IN,
        actor=actor,
        target=meeting,
        details={"registration": registration.pk},
    )
    return registration


# --- privacy ---------------------------------------------------------------------------


def export_registrations(user) -> list[dict[str, Any]]:
    return [
        {
            "event": r.meeting.title,
            "starts_at": r.meeting.starts_at.isoformat(),
            "status": r.status,
            "access_needs": r.access_needs,
            "registered_at": r.created_at.isoformat(),
            "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
        }
        for r in Registration.objects.filter(user=user)
        .select_related("meeting")
        .order_by("created_at")
    ]


def anonymise_registrations(user) -> None:
    """On account deletion: cancel upcoming registrations (freeing seats for
    the waiting list) and erase the access needs of all of them."""
    now = timezone.now()
    upcoming = Registration.objects.filter(
        user=user, status__in=ACTIVE_STATUSES, meeting__ends_at__gt=now, checked_in_at__isnull=True
    )
    for registration in upcoming.select_related("meeting"):
        registration_cancel(registration=registration, actor=user, now=now)
    Registration.objects.filter(user=user).update(access_needs="")
