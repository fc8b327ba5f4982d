from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from aufbruch.core.testing import TopicFactory, UserFactory, login_with_mfa
from aufbruch.ideas.models import Idea, IdeaSource
from aufbruch.meetings import registrations, services
from aufbruch.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingPhoto,
    Registration,
    RegistrationStatus,
    Session,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


# --- list and detail ------------------------------------------------------------


def test_list_shows_published_upcoming_and_past_with_filters(
    client, make_meeting, django_assert_max_num_queries
):
    other_topic = TopicFactory(name="Arbeiten", slug="arbeiten")
    make_meeting(title="Gipfel kommt")
    make_meeting(
        title="Werkstatt Arbeit",
        kind=MeetingKind.WORKSHOP,
        topics=[other_topic],
        latitude="51.9",
        longitude="8.38",
    )
    past = make_meeting(title="Forum 2018")
    Meeting.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=400),
        ends_at=timezone.now() - timedelta(days=400) + timedelta(hours=5),
    )
    make_meeting(title="Geheimer Entwurf", is_published=False)
    for i in range(10):
        make_meeting(title=f"Info {i}", kind=MeetingKind.INFO_SESSION)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("meetings:list"))
    body = text(response)
    assert response.status_code == 200
    assert "Gipfel kommt" in body and "Forum 2018" in body and "Geheimer Entwurf" not in body
    assert 'id="meetings-markers"' in body

    response = client.get(reverse("meetings:list"), {"kind": "workshop"})
    assert "Werkstatt Arbeit" in text(response) and "Gipfel kommt" not in text(response)
    response = client.get(reverse("meetings:list"), {"topic": "arbeiten"})
    assert "Werkstatt Arbeit" in text(response) and "Gipfel kommt" not in text(response)
    response = client.get(
        reverse("meetings:list"), {"kind": "<script>", "topic": "nope", "page": "x"}
    )
    assert response.status_code == 200 and "Gipfel kommt" in text(response)


def test_detail_shows_counts_but_never_attendees(
    client, meeting, live_session, django_assert_max_num_queries
):
    person = UserFactory(display_name="Heike Teilnehmerin")
    registrations.registration_create(
        meeting=meeting, user=person, access_needs="Induktionsschleife"
    )
    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    body = text(response)
    assert response.status_code == 200
    assert "1 von 20 Plätzen belegt" in body
    assert "Heike" not in body and "Induktionsschleife" not in body
    assert reverse("meetings:live", args=[meeting.pk, live_session.pk]) in body


def test_unpublished_event_is_hidden_from_the_public_but_not_the_office(
    client, make_meeting, office
):
    draft = make_meeting(is_published=False)
    assert client.get(reverse("meetings:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("meetings:register", args=[draft.pk])).status_code == 404
    login_with_mfa(client, office)
    assert client.get(reverse("meetings:detail", args=[draft.pk])).status_code == 200


# --- registration ----------------------------------------------------------------


def test_account_registration_and_double_submit(user_client, user, meeting):
    url = reverse("meetings:register", args=[meeting.pk])
    response = user_client.post(url, {"access_needs": "Stufenloser Platz"})
    reg = Registration.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:ticket", args=[reg.secret]
    )
    assert reg.status == RegistrationStatus.CONFIRMED and reg.access_needs == "Stufenloser Platz"

    response = user_client.post(url, {"access_needs": "noch einmal"})
    assert response.status_code == 200
    assert "Sie sind für diese Veranstaltung bereits angemeldet." in text(response)
    assert Registration.objects.filter(meeting=meeting).count() == 1
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 1


def test_ticket_page_shows_a_qr_code_to_its_owner_only(client, user, other_user, meeting):
    reg = registrations.registration_create(meeting=meeting, user=user)
    url = reverse("meetings:ticket", args=[reg.secret])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    body = text(client.get(url))
    assert "<svg" in body and reg.ticket_code in body and "<path" in body


def test_guest_registration_flow_over_http(client, meeting):
    url = reverse("meetings:register", args=[meeting.pk])
    response = client.post(
        url, {"guest_name": "", "guest_email": "kein-mail", "access_needs": "Gebärden"}
    )
    body = text(response)
    assert (
        'id="id_guest_name_error"' in body
        and 'aria-describedby="id_guest_email_helptext id_guest_email_error"' in body
    )
    assert "Gebärden" in body  # input kept
    assert not Registration.objects.exists()

    response = client.post(
        url, {"guest_name": "<script>alert(1)</script>Gast", "guest_email": "gast@example.org"}
    )
    reg = Registration.objects.get()
    assert response.status_code == 200 and "gast@example.org" in text(response)
    assert reg.guest_name == "<script>alert(1)</script>Gast"  # as typed, escaped on output
    assert reg.status == RegistrationStatus.UNCONFIRMED

    confirm = reverse("meetings:guest_confirm", args=[reg.secret])
    assert client.get(confirm).status_code == 200
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.UNCONFIRMED  # GET alone does not confirm
    response = client.post(confirm)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED
    assert client.get(reverse("meetings:ticket", args=[reg.secret])).status_code == 200
    assert client.post(reverse("meetings:guest_confirm", args=["forged"])).status_code == 404


def test_guest_cancels_with_the_secret_link_and_the_next_moves_up(client, make_meeting, user):
    meeting = make_meeting(capacity=1)
    guest = registrations.registration_create(
        meeting=meeting, guest_name="Gast", guest_email="gast@example.org"
    )
    registrations.registration_confirm_guest(secret=guest.secret)
    waiting = registrations.registration_create(meeting=meeting, user=user)
    response = client.post(reverse("meetings:cancel", args=[guest.secret]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert client.post(reverse("meetings:cancel", args=["forged"])).status_code == 404
    assert client.get(reverse("meetings:cancel", args=[guest.secret])).status_code == 405


def test_someone_elses_registration_cannot_be_cancelled(client, user, other_user, meeting):
    reg = registrations.registration_create(meeting=meeting, user=user)
    client.force_login(other_user)
    assert client.post(reverse("meetings:cancel", args=[reg.secret])).status_code == 404
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED


def test_registration_after_the_window_shows_a_german_message(user_client, make_meeting, user):
    now = timezone.now()
    meeting = make_meeting(
        registration_opens_at=now - timedelta(days=5),
        registration_closes_at=now - timedelta(days=1),
    )
    response = user_client.post(
        reverse("meetings:register", args=[meeting.pk]), {"access_needs": ""}
    )
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in text(response)
    assert not Registration.objects.exists()


def test_registration_is_rate_limited(client, make_meeting, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": (2, 3600)}
    meeting = make_meeting()
    url = reverse("meetings:register", args=[meeting.pk])
    for i in range(2):
        client.post(url, {"guest_name": "G", "guest_email": f"g{i}@example.org"})
    assert client.post(url, {"guest_name": "G", "guest_email": "g9@example.org"}).status_code == 429
    assert Registration.objects.count() == 2


# --- calendar --------------------------------------------------------------------


def test_ics_and_feed_parse_back(client, meeting, make_meeting):
    make_meeting(title="Entwurf", is_published=False)
    make_meeting(title="Denklabor", latitude="51.906300", longitude="8.384200")
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == meeting.title
    assert events[0].decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert "Stadthalle" in str(events[0]["location"])

    feed = Calendar.from_ical(client.get(reverse("meetings:feed")).content)
    titles = sorted(str(e["summary"]) for e in feed.walk("VEVENT"))
    assert titles == ["Denklabor", "Digitalgipfel 2027"]
    assert len({str(e["uid"]) for e in feed.walk("VEVENT")}) == 2
    geo = next(e for e in feed.walk("VEVENT") if str(e["summary"]) == "Denklabor")["geo"]
    assert round(geo.latitude, 4) == 51.9063
    draft = Meeting.objects.get(title="Entwurf")
    assert client.get(reverse("meetings:ics", args=[draft.pk])).status_code == 404


# --- check-in and attendee list -----------------------------------------------------


def test_check_in_requires_staff_with_totp(client, meeting, user, office):
    url = reverse("meetings:check_in", args=[meeting.pk])
    assert client.get(url).status_code == 302 and "login" in client.get(url)["Location"]
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(office)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_check_in_by_typed_code(
    client, meeting, make_meeting, user, office, django_assert_max_num_queries
):
    reg = registrations.registration_create(meeting=meeting, user=user)
    other = make_meeting(title="Anderes")
    foreign = registrations.registration_create(meeting=other, user=UserFactory())
    login_with_mfa(client, office)
    url = reverse("meetings:check_in", args=[meeting.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    response = client.post(url, {"code": reg.ticket_code.lower()})
    assert "eingecheckt" in text(response) and "1 von 1 eingecheckt" in text(response)
    response = client.post(url, {"code": reg.ticket_code})
    assert response.status_code == 400 and "bereits eingecheckt" in text(response)
    response = client.post(url, {"code": foreign.ticket_code})
    assert "gehört zu einer anderen Veranstaltung" in text(response)
    foreign.refresh_from_db()
    assert foreign.checked_in_at is None
    response = client.post(url, {"code": ""})
    assert response.status_code == 400
    response = client.post(url, {"code": reg.ticket_code}, HTTP_HX_REQUEST="true")
    assert (
        response.status_code == 200
        and "<html" not in text(response)
        and "bereits eingecheckt" in text(response)
    )


def test_attendee_list_is_staff_only(client, meeting, user, office, django_assert_max_num_queries):
    person = UserFactory(display_name="Heike")
    registrations.registration_create(meeting=meeting, user=person, access_needs="=HYPERLINK(1)")
    registrations.registration_create(
        meeting=meeting, guest_name="Gast Gustav", guest_email="g@example.org"
    )
    url = reverse("meetings:manage_attendees", args=[meeting.pk])
    client.force_login(user)
    assert client.get(url).status_code == 403
    login_with_mfa(client, office)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Heike" in text(response) and "Gast Gustav" in text(response)
    csv_text = client.get(url, {"format": "csv"}).content.decode()
    assert "Heike" in csv_text and "'=HYPERLINK(1)" in csv_text


# --- staff pages ---------------------------------------------------------------------


def _meeting_post(**overrides):
    start = timezone.localtime() + timedelta(days=30)
    data = {
        "title": "Digitalgipfel 2027",
        "kind": "summit",
        "description": "Programm",
        "starts_at": start.strftime("%Y-%m-%dT10:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "venue": "Stadthalle",
        "address": "Friedrichstraße 10",
        "latitude": "",
        "longitude": "",
        "online_url": "",
        "accessibility_info": "Aufzug",
        "capacity": "20",
        "registration_opens_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "registration_closes_at": start.strftime("%Y-%m-%dT08:00"),
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_office_creates_an_event_with_tracks_and_sessions(client, office, user, topic):
    client.force_login(user)
    assert client.post(reverse("meetings:manage_create"), _meeting_post()).status_code == 403
    assert client.get(reverse("meetings:manage_list")).status_code == 403
    assert not Meeting.objects.exists()
    login_with_mfa(client, office)
    response = client.post(
        reverse("meetings:manage_create"), _meeting_post(capacity="0", title="x" * 141)
    )
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert 'id="id_title_error"' in text(response)
    response = client.post(reverse("meetings:manage_create"), _meeting_post(topics=[topic.pk]))
    meeting = Meeting.objects.get()
    assert (
        response.status_code == 302
        and meeting.organiser == office
        and list(meeting.topics.all()) == [topic]
    )

    agenda = reverse("meetings:manage_agenda", args=[meeting.pk])
    client.post(agenda, {"add_track": "1", "name": "Verwaltung digital"})
    client.post(agenda, {"add_track": "1", "name": "Leben und Lernen"})
    response = client.post(agenda, {"add_track": "1", "name": "verwaltung digital"})
    assert response.status_code == 400 and meeting.tracks.count() == 2
    track = meeting.tracks.first()
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    response = client.post(
        agenda,
        {
            "add_session": "1",
            "title": "Bürgerportal",
            "track": track.pk,
            "starts_at": f"{day}T11:00",
            "ends_at": f"{day}T12:00",
            "room": "Saal",
            "speakers": "Lotsin",
            "live_open": "on",
        },
    )
    assert response.status_code == 302 and Session.objects.get().track == track
    response = client.post(
        agenda,
        {
            "add_session": "1",
            "title": "Falsch",
            "starts_at": f"{day}T12:00",
            "ends_at": f"{day}T11:00",
        },
    )
    assert response.status_code == 400 and Session.objects.count() == 1


def test_session_with_a_track_of_another_event_is_refused(client, office, meeting, make_meeting):
    other = make_meeting(title="Anderes")
    foreign_track = services.track_create(meeting=other, actor=office, name="Fremd")
    login_with_mfa(client, office)
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    response = client.post(
        reverse("meetings:manage_agenda", args=[meeting.pk]),
        {
            "add_session": "1",
            "title": "X",
            "track": foreign_track.pk,
            "starts_at": f"{day}T11:00",
            "ends_at": f"{day}T12:00",
        },
    )
    assert response.status_code == 400 and not Session.objects.exists()


def test_results_page_publishes_minutes_photos_and_paper_cards(client, office, meeting, topic):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    login_with_mfa(client, office)
    url = reverse("meetings:manage_results", args=[meeting.pk])
    response = client.post(
        url, {"action": "results", "minutes": "Über 700 Menschen", "results": "Viele Ideen"}
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {"action": "card", "title": "Freies WLAN", "body": "Am Berliner Platz", "topic": topic.pk},
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.source == IdeaSource.WORKSHOP and idea.entered_by == office
    response = client.post(
        url, {"action": "card", "title": "", "body": "Text bleibt", "topic": topic.pk}
    )
    assert (
        response.status_code == 400
        and "Text bleibt" in text(response)
        and Idea.objects.count() == 1
    )

    big = io.BytesIO()
    Image.effect_noise((1800, 1800), 100).convert("RGB").save(big, "PNG")
    assert big.tell() > services.MAX_PHOTO_BYTES
    response = client.post(
        url,
        {
            "action": "photo",
            "alt_text": "Saal",
            "image": SimpleUploadedFile("saal.png", big.getvalue(), content_type="image/png"),
        },
    )
    assert response.status_code == 400 and "zu groß" in text(response)
    assert not MeetingPhoto.objects.exists()

    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "Über 700 Menschen" in text(page) and "Freies WLAN" in text(page)
    idea_page = client.get(idea.get_absolute_url())
    assert "Entstanden bei" in text(idea_page) and meeting.title in text(idea_page)


def test_only_workshop_ideas_look_up_their_event(client):
    """Ideas from the platform never read the event links; ideas from an
    event's cards (always source "workshop") do, and show their origin."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aufbruch.ideas.services import idea_submit

    online = idea_submit(
        author=UserFactory(), title="Online eingereicht", body="Text", topic=TopicFactory()
    )
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(online.get_absolute_url()).status_code == 200
    assert not any("meetings_meetingidea" in q["sql"] for q in ctx.captured_queries)
    assert online.source == IdeaSource.ONLINE
