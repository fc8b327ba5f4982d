from __future__ import annotations

import pytest
from playwright.sync_api import expect

from aufbruch.core.testing import UserFactory, enable_totp
from aufbruch.meetings import live, registrations
from aufbruch.meetings.models import Registration, RegistrationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page) -> bool:
    return (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_list_and_detail_are_accessible_at_320px(
    page, assert_accessible, make_meeting, live_session
):
    make_meeting(title="Denklabor Lernen", latitude="51.906300", longitude="8.384200")
    page.goto(page.base_url + "/events/")
    assert page.locator("h1").inner_text() == "Veranstaltungen"
    expect(
        page.locator("[data-meetings-map]")
    ).to_be_visible()  # Leaflet drew markers without tiles
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + live_session.meeting.get_absolute_url())
    assert no_horizontal_scroll(page)
    assert_accessible(page)


def test_guest_registers_with_the_keyboard(page, assert_accessible, meeting):
    page.goto(page.base_url + f"/events/{meeting.pk}/register/")
    page.get_by_label("Ihr Name").fill("")
    page.get_by_role("button", name="Jetzt anmelden").click()
    expect(page.locator("#id_guest_name_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Erika Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@example.org")
    page.get_by_role("button", name="Jetzt anmelden").click()
    expect(page.locator("h1")).to_contain_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    assert_accessible(page)
    reg = Registration.objects.get()
    page.goto(page.base_url + f"/events/registration/{reg.secret}/confirm/")
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.locator(".meetings-ticket svg")).to_be_visible()
    assert_accessible(page)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED


def test_live_page_posts_and_votes_with_htmx_and_projector_updates(
    page, assert_accessible, live_session, office
):
    c = live.live_post(
        session=live_session, client_id="x", kind="question", text="Wann kommt das WLAN?"
    )
    live.live_moderate(contribution=c, actor=office, approve=True)
    url = page.base_url + f"/events/{live_session.meeting_id}/live/{live_session.pk}/"
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(url)
    assert no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("button", name="Dafür stimmen").click()
    page.get_by_text("1 Stimme").wait_for()
    page.get_by_label("Ihre Frage oder Idee").fill("Mehr Bänke")
    page.get_by_role("button", name="Absenden").click()
    page.get_by_text("Danke!").wait_for()

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url + "projector/")
    assert "Wann kommt das WLAN?" in page.inner_text("#projector-items")
    assert_accessible(page)
    second = live.live_post(
        session=live_session, client_id="y", kind="question", text="Gibt es Videos?"
    )
    live.live_moderate(contribution=second, actor=office, approve=True)
    page.get_by_text("Gibt es Videos?").wait_for(timeout=8000)  # htmx polling every 3 s


def test_check_in_page_on_a_phone(page, assert_accessible, browser_login, meeting, office):
    enable_totp(office)
    reg = registrations.registration_create(meeting=meeting, user=UserFactory(display_name="Heike"))
    browser_login(page, office)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + f"/staff/events/{meeting.pk}/check-in/")
    assert no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_label("Ticket-Code").fill(reg.ticket_code)
    page.get_by_role("button", name="Einchecken").click()
    page.get_by_text("Willkommen, Heike!").wait_for()
    page.get_by_label("Ticket-Code").fill(reg.ticket_code)
    page.get_by_role("button", name="Einchecken").click()
    page.get_by_text("bereits eingecheckt").wait_for()
    assert_accessible(page)


def test_staff_pages_are_accessible(
    page, assert_accessible, browser_login, meeting, live_session, office, topic
):
    enable_totp(office)
    registrations.registration_create(
        meeting=meeting, user=UserFactory(display_name="Heike"), access_needs="Rampe"
    )
    card = live.live_post(session=live_session, client_id="x", kind="idea", text="Mitfahrbänke")
    live.live_moderate(contribution=card, actor=office, approve=True)
    live.live_post(session=live_session, client_id="y", kind="question", text="Wartet noch")
    browser_login(page, office)
    m = meeting.pk
    for path in [
        "/staff/events/",
        "/staff/events/new/",
        f"/staff/events/{m}/edit/",
        f"/staff/events/{m}/agenda/",
        f"/staff/events/{m}/sessions/{live_session.pk}/",
        f"/staff/events/{m}/attendees/",
        f"/staff/events/{m}/results/",
        f"/staff/events/{m}/live/{live_session.pk}/",
    ]:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(page.base_url + "/staff/events/new/")
    page.get_by_role("button", name="Sichern").click()
    expect(page.locator("#id_title_error")).to_be_visible()
    assert_accessible(page)


def test_an_ideas_event_card_does_not_run_over_the_comments_or_the_footer(
    page, meeting, topic, assert_accessible
):
    """KERN's cards take their parent's full height: the "came up at" card
    on the idea page once stretched over the whole panel column, and the
    comments after it ran over the footer."""
    from aufbruch.comments.services import comment_create
    from aufbruch.ideas.models import Idea, IdeaSource
    from aufbruch.ideas.services import idea_submit
    from aufbruch.meetings.models import MeetingIdea

    idea = idea_submit(author=UserFactory(), title="Karte vom Gipfel", body="Text", topic=topic)
    Idea.objects.filter(pk=idea.pk).update(source=IdeaSource.WORKSHOP)
    MeetingIdea.objects.create(meeting=meeting, idea=idea)
    comment_create(idea=idea, author=UserFactory(), body="Gute Idee vom Gipfel.")
    for size in ({"width": 360, "height": 740}, {"width": 1280, "height": 800}):
        page.set_viewport_size(size)
        page.goto(page.base_url + idea.get_absolute_url())
        card = page.locator(".meetings-origin").bounding_box()
        comments = page.locator("#comments").bounding_box()
        footer = page.locator("footer").bounding_box()
        assert card["y"] + card["height"] <= comments["y"], size
        assert comments["y"] + comments["height"] <= footer["y"], size
    assert_accessible(page)
