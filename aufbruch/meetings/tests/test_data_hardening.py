"""Text as typed through forms, pages, mails, iCal and CSV; guest mails that
cannot be abused; live votes that need an id from the live page; bad input
on the live moderation form."""

from __future__ import annotations

import csv
import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from aufbruch.core.testing import login_with_mfa
from aufbruch.meetings import live, registrations
from aufbruch.meetings.live_views import COOKIE
from aufbruch.meetings.models import (
    ContributionStatus,
    LiveContribution,
    LiveVote,
    Meeting,
    Registration,
)

pytestmark = pytest.mark.django_db

TYPED = "Rad & Bus <-> Bahn \"schnell\" 'gut' a<b>c</b>"


def live_url(session):
    return reverse("meetings:live", args=[session.meeting_id, session.pk])


def page(response) -> str:
    return response.content.decode()


def assert_escaped_once(html: str, typed: str = TYPED) -> None:
    assert escape(typed) in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert typed not in html  # never raw


# --- text round trip -----------------------------------------------------------------


def test_guest_text_round_trips_through_form_page_mail_and_csv(
    client, meeting, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:register", args=[meeting.pk]),
            {"guest_name": TYPED, "guest_email": "=cmd@example.org", "access_needs": TYPED},
        )
    assert response.status_code == 200
    reg = Registration.objects.get()
    assert reg.guest_name == TYPED and reg.access_needs == TYPED
    confirm_mail = mailoutbox[-1]
    assert TYPED not in confirm_mail.body  # the unconfirmed mail echoes nothing typed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:guest_confirm", args=[reg.secret]))
    confirmed_mail = mailoutbox[-1]
    assert f"Hallo {TYPED}," in confirmed_mail.body and "&amp;" not in confirmed_mail.body

    login_with_mfa(client, office)
    url = reverse("meetings:manage_attendees", args=[meeting.pk])
    assert_escaped_once(page(client.get(url)))
    body = client.get(url, {"format": "csv"}).content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[1][0] == TYPED and rows[1][3] == TYPED
    assert rows[1][1] == "'=cmd@example.org"  # formula escaped


def test_event_text_round_trips_through_page_and_ical(client, make_meeting):
    meeting = make_meeting(title="Rad & Bus <-> Bahn 'gut'", venue=TYPED)
    assert meeting.title == "Rad & Bus <-> Bahn 'gut'" and meeting.venue == TYPED
    assert_escaped_once(page(client.get(reverse("meetings:detail", args=[meeting.pk]))))
    ical = client.get(reverse("meetings:ics", args=[meeting.pk])).content.decode()
    assert "SUMMARY:Rad & Bus <-> Bahn 'gut'" in ical and "&amp;" not in ical


def test_live_text_round_trips_through_form_and_page(client, live_session):
    client.get(live_url(live_session))
    client.post(live_url(live_session), {"kind": "question", "text": TYPED})
    c = LiveContribution.objects.get()
    assert c.text == TYPED
    live.live_moderate(contribution=c, actor=live_session.meeting.organiser, approve=True)
    cache.clear()  # the shared list is cached for two seconds
    assert_escaped_once(page(client.get(live_url(live_session))))
    projector = reverse("meetings:projector", args=[live_session.meeting_id, live_session.pk])
    assert_escaped_once(page(client.get(projector)))


def test_migration_repairs_text_escaped_before(meeting, live_session):
    c = live.live_post(session=live_session, client_id="a", kind="question", text="x")
    Meeting.objects.filter(pk=meeting.pk).update(
        title="Rad &amp; Bus &lt;-&gt; Bahn", venue="A &amp;amp; B"
    )
    LiveContribution.objects.filter(pk=c.pk).update(text="1 &lt; 2")
    import_module("aufbruch.meetings.migrations.0002_unescape_plain_text").forwards(apps, None)
    meeting.refresh_from_db()
    c.refresh_from_db()
    assert meeting.title == "Rad & Bus <-> Bahn"
    assert meeting.venue == "A &amp; B"  # someone had typed "&amp;": unescaped once only
    assert c.text == "1 < 2"


# --- control characters in titles --------------------------------------------------


def test_meeting_title_with_line_break_is_rejected_in_german(client, office):
    from aufbruch.meetings.tests.test_views import _meeting_post

    login_with_mfa(client, office)
    response = client.post(
        reverse("meetings:manage_create"), _meeting_post(title="Gipfel\r\nBcc: a@example.org")
    )
    assert response.status_code == 400
    assert "Zeilenumbrüche" in page(response)
    assert not Meeting.objects.exists()


def test_guest_mail_subject_survives_an_old_title_with_line_breaks(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(title="Gipfel\r\nBcc: x@example.org")
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.registration_create(
            meeting=meeting, guest_name="Gast", guest_email="g@example.org"
        )
    assert len(mailoutbox) == 1
    assert "\n" not in mailoutbox[0].subject and "Gipfel Bcc:" in mailoutbox[0].subject
    assert mailoutbox[0].bcc == []


# --- guest registration cannot be used to mail anyone ------------------------------


def test_guest_registrations_to_one_address_are_limited(
    client, make_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meetings = [make_meeting(title=f"Treffen {i}") for i in range(5)]
    for i, m in enumerate(meetings):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("meetings:register", args=[m.pk]),
                {"guest_name": f"Spam {i}", "guest_email": f"Opfer@Example.org{' ' * i}"},
            )
    # three mails a day per address, whatever the case of the address
    assert Registration.objects.count() == 3 and len(mailoutbox) == 3
    assert "heute bereits mehrere Anmeldungen" in page(response)
    assert 'id="id_guest_email_error"' in page(response)
    assert "Spam 4" in page(response)  # input kept


def test_confirmation_mail_is_neutral(meeting, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registrations.registration_create(
            meeting=meeting,
            guest_name="Klicken Sie hier: https://phish.example",
            guest_email="opfer@example.org",
            access_needs="Ihr Konto wird gesperrt",
        )
    body = mailoutbox[0].body
    assert "phish" not in body and "gesperrt" not in body
    assert body.startswith("Hallo,") and "ignorieren" in body


# --- live votes --------------------------------------------------------------------


def _approved(session, text="Wann kommt das WLAN?"):
    c = live.live_post(session=session, client_id="someone", kind="question", text=text)
    return live.live_moderate(contribution=c, actor=session.meeting.organiser, approve=True)


def test_dropping_the_live_cookie_does_not_add_votes(client, live_session):
    c = _approved(live_session)
    vote = reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, c.pk])
    for _ in range(5):
        client.cookies.pop(COOKIE, None)
        response = client.post(vote)
        assert response.status_code == 302
    c.refresh_from_db()
    assert c.vote_count == 0 and not LiveVote.objects.exists()
    client.cookies.pop(COOKIE, None)
    response = client.post(vote, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == live_url(live_session)
    # with the id the live page issued, the vote counts once
    client.get(live_url(live_session))
    client.post(vote)
    client.post(vote)
    c.refresh_from_db()
    assert c.vote_count == 1


def test_new_live_ids_per_address_are_limited(client, live_session, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "live_device": (3, 3600)}
    c = _approved(live_session)
    vote = reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, c.pk])
    for _ in range(6):
        client.cookies.pop(COOKIE, None)
        response = client.get(live_url(live_session))
        assert response.status_code == 200  # still readable
        client.post(vote)
    c.refresh_from_db()
    assert c.vote_count == 3
    client.cookies.pop(COOKIE, None)
    response = client.post(live_url(live_session), {"kind": "question", "text": "Noch eine"})
    assert response.status_code == 429
    assert not LiveContribution.objects.filter(text="Noch eine").exists()


def test_logged_in_votes_count_once_per_account(client, live_session, user):
    c = _approved(live_session)
    vote = reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, c.pk])
    client.force_login(user)
    for _ in range(3):
        client.cookies.pop(COOKIE, None)
        client.post(vote)
    c.refresh_from_db()
    assert c.vote_count == 1


# --- live moderation form: bad input ------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "", "²", "1" * 20, "-1", "1.5"])
def test_live_moderation_with_a_malformed_contribution_is_400(client, live_session, office, value):
    card = live.live_post(session=live_session, client_id="a", kind="idea", text="Bänke")
    login_with_mfa(client, office)
    url = reverse("meetings:live_moderation", args=[live_session.meeting_id, live_session.pk])
    response = client.post(url, {"contribution": value, "action": "approve"})
    assert response.status_code == 400
    assert "Bitte wählen Sie einen Beitrag aus der Liste" in page(response)
    card.refresh_from_db()
    assert card.status == ContributionStatus.PENDING


def test_live_moderation_with_an_unknown_contribution_is_404(client, live_session, office):
    login_with_mfa(client, office)
    url = reverse("meetings:live_moderation", args=[live_session.meeting_id, live_session.pk])
    assert client.post(url, {"contribution": "999999", "action": "approve"}).status_code == 404
