"""Every allauth page uses our base layout, KERN classes and German."""

import re

import pytest
from django.urls import reverse

from aufbruch.core.testing import UserFactory, enable_totp

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-passwort-123"


def assert_our_page(response):
    assert response.status_code == 200, response
    html = response.content.decode()
    assert (
        '<html lang="de"' in html and 'class="skip-link"' in html and 'class="site-footer"' in html
    )
    assert html.count("<h1") == 1 and 'class="kern-heading-large"' in html
    assert "Messages:" not in html and "Menu:" not in html  # allauth's own layout
    assert not re.search(
        r"<(input|select|textarea)(?![^>]*type=\"hidden\")(?![^>]*class=\"kern-)[^>]*>", html
    ), "a field without KERN class"
    return html


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_public_account_pages(client, name):
    assert_our_page(client.get(reverse(name)))


def test_confirm_email_and_reset_from_key_pages(client, mail_link):
    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "display_name": "Neu",
            "accept_privacy": "on",
            "password1": "Sehr-sicheres-Passwort-42",
            "password2": "Sehr-sicheres-Passwort-42",
        },
    )
    html = assert_our_page(client.get(mail_link("neu@example.org", "/confirm-email/")))
    assert "Bestätigen" in html
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert_our_page(client.get(mail_link(user.email, "/password/reset/key/"), follow=True))


@pytest.fixture
def reauthenticated(client):
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return user


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
    ],
)
def test_manage_pages(client, reauthenticated, name):
    assert_our_page(client.get(reverse(name)))


@pytest.mark.parametrize(
    "name",
    ["mfa_index", "mfa_deactivate_totp", "mfa_generate_recovery_codes", "mfa_view_recovery_codes"],
)
def test_mfa_pages_with_an_authenticator(client, reauthenticated, name):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    enable_totp(reauthenticated)
    RecoveryCodes.activate(reauthenticated)
    assert_our_page(client.get(reverse(name)))


def test_mfa_authenticate_page(client):
    user = UserFactory()
    enable_totp(user)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    html = assert_our_page(client.get(reverse("mfa_authenticate")))
    assert 'autocomplete="one-time-code"' in html
