from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import IdeaSource
from aufbruch.meetings import live, registrations, services
from aufbruch.meetings.models import (
    ContributionKind,
    Meeting,
    MeetingIdea,
    Registration,
    RegistrationStatus,
)
from aufbruch.meetings.tasks import send_event_reminders
from aufbruch.notifications.models import Notification

pytestmark = pytest.mark.django_db


def actions(meeting) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            target_id=str(meeting.pk), action__startswith="meetings."
        ).values_list("action", flat=True)
    )


def test_create_renders_markdown_safely_and_writes_audit(make_meeting):
    meeting = make_meeting(description="<script>alert(1)</script> **fett**")
    assert "<script>" not in meeting.description_html
    assert "<strong>fett</strong>" in meeting.description_html
    assert AuditAction.MEETING_CREATE in actions(meeting)


@pytest.mark.parametrize(
    "override, field",
    [
        ({"ends_at": timezone.now()}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"venue": "", "address": "", "online_url": ""}, "venue"),
        ({"registration_closes_at": timezone.now() + timedelta(days=30)}, "registration_closes_at"),
    ],
)
def test_create_refuses_inconsistent_events(make_meeting, override, field):
    with pytest.raises(ValidationError) as exc:
        make_meeting(**override)
    assert field in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_seats_then_waiting_list_in_order(meeting):
    people = UserFactory.create_batch(22)
    regs = [registrations.registration_create(meeting=meeting, user=p) for p in people]
    assert [r.status for r in regs[:20]] == [RegistrationStatus.CONFIRMED] * 20
    assert [r.status for r in regs[20:]] == [RegistrationStatus.WAITING] * 2
    meeting.refresh_from_db()
    assert (meeting.confirmed_count, meeting.waiting_count) == (20, 2)
    # Everyone is told; the 21st that they are on the waiting list.
    assert Notification.objects.filter(recipient=people[20], title__contains="Warteliste").exists()

    promoted = registrations.registration_cancel(registration=regs[3], actor=people[3])
    assert [r.pk for r in promoted] == [regs[20].pk]
    regs[20].refresh_from_db()
    assert regs[20].status == RegistrationStatus.CONFIRMED
    assert (
        Notification.objects.filter(
            recipient=people[20], event_key=f"meeting-promoted:{regs[20].pk}"
        ).count()
        == 1
    )
    meeting.refresh_from_db()
    assert (meeting.confirmed_count, meeting.waiting_count) == (20, 1)
    assert AuditAction.MEETING_PROMOTE in actions(meeting)
    assert AuditAction.MEETING_CANCEL_REGISTRATION in actions(meeting)


def test_cancelling_a_waiting_place_promotes_nobody(meeting):
    meeting = services.meeting_update(meeting=meeting, actor=meeting.organiser, capacity=1)
    first, second, third = UserFactory.create_batch(3)
    registrations.registration_create(meeting=meeting, user=first)
    waiting = registrations.registration_create(meeting=meeting, user=second)
    registrations.registration_create(meeting=meeting, user=third)
    assert registrations.registration_cancel(registration=waiting, actor=second) == []
    meeting.refresh_from_db()
    assert (meeting.confirmed_count, meeting.waiting_count) == (1, 1)


def test_double_registration_is_refused_in_german(meeting, user):
    registrations.registration_create(meeting=meeting, user=user)
    with pytest.raises(ValidationError) as exc:
        registrations.registration_create(meeting=meeting, user=user)
    assert "bereits angemeldet" in exc.value.messages[0]
    assert Registration.objects.filter(meeting=meeting).count() == 1
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 1


def test_registering_again_after_cancelling_is_allowed(meeting, user):
    first = registrations.registration_create(meeting=meeting, user=user)
    registrations.registration_cancel(registration=first, actor=user)
    again = registrations.registration_create(meeting=meeting, user=user)
    assert again.status == RegistrationStatus.CONFIRMED
    with pytest.raises(ValidationError):
        registrations.registration_cancel(registration=first, actor=user)


@pytest.mark.parametrize(
    "shift, word", [(timedelta(days=-2), "noch nicht"), (timedelta(days=9, hours=1), "geschlossen")]
)
def test_registration_outside_the_window_is_refused(meeting, user, shift, word):
    with pytest.raises(ValidationError) as exc:
        registrations.registration_create(meeting=meeting, user=user, now=timezone.now() + shift)
    assert word in exc.value.messages[0]
    assert not Registration.objects.exists()


def test_unpublished_event_refuses_registration(make_meeting, user):
    meeting = make_meeting(is_published=False)
    with pytest.raises(PermissionDenied):
        registrations.registration_create(meeting=meeting, user=user)


def test_guest_takes_a_seat_only_after_confirming(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reg = registrations.registration_create(
            meeting=meeting,
            guest_name="Erika <b>Muster</b>",
            guest_email="erika@example.org",
            access_needs="Rollstuhlplatz",
        )
    assert reg.status == RegistrationStatus.UNCONFIRMED
    assert reg.guest_name == "Erika <b>Muster</b>"  # as typed, escaped on output
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 0
    assert len(mail.outbox) == 1 and reg.secret in mail.outbox[0].body
    assert "bestätigen" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = registrations.registration_confirm_guest(secret=reg.secret)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert (
        registrations.registration_confirm_guest(secret=reg.secret).status
        == RegistrationStatus.CONFIRMED
    )  # second click
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 1
    assert len(mail.outbox) == 2 and confirmed.ticket_code in mail.outbox[1].body

    with pytest.raises(ValidationError):
        registrations.registration_create(
            meeting=meeting, guest_name="Erika", guest_email="ERIKA@example.org"
        )


def test_guest_on_the_waiting_list_gets_a_mail_when_promoted(
    make_meeting, user, django_capture_on_commit_callbacks
):
    meeting = make_meeting(capacity=1)
    seat = registrations.registration_create(meeting=meeting, user=user)
    guest = registrations.registration_create(
        meeting=meeting, guest_name="Gast", guest_email="gast@example.org"
    )
    registrations.registration_confirm_guest(secret=guest.secret)
    guest.refresh_from_db()
    assert guest.status == RegistrationStatus.WAITING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.registration_cancel(registration=seat, actor=user)
    guest.refresh_from_db()
    assert guest.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["gast@example.org"]]
    assert "frei" in mail.outbox[0].subject


def test_invalid_confirmation_link(meeting):
    with pytest.raises(ValidationError):
        registrations.registration_confirm_guest(secret="forged")


def test_capacity_increase_promotes_the_waiting_list(make_meeting, office):
    meeting = make_meeting(capacity=1)
    a, b, c = UserFactory.create_batch(3)
    for person in (a, b, c):
        registrations.registration_create(meeting=meeting, user=person)
    services.meeting_update(meeting=meeting, actor=office, capacity=2)
    assert Registration.objects.get(user=b).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(user=c).status == RegistrationStatus.WAITING
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(meeting=meeting, actor=office, capacity=1)
    assert "capacity" in exc.value.message_dict


def test_check_in_once_and_only_for_this_event(meeting, make_meeting, user, office):
    reg = registrations.registration_create(meeting=meeting, user=user)
    checked = registrations.registration_check_in(
        meeting=meeting, code=reg.ticket_code.lower(), actor=office
    )
    assert checked.checked_in_at is not None
    with pytest.raises(ValidationError) as exc:
        registrations.registration_check_in(meeting=meeting, code=reg.ticket_code, actor=office)
    assert "bereits eingecheckt" in exc.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.attended_count == 1

    other = make_meeting(title="Denklabor")
    with pytest.raises(ValidationError) as exc:
        registrations.registration_check_in(meeting=other, code=reg.ticket_code, actor=office)
    assert "anderen Veranstaltung" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        registrations.registration_check_in(meeting=meeting, code="NOTACODE99", actor=office)
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_CHECK_IN).count() == 1


def test_waiting_list_place_cannot_check_in(make_meeting, office):
    meeting = make_meeting(capacity=1)
    registrations.registration_create(meeting=meeting, user=UserFactory())
    waiting = registrations.registration_create(meeting=meeting, user=UserFactory())
    with pytest.raises(ValidationError):
        registrations.registration_check_in(meeting=meeting, code=waiting.ticket_code, actor=office)


def test_reminders_the_day_before_are_sent_once(
    make_meeting, user, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localtime() + timedelta(days=1)
    start = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    meeting = make_meeting(
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        registration_closes_at=start - timedelta(hours=1),
    )
    later = make_meeting(title="Später")
    registrations.registration_create(meeting=meeting, user=user)
    registrations.registration_create(meeting=later, user=user)
    guest = registrations.registration_create(
        meeting=meeting, guest_name="Gast", guest_email="gast@example.org"
    )
    registrations.registration_confirm_guest(secret=guest.secret)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders.call() == 2
        assert send_event_reminders.call() == 0
    assert Notification.objects.filter(recipient=user, kind="reminder").count() == 1
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2 and all("morgen" in s for s in subjects)


def test_results_and_photo(meeting, office):
    with pytest.raises(ValidationError):  # not before the event
        services.results_publish(meeting=meeting, actor=office, minutes="x", results="")
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        services.results_publish(meeting=meeting, actor=office, minutes="  ", results="")
    published = services.results_publish(
        meeting=meeting,
        actor=office,
        minutes="<img src=x onerror=alert(1)> Protokoll",
        results="- A",
    )
    assert (
        "<img" not in published.minutes_html
        and "&lt;img" in published.minutes_html
        and published.results_published_at
    )
    assert AuditAction.MEETING_RESULTS_PUBLISH in actions(meeting)

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    photo = services.photo_add(
        meeting=meeting,
        actor=office,
        upload=SimpleUploadedFile("a.png", buf.getvalue()),
        alt_text="Saal",
    )
    assert photo.width == 40
    with pytest.raises(ValidationError) as exc:
        services.photo_add(
            meeting=meeting,
            actor=office,
            upload=SimpleUploadedFile("a.png", buf.getvalue()),
            alt_text="",
        )
    assert "alt_text" in exc.value.message_dict


def test_oversized_photo_is_refused(meeting, office):
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (services.MAX_PHOTO_BYTES + 1))
    with pytest.raises(ValidationError) as exc:
        services.photo_add(meeting=meeting, actor=office, upload=big, alt_text="Saal")
    assert "zu groß" in exc.value.message_dict["image"][0]
    assert not meeting.photos.exists()


def test_paper_card_becomes_a_workshop_idea(meeting, office, topic, user):
    link = live.meeting_idea_from_card(
        meeting=meeting,
        actor=office,
        title="Freies WLAN",
        body="Auf dem Berliner Platz",
        topic=topic,
    )
    assert link.idea.source == IdeaSource.WORKSHOP and link.idea.entered_by == office
    assert AuditAction.MEETING_IDEA_LINK in actions(meeting)
    with pytest.raises(PermissionDenied):
        live.meeting_idea_from_card(meeting=meeting, actor=user, title="X", body="Y", topic=topic)
    with pytest.raises(ValidationError) as exc:
        live.meeting_idea_from_card(
            meeting=meeting, actor=office, title="", body="x" * 10_001, topic=topic
        )
    assert set(exc.value.message_dict) == {"title", "body"}
    assert MeetingIdea.objects.count() == 1


def test_live_idea_card_becomes_an_idea_once(live_session, office, topic):
    card = live.live_post(
        session=live_session,
        client_id="abc",
        kind=ContributionKind.IDEA,
        text="Mehr Bänke mit WLAN",
    )
    with pytest.raises(ValidationError):  # not approved yet
        live.meeting_idea_from_live(contribution=card, actor=office, topic=topic)
    live.live_moderate(contribution=card, actor=office, approve=True)
    link = live.meeting_idea_from_live(contribution=card, actor=office, topic=topic)
    assert link.idea.title == "Mehr Bänke mit WLAN" and link.contribution == card
    with pytest.raises(ValidationError):
        live.meeting_idea_from_live(contribution=card, actor=office, topic=topic)
    assert MeetingIdea.objects.count() == 1


def test_export_and_anonymise(meeting, user):
    registrations.registration_create(meeting=meeting, user=user, access_needs="Gebärdensprache")
    exported = registrations.export_registrations(user)
    assert (
        exported[0]["event"] == meeting.title and exported[0]["access_needs"] == "Gebärdensprache"
    )
    registrations.anonymise_registrations(user)
    reg = Registration.objects.get(user=user)
    assert reg.status == RegistrationStatus.CANCELLED and reg.access_needs == ""
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 0
