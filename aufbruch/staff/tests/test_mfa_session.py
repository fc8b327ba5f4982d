"""MFA is a property of the session, not of the account (issue #10, points 1–2)."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory, enable_totp, login_password_only, login_with_mfa
from aufbruch.organisation.models import Topic
from aufbruch.staff.models import StaffRole, StaffRoleKind

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-passwort-123"


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def totp_secret(user) -> str:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.get(user=user, type="totp").wrap().instance.data["secret"]


@pytest.fixture
def superuser(db):
    return UserFactory(display_name="Admin", is_staff=True, is_superuser=True)


@pytest.fixture
def office(db):
    user = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=user, role=StaffRoleKind.OFFICE)
    return user


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login") + "?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/accounts/user/" in response["Location"]
    # Django's own password form is never served, so it cannot skip the second factor.
    post = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert post.status_code == 302 and "_auth_user_id" not in client.session


def test_superuser_with_password_only_reads_no_admin_page(client, superuser):
    enable_totp(superuser)
    login_password_only(client, superuser)
    for url in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{superuser.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), url
    login_with_mfa(client, superuser)
    page = client.get("/admin/accounts/user/")
    assert page.status_code == 200 and superuser.email in page.content.decode()


def test_superuser_without_any_authenticator_is_sent_to_set_one_up(client, superuser):
    login_password_only(client, superuser)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_a_real_login_with_the_code_opens_the_staff_area(client, office):
    enable_totp(office)
    response = client.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(totp_secret(office))})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert client.get(reverse("guides:roles")).status_code == 200


def test_password_only_session_confirms_the_code_then_returns(client, office):
    enable_totp(office)
    login_password_only(client, office)
    response = client.get(reverse("guides:roles"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fstaff%2Froles%2F"
    done = client.post(response["Location"], {"code": current_code(totp_secret(office))})
    assert done.status_code == 302 and done["Location"] == "/staff/roles/"
    assert client.get("/staff/roles/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth signals on commit, inside the request
def test_activating_totp_counts_as_this_sessions_second_factor(client, office):
    response = client.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("guides:roles"))["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    if page.status_code == 302:  # allauth asks for the password again first
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    activated = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert activated.status_code == 302
    assert client.get(reverse("guides:roles")).status_code == 200


def test_every_admin_write_is_audited(client, superuser):
    login_with_mfa(client, superuser)
    response = client.post(
        reverse("admin:organisation_topic_add"),
        {
            "name": "Gutes Stadtklima",
            "slug": "gutes-stadtklima",
            "description": "",
            "position": 3,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(slug="gutes-stadtklima")
    entry = AuditEntry.objects.get(action=AuditAction.ADMIN_ADD, target_id=str(topic.pk))
    assert entry.actor_id == superuser.pk and entry.details["model"] == "organisation.Topic"
    client.post(reverse("admin:organisation_topic_delete", args=[topic.pk]), {"post": "yes"})
    assert not Topic.objects.filter(pk=topic.pk).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.ADMIN_DELETE, target_id=str(topic.pk)
    ).exists()


def test_roles_cannot_be_granted_in_the_admin_around_the_audited_service(client, superuser):
    login_with_mfa(client, superuser)
    assert client.get(reverse("admin:staff_staffrole_add")).status_code == 403
    assert client.get(reverse("admin:staff_staffrole_changelist")).status_code == 200
