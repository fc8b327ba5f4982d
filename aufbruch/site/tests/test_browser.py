import re

import pytest
from playwright.sync_api import expect

from aufbruch.core.testing import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page) -> bool:
    return (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_home_front_door_leads_to_events_calls_and_the_submit_form(
    page, programme, assert_accessible, width
):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(page.base_url + "/")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    expect(page.get_by_role("link", name="Digitalgipfel 2027")).to_be_visible()
    expect(page.get_by_role("link", name="U30-Beirat Morgenmacher")).to_be_visible()
    page.get_by_role("link", name="So funktioniert’s, Schritt für Schritt").click()
    expect(page.locator("h1")).to_have_text("So funktioniert’s")
    assert_accessible(page)
    page.go_back()
    # Anonymous: through the login, then straight on to the form.
    page.get_by_role("link", name="Idee einreichen").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/ideas/new/"))
    UserFactory(email="neu@example.org", password="ein-sicheres-passwort-42")
    page.get_by_label("E-Mail").fill("neu@example.org")
    page.get_by_label("Passwort").fill("ein-sicheres-passwort-42")
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url(re.compile(r"/ideas/new/$"))


def test_home_without_javascript(browser, live_server, programme, assert_accessible):
    context = browser.new_context(
        locale="de-DE", java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Jetzt mitmachen")).to_be_visible()
    expect(page.get_by_role("link", name="Ideen ansehen")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_my_activity_is_accessible(page, programme, user, browser_login, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 740})
    browser_login(page, user)
    page.goto(page.base_url + "/")
    if width == 360:
        page.get_by_text("Menü").click()
    page.get_by_role("link", name="Meine Aktivitäten").first.click()
    page.wait_for_url("**/activity/")
    expect(page.get_by_role("link", name="WLAN im Stadtpark").first).to_be_visible()
    assert no_horizontal_scroll(page)
    assert_accessible(page)
