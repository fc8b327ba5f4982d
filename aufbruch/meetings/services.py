"""State changes of events: creation, agenda, photos and results.
Registrations, the waiting list and check-in are in ``registrations.py``;
live participation is in ``live.py``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.images import validate_and_reencode_image
from aufbruch.core.permissions import require
from aufbruch.core.text import plain_text, render_markdown

from .models import (
    Meeting,
    MeetingPhoto,
    Session,
    Track,
)
from .registrations import lock_meeting, promote_waiting

MEETING_FIELDS = {
    "title",
    "description",
    "kind",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "latitude",
    "longitude",
    "online_url",
    "accessibility_info",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "organiser",
    "is_published",
}
SESSION_FIELDS = {
    "title",
    "description",
    "starts_at",
    "ends_at",
    "room",
    "speakers",
    "track",
    "live_open",
}
MAX_PHOTO_BYTES = 5 * 1024 * 1024


# --- events and agenda ---------------------------------------------------------


def _check_meeting(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    if meeting.ends_at < meeting.starts_at:
        errors["ends_at"] = _("The event cannot end before it starts.")
    if meeting.registration_closes_at < meeting.registration_opens_at:
        errors["registration_closes_at"] = _("Registration cannot close before it opens.")
    elif meeting.registration_closes_at > meeting.ends_at:
        errors["registration_closes_at"] = _("Registration must close before the event ends.")
    if not (meeting.venue or meeting.address or meeting.online_url):
        errors["venue"] = _("Give a venue with an address, an online link, or both.")
    if (meeting.latitude is None) != (meeting.longitude is None):
        errors["latitude"] = _("Give both latitude and longitude, or neither.")
    if meeting.capacity < 1:
        errors["capacity"] = _("An event needs at least one seat.")
    if errors:
        raise ValidationError(errors)


def _set_fields(obj, allowed: set[str], fields: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"field {name} cannot be set here")
        if isinstance(value, str) and name not in ("latitude", "longitude"):
            value = (
                plain_text(value).strip()
                if name in ("title", "venue", "address", "room", "speakers")
                else value.strip()
            )
        try:
            current = getattr(obj, name)
        except ObjectDoesNotExist:  # a relation not set yet on a new object
            current = None
        if current != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def meeting_create(*, actor, topics=(), **fields: Any) -> Meeting:
    require(actor, "meetings.create_meeting")
    fields.setdefault("organiser", actor)
    meeting = Meeting()
    _set_fields(meeting, MEETING_FIELDS, fields)
    _check_meeting(meeting)
    meeting.description_html = render_markdown(meeting.description)
    meeting.save()
    meeting.topics.set(topics)
    audit_log(
        action=AuditAction.MEETING_CREATE,
        actor=actor,
        target=meeting,
        details={"kind": meeting.kind},
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, topics=None, **fields: Any) -> Meeting:
    require(actor, "meetings.manage_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changed = _set_fields(meeting, MEETING_FIELDS, fields)
    _check_meeting(meeting)
    if meeting.capacity < meeting.confirmed_count:
        raise ValidationError(
            {
                "capacity": _("%(count)s people already have a seat; the capacity cannot be lower.")
                % {"count": meeting.confirmed_count}
            }
        )
    meeting.description_html = render_markdown(meeting.description)
    meeting.save()
    if topics is not None:
        before = set(meeting.topics.values_list("pk", flat=True))
        after = {t.pk for t in topics}
        if before != after:
            meeting.topics.set(topics)
            changed.append("topics")
    if changed:
        audit_log(
            action=AuditAction.MEETING_UPDATE,
            actor=actor,
            target=meeting,
            details={"fields": changed},
        )
    if "capacity" in changed:
        promote_waiting(meeting)
    return meeting


@transaction.atomic
def track_create(*, meeting: Meeting, actor, name: str) -> Track:
    require(actor, "meetings.manage_meeting", meeting)
    name = plain_text(name).strip()
    if not name:
        raise ValidationError({"name": _("Please enter a name for the track.")})
    if meeting.tracks.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This event already has a track with this name.")})
    track = Track.objects.create(meeting=meeting, name=name[:100], position=meeting.tracks.count())
    audit_log(
        action=AuditAction.MEETING_UPDATE,
        actor=actor,
        target=meeting,
        details={"track_created": track.name},
    )
    return track


def _check_session(session: Session) -> None:
    errors = {}
    if session.ends_at < session.starts_at:
        errors["ends_at"] = _("The session cannot end before it starts.")
    if session.track_id and session.track.meeting_id != session.meeting_id:
        errors["track"] = _("This track belongs to another event.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(*, meeting: Meeting, actor, **fields: Any) -> Session:
    require(actor, "meetings.manage_meeting", meeting)
    session = Session(meeting=meeting)
    _set_fields(session, SESSION_FIELDS, fields)
    _check_session(session)
    session.save()
    audit_log(
        action=AuditAction.MEETING_UPDATE,
        actor=actor,
        target=meeting,
        details={"session_created": session.pk},
    )
    return session


@transaction.atomic
def session_update(*, session: Session, actor, **fields: Any) -> Session:
    require(actor, "meetings.manage_meeting", session.meeting)
    session = Session.objects.select_for_update().select_related("meeting").get(pk=session.pk)
    changed = _set_fields(session, SESSION_FIELDS, fields)
    _check_session(session)
    if changed:
        session.save()
        audit_log(
            action=AuditAction.MEETING_UPDATE,
            actor=actor,
            target=session.meeting,
            details={"session_updated": session.pk, "fields": changed},
        )
    return session


# --- results -----------------------------------------------------------------------


@transaction.atomic
def results_publish(*, meeting: Meeting, actor, minutes: str, results: str) -> Meeting:
    require(actor, "meetings.manage_meeting", meeting)
    meeting = lock_meeting(meeting)
    if timezone.now() < meeting.starts_at:
        raise ValidationError(_("Results can be published once the event has started."))
    if not (minutes.strip() or results.strip()):
        raise ValidationError({"minutes": _("Please write the minutes or the results.")})
    meeting.minutes = minutes.strip()
    meeting.results = results.strip()
    meeting.minutes_html = render_markdown(meeting.minutes)
    meeting.results_html = render_markdown(meeting.results)
    first = meeting.results_published_at is None
    meeting.results_published_at = meeting.results_published_at or timezone.now()
    meeting.save(
        update_fields=[
            "minutes",
            "results",
            "minutes_html",
            "results_html",
            "results_published_at",
            "updated_at",
        ]
    )
    audit_log(
        action=AuditAction.MEETING_RESULTS_PUBLISH,
        actor=actor,
        target=meeting,
        details={"first": first},
    )
    return meeting


@transaction.atomic
def photo_add(*, meeting: Meeting, actor, upload, alt_text: str) -> MeetingPhoto:
    require(actor, "meetings.manage_meeting", meeting)
    alt_text = plain_text(alt_text).strip()
    if not alt_text:
        raise ValidationError(
            {"alt_text": _("Please describe the photo for people who cannot see it.")}
        )
    try:
        content = validate_and_reencode_image(upload, max_bytes=MAX_PHOTO_BYTES)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    photo = MeetingPhoto(meeting=meeting, alt_text=alt_text[:200])
    photo.image.save(content.name, content, save=False)
    photo.save()
    audit_log(
        action=AuditAction.MEETING_UPDATE,
        actor=actor,
        target=meeting,
        details={"photo_added": photo.pk},
    )
    return photo
