"""The one mail layer: HTML + text, one subject prefix, the platform's name,
links from SITE_URL (never the request's host), no raw Markdown."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from aufbruch.core.checks import check_site_url_host
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

pytestmark = pytest.mark.django_db

SITE = "https://beteiligung.example.de"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = SITE
    settings.PLATFORM_NAME = "Digitaler Aufbruch"
    settings.CITY_NAME = "Gütersloh"
    settings.EMAIL_SUBJECT_PREFIX = "[Aufbruch Gütersloh] "
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = settings.EMAIL_SUBJECT_PREFIX


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_notification_mail_is_html_and_text_without_markdown(django_capture_on_commit_callbacks):
    user = UserFactory(display_name="Ada")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[user],
            kind=NotificationKind.OTHER,
            event_key="x",
            title="Neue Antwort",
            body="Das ist **wichtig** – [mehr dazu](https://example.org/a) <script>x</script>",
            url="/ideas/7/",
        )
    [message] = mail.outbox
    assert message.subject == "[Aufbruch Gütersloh] Neue Antwort"
    text, html = message.body, html_of(message)
    for part in (text, html):
        assert "**" not in part and "](" not in part
        assert f"{SITE}/ideas/7/" in part
        assert f"{SITE}/profile/" in part
        assert "Digitaler Aufbruch Gütersloh" in part or "Digitaler Aufbruch <span" in part
    assert "Das ist wichtig – mehr dazu" in text
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'href="{SITE}/ideas/7/"' in html
    assert "<img" not in html and "<link" not in html and "@import" not in html


def test_allauth_signup_mail_is_branded_with_site_url_links(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "display_name": "Neue Person",
            "accept_privacy": "on",
            "password1": "Sehr-sicheres-Passwort-42",
            "password2": "Sehr-sicheres-Passwort-42",
        },
        HTTP_HOST="127.0.0.1",
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.startswith("[Aufbruch Gütersloh] ")
    text, html = message.body, html_of(message)
    assert "127.0.0.1" not in text + html and "testserver" not in text + html
    assert "Hallo von" not in text and "Hello from" not in text
    assert "Digitaler Aufbruch Gütersloh" in text
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", text).group(0)
    assert link.startswith(f"{SITE}/accounts/confirm-email/")
    assert f'href="{link}"' in html


def test_allauth_password_reset_link_uses_site_url(client):
    UserFactory(email="bea@example.org")
    client.post(
        reverse("account_reset_password"), {"email": "bea@example.org"}, HTTP_HOST="127.0.0.1"
    )
    [message] = mail.outbox
    assert message.subject.startswith("[Aufbruch Gütersloh] ")
    assert f"{SITE}/accounts/password/reset/key/" in message.body
    assert "127.0.0.1" not in message.body
    assert html_of(message).count(f"{SITE}/accounts/password/reset/key/") >= 1


def test_mail_to_admins_has_the_same_prefix(settings):
    settings.ADMINS = [("Bereitschaft", "b@example.org")]
    mail.mail_admins("Fehler", "x")
    assert mail.outbox[0].subject == "[Aufbruch Gütersloh] Fehler"


def test_api_docs_example_uses_site_url(client):
    response = client.get("/api/v1/docs", HTTP_HOST="127.0.0.1", follow=True)
    assert f"{SITE}/api/v1/ideas?" in response.content.decode()


def test_site_url_host_must_be_allowed_in_production(settings):
    settings.PRODUCTION = True
    settings.ALLOWED_HOSTS = ["beteiligung.example.de"]
    assert check_site_url_host() == []
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in check_site_url_host()] == ["aufbruch.W002"]
    settings.ALLOWED_HOSTS = [".example.de", "127.0.0.1"]
    assert check_site_url_host() == []
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["example.org"]
    assert check_site_url_host() == []
    call_command("check")  # registered and runs
