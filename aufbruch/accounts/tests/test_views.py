import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from aufbruch.accounts.models import User
from aufbruch.core.testing import UserFactory, enable_totp

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-passwort-123"


def signup_data(**overrides):
    data = {
        "email": "neu@example.org",
        "display_name": "Neue Person",
        "accept_privacy": "on",
        "password1": "Sehr-sicheres-Passwort-42",
        "password2": "Sehr-sicheres-Passwort-42",
    }
    return data | overrides


def widget_tag(html: str, field: str) -> str:
    match = re.search(rf'<(input|select|textarea)[^>]*id="id_{field}"[^>]*>', html)
    assert match, f"no widget for {field}"
    return match.group(0)


def login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


# --- sign-up, verification, log-in ------------------------------------------------------


def test_signup_verify_email_and_be_logged_in(client, mail_link):
    response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.display_name == "Neue Person"
    assert not EmailAddress.objects.get(user=user).verified
    # Not logged in before the e-mail is confirmed.
    assert "_auth_user_id" not in client.session
    link = mail_link("neu@example.org", "/accounts/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200 and "Bestätigen" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unverified_account_cannot_log_in(client):
    UserFactory(email="offen@example.org", verified=False)
    mail.outbox.clear()
    response = login(client, "offen@example.org")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response.url
    assert len(mail.outbox) == 1  # the confirmation link is sent again


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": ""}, "email", "Feld"),
        ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
        ({"display_name": ""}, "display_name", "Feld"),
        ({"display_name": "<script>alert(1)</script>"}, "display_name", "&lt; &gt; { }"),
        ({"display_name": "x" * 51}, "display_name", "höchstens 50 Zeichen"),
        ({"accept_privacy": ""}, "accept_privacy", "Feld"),
        ({"password1": "kurz", "password2": "kurz"}, "password1", "zu kurz"),
        ({"password2": "anders-Passwort-99"}, "password2", "selbe Passwort"),
    ],
)
def test_signup_bad_input_shows_german_error_at_the_field(client, overrides, field, message):
    response = client.post(reverse("account_signup"), signup_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert f"id_{field}_error" in widget_tag(html, field)
    if overrides.get("email", None) is None:
        assert 'value="neu@example.org"' in html  # input is kept
    assert not User.objects.filter(email="neu@example.org").exists()
    assert "<script>alert(1)</script>" not in html


def test_signup_with_an_existing_address_creates_no_second_account(client, user):
    client.post(reverse("account_signup"), signup_data(email=user.email))
    assert User.objects.filter(email__iexact=user.email).count() == 1


def test_double_submitted_signup_creates_one_account(client):
    client.post(reverse("account_signup"), signup_data())
    client.post(reverse("account_signup"), signup_data())
    assert User.objects.filter(email="neu@example.org").count() == 1


def test_wrong_password_is_rejected_in_german(client, user):
    response = login(client, user.email, "falsch-falsch-falsch")
    assert response.status_code == 200
    assert "nicht korrekt" in response.content.decode() or "falsch" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_are_throttled(client, user):
    for _ in range(5):
        login(client, user.email, "falsch-falsch-falsch")
    response = login(client, user.email)  # even the right password is refused now
    assert "_auth_user_id" not in client.session
    assert "Zu viele" in response.content.decode()


def test_logout_ends_the_session(client, user):
    login(client, user.email)
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


# --- password reset and e-mail change ------------------------------------------------------


def test_password_reset_flow(client, user, mail_link):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    link = mail_link(user.email, "/accounts/password/reset/key/")
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    response = client.post(
        form_url, {"password1": "Ganz-neues-Passwort-7", "password2": "Ganz-neues-Passwort-7"}
    )
    assert response.status_code == 302
    client.logout()
    login(client, user.email, "Ganz-neues-Passwort-7")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert all(
        "niemand@example.org" in m.to for m in mail.outbox
    )  # at most an "unknown account" notice


def test_change_email_after_confirmation(client, user, mail_link):
    login(client, user.email)
    old = user.email
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "neue-adresse@example.org"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == old  # unchanged until confirmed
    link = mail_link("neue-adresse@example.org", "/accounts/confirm-email/")
    client.post(link)
    user.refresh_from_db()
    assert user.email == "neue-adresse@example.org"
    assert EmailAddress.objects.get(user=user, primary=True).email == "neue-adresse@example.org"


def test_change_email_rejects_an_address_of_someone_else(client, user, other_user):
    login(client, user.email)
    client.post(reverse("account_email"), {"action_add": "", "email": other_user.email})
    # allauth does not reveal that the address is taken; it never becomes this user's address.
    assert not EmailAddress.objects.filter(
        user=user, email=other_user.email, verified=True
    ).exists()
    user.refresh_from_db()
    assert user.email != other_user.email


# --- profile -------------------------------------------------------------------------------


def profile_data(**overrides):
    data = {
        "display_name": "Radlerin",
        "birth_year": "2002",
        "district": "",
        "email_on_comments": "on",
    }
    return data | overrides


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_profile_page_explains_why_birth_year_and_district_are_asked(
    user_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = user_client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "U30-Beirat" in html and "welche Altersgruppen und Stadtteile fehlen" in html


def test_profile_update(user_client, user, district):
    response = user_client.post(
        reverse("accounts:profile"), profile_data(district=str(district.pk)), follow=True
    )
    assert "Ihr Profil wurde gespeichert." in response.content.decode()
    user.refresh_from_db()
    assert (
        user.display_name,
        user.birth_year,
        user.district,
        user.email_on_comments,
        user.email_on_updates,
    ) == ("Radlerin", 2002, district, True, False)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"birth_year": "1850"}, "birth_year", "zwischen 1900 und"),
        ({"birth_year": "abc"}, "birth_year", "ganze Zahl"),
        ({"birth_year": "3000"}, "birth_year", "zwischen 1900 und"),
        ({"display_name": ""}, "display_name", "Feld"),
        ({"display_name": "<img src=x onerror=alert(1)>"}, "display_name", "{ }"),
        ({"display_name": "y" * 80}, "display_name", "höchstens 50 Zeichen"),
        ({"district": "999999"}, "district", "gültige Auswahl"),
    ],
)
def test_profile_bad_input(user_client, user, overrides, field, message):
    before = (user.display_name, user.birth_year, user.district_id)
    response = user_client.post(reverse("accounts:profile"), profile_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert "<img src=x" not in html
    if field != "display_name":
        assert 'value="Radlerin"' in html  # the other input is kept
    user.refresh_from_db()
    assert (user.display_name, user.birth_year, user.district_id) == before


def test_export_downloads_json_of_the_user_only(user_client, user, other_user):
    assert user_client.get(reverse("accounts:export")).status_code == 405
    response = user_client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert other_user.email not in response.content.decode()


def test_export_requires_login(client):
    assert client.post(reverse("accounts:export")).status_code == 302


# --- deletion --------------------------------------------------------------------------------


def test_delete_page_asks_for_the_password(user_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = user_client.get(reverse("accounts:delete"))
    assert response.status_code == 200 and "gelöschtes Konto" in response.content.decode()


@pytest.mark.parametrize("password", ["", "falsch", "<script>x</script>"])
def test_delete_with_wrong_password_changes_nothing(user_client, user, password):
    response = user_client.post(reverse("accounts:delete"), {"password": password})
    assert response.status_code == 200
    assert 'id="id_password_error"' in response.content.decode()
    user.refresh_from_db()
    assert not user.is_deleted and user.is_active


def test_deleting_ends_the_users_other_sessions(client, user):
    from django.test import Client

    other_device = Client()
    other_device.force_login(user)
    assert other_device.get(reverse("accounts:profile")).status_code == 200
    client.force_login(user)
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    response = other_device.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_delete_account_logs_out_and_blocks_login(client, user, idea_of):
    idea = idea_of(user)
    email = user.email
    login(client, email)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.is_deleted and user.email != email
    login(client, email)
    assert "_auth_user_id" not in client.session
    page = client.get(idea.get_absolute_url())
    assert page.status_code == 200 and "von einem gelöschten Konto" in page.content.decode()


# --- MFA --------------------------------------------------------------------------------------


def test_totp_activation_page_works(client, user):
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    login(client, user.email)
    # Setting up a second factor asks for the password again first.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response.url
    page = client.get(response.url)
    assert page.status_code == 200 and "kern-form-input__input" in page.content.decode()
    client.post(response.url, {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kern-btn" in html and 'src="data:image/svg+xml' in html
    secret = client.session["mfa.totp.secret"]
    bad = client.post(reverse("mfa_activate_totp"), {"code": "000000x"})
    assert bad.status_code == 200 and "kern-error" in bad.content.decode()
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
    code = format_hotp_value(hotp_value(secret, list(yield_hotp_counters_from_time())[-1]))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()


def test_staff_without_mfa_are_sent_to_mfa_setup(client, user):
    from aufbruch.staff.models import StaffRole, StaffRoleKind

    StaffRole.objects.create(user=user, role=StaffRoleKind.MODERATOR)
    client.force_login(user)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")
    enable_totp(user)
    response = client.get("/staff/")
    assert response.url != reverse("mfa_activate_totp") if response.status_code == 302 else True


def test_mfa_login_asks_for_the_code(client, user):
    enable_totp(user)
    response = login(client, user.email)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200 and "kern-form-input__input" in page.content.decode()
