"""The staff pages in Chromium: axe-core, keyboard use, 320px, and the whole
path of an idea from submission to "umgesetzt" as residents and staff see it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from aufbruch.committees.models import CommitteeMeeting
from aufbruch.core.testing import enable_totp
from aufbruch.guides.services import internal_note_add
from aufbruch.ideas.models import Idea, StatusChange
from aufbruch.notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit_by_keyboard(page, button):
    page.get_by_role("button", name=button).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def staff_page(page, browser_login):
    def login(user):
        from aufbruch.staff.mfa import user_has_totp

        if not user_has_totp(user):
            enable_totp(user)
        browser_login(page, user)
        return page

    return login


def test_inbox_is_accessible_and_usable_by_keyboard(staff_page, assert_accessible, guide, idea):
    page = staff_page(guide)
    page.goto(page.base_url + reverse("guides:inbox"))
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    link = page.get_by_role("link", name=f"#{idea.pk} {idea.title}")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('guides:idea', args=[idea.pk])}")
    assert_accessible(page)


def test_inbox_fits_320px(staff_page, guide, idea):
    page = staff_page(guide)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + reverse("guides:inbox"))
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


def test_assign_respond_and_change_status_by_keyboard(
    staff_page, assert_accessible, guide, idea, department
):
    page = staff_page(guide)
    page.goto(page.base_url + reverse("guides:idea", args=[idea.pk]))
    page.get_by_label("Zuständige Lotsin / zuständiger Lotse").select_option(str(guide.pk))
    submit_by_keyboard(page, "Zuweisen")
    expect(page.get_by_text("Die Idee wurde zugewiesen.")).to_be_visible()
    # An error is announced next to its field and the input is kept.
    page.get_by_label("Neuer Status").select_option("declined")
    page.get_by_label("Aktenzeichen").fill("AZ-1")
    submit_by_keyboard(page, "Status ändern")
    expect(page.locator("#id_status-explanation_error")).to_be_visible()
    assert page.get_by_label("Aktenzeichen").input_value() == "AZ-1"
    assert (
        page.get_by_label("Öffentliche Erläuterung")
        .first.get_attribute("aria-describedby")
        .endswith("id_status-explanation_error")
    )
    assert_accessible(page)
    page.get_by_label("Neuer Status").select_option("in_review")
    page.locator("#id_status-explanation").fill("Wir prüfen die Idee.")
    submit_by_keyboard(page, "Status ändern")
    page.locator("#id_response-text").fill("Der Fachbereich nimmt Stellung.")
    submit_by_keyboard(page, "Stellungnahme veröffentlichen")
    idea.refresh_from_db()
    assert (
        idea.assignee == guide
        and idea.status == "in_review"
        and idea.official_responses.count() == 1
    )
    assert_accessible(page)


def test_role_and_settings_pages_are_accessible(staff_page, assert_accessible, office, participant):
    page = staff_page(office)
    page.goto(page.base_url + reverse("guides:roles") + "?q=participant")
    expect(page.get_by_text("participant@example.org")).to_be_visible()
    assert_accessible(page)
    page.goto(page.base_url + reverse("guides:settings"))
    assert_accessible(page)
    page.goto(page.base_url + reverse("guides:idea_enter"))
    assert_accessible(page)


def test_whole_path_end_to_end(
    staff_page, assert_accessible, guide, office, idea, author, supporter, follower
):
    """A resident's idea goes through review, the project pool, a committee paper
    and decision, feasibility and pilot to "umgesetzt"; everyone concerned is told."""
    internal_note_add(idea=idea, actor=guide, text="INTERN-NICHT-ZEIGEN")
    page = staff_page(guide)
    idea_url = page.base_url + reverse("guides:idea", args=[idea.pk])

    def change(status, text, page=page):
        page.goto(idea_url)
        page.get_by_label("Neuer Status").select_option(status)
        page.locator("#id_status-explanation").fill(text)
        click_and_wait(page, page.get_by_role("button", name="Status ändern"))
        assert Idea.objects.get(pk=idea.pk).status == status

    change("in_review", "Der Fachbereich prüft die Idee.")
    change("pool", "Die Idee kommt in den Projektpool.")

    page.context.clear_cookies()
    page = staff_page(office)
    page.goto(page.base_url + reverse("committees:list"))
    page.get_by_label("Ausschuss").fill("Hauptausschuss")
    page.get_by_label("Datum der Sitzung").fill("2026-03-02")
    page.get_by_label("Aktenzeichen").fill("HA/2026/12")
    click_and_wait(page, page.get_by_role("button", name="Sitzung anlegen"))
    page.get_by_label("Idee aus dem Projektpool", exact=True).select_option(str(idea.pk))
    click_and_wait(page, page.get_by_role("button", name="Auf die Tagesordnung setzen"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Vorlage (Druckansicht)"))
    expect(page.get_by_role("heading", name=idea.title)).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")
    page.goto(
        page.base_url + reverse("committees:detail", args=[CommitteeMeeting.objects.get().pk])
    )
    page.locator('input[type="radio"][value="adopted"]').check()
    page.get_by_label("Öffentliche Erläuterung (bei Ablehnung die Gründe)").fill(
        "Der Hauptausschuss beschließt das Projekt."
    )
    click_and_wait(page, page.get_by_role("button", name="Alle Beschlüsse erfassen"))
    assert Idea.objects.get(pk=idea.pk).status == "decided"

    page.context.clear_cookies()
    page = staff_page(guide)
    change("feasibility", "Die Machbarkeitsprüfung beginnt.")
    change("pilot", "Reallabor im Bürgerbüro.")
    # "implemented" is reached through the idea's project (projects app), not by hand

    page.context.clear_cookies()
    page.goto(page.base_url + idea.get_absolute_url())
    timeline = page.locator("#timeline-heading + ol")
    text = timeline.inner_text()
    for words in [
        "Der Fachbereich prüft",
        "Projektpool",
        "beschließt das Projekt",
        "HA/2026/12",
        "Machbarkeitsprüfung beginnt",
        "Reallabor im Bürgerbüro",
    ]:
        assert words in text
    assert "INTERN-NICHT-ZEIGEN" not in page.content()
    assert_accessible(page)
    changes = StatusChange.objects.filter(idea=idea).count()
    assert changes == 5
    for person in (author, supporter, follower):
        assert Notification.objects.filter(recipient=person, kind="status").count() == 5
