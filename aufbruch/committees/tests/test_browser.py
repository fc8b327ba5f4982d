import pytest
from django.urls import reverse
from playwright.sync_api import expect

from aufbruch.core.testing import enable_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meeting_pages_are_accessible_with_errors(page, browser_login, assert_accessible, office):
    enable_totp(office)
    browser_login(page, office)
    page.goto(page.base_url + reverse("committees:list"))
    assert_accessible(page)
    page.get_by_label("Ausschuss").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Sitzung anlegen").click()
    expect(page.locator("#id_committee_error")).to_be_visible()
    assert page.get_by_label("Ausschuss").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Ausschuss").fill("Hauptausschuss")
    page.get_by_label("Datum der Sitzung").fill("2026-03-02")
    page.get_by_label("Aktenzeichen").fill("HA/1")
    with page.expect_navigation():
        page.get_by_role("button", name="Sitzung anlegen").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hauptausschuss")
    assert_accessible(page)
