import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from aufbruch.accounts.models import User
from aufbruch.core.testing import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_entrance_pages_are_accessible(page, assert_accessible, path):
    page.goto(page.base_url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_signup_with_errors_is_accessible_and_keeps_input(page, assert_accessible):
    page.goto(page.base_url + "/accounts/signup/")
    page.fill("#id_email", "jemand@example.org")
    page.fill("#id_display_name", "<b>x</b>")
    page.click("main button[type=submit]")
    expect(page.locator("#id_display_name_error")).to_be_visible()
    assert page.input_value("#id_email") == "jemand@example.org"
    assert_accessible(page)
    assert not User.objects.filter(email="jemand@example.org").exists()


def test_complete_signup_and_verification_in_a_real_browser(page, assert_accessible, settings):
    settings.SITE_URL = page.base_url  # mail links start with SITE_URL
    mail.outbox.clear()
    page.goto(page.base_url + "/accounts/signup/")
    page.fill("#id_email", "browser@example.org")
    page.fill("#id_display_name", "Browser-Test")
    page.check("#id_accept_privacy")
    page.fill("#id_password1", "Sehr-sicheres-Passwort-42")
    page.fill("#id_password2", "Sehr-sicheres-Passwort-42")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/$"))
    assert_accessible(page)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert (
        page.get_by_role("link", name="Browser-Test").count() == 1
    )  # logged in: the name is in the header


def test_keyboard_only_login(page, live_server):
    user = UserFactory()
    page.goto(page.base_url + "/accounts/login/")
    page.focus("#id_login")
    page.keyboard.type(user.email)
    for _ in range(3):  # past the "forgot your password?" link in the hint
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "id_password":
            break
    page.keyboard.type("geheim-passwort-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name=user.display_name).count() == 1


def test_profile_and_delete_confirmation_are_accessible(page, assert_accessible, browser_login):
    user = UserFactory()
    browser_login(page, user)
    page.goto(page.base_url + "/profile/")
    assert_accessible(page)
    page.fill("#id_birth_year", "1850")
    page.click("form[action='/profile/'] button[type=submit]")
    expect(page.locator("#id_birth_year_error")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.goto(page.base_url + "/profile/delete/")
    assert_accessible(page)
    page.fill("#id_password", "falsch")
    page.click("main button[type=submit]")
    expect(page.locator("#id_password_error")).to_be_visible()
    assert_accessible(page)
    user.refresh_from_db()
    assert not user.is_deleted
