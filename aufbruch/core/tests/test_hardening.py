"""Private media stay private whatever the path looks like; German 400 and 429 pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_files():
    root = Path(settings.MEDIA_ROOT)
    (root / "private" / "boards").mkdir(parents=True, exist_ok=True)
    (root / "public").mkdir(parents=True, exist_ok=True)
    (root / "private" / "boards" / "secret.txt").write_text("geheim")
    (root / "public" / "open.txt").write_text("offen")
    return root


@pytest.mark.parametrize(
    "url",
    [
        "/media/private/boards/secret.txt",
        "/media//private/boards/secret.txt",
        "/media/%2Fprivate/boards/secret.txt",
        "/media/%2fprivate/boards/secret.txt",
        "/media/public/../private/boards/secret.txt",
        "/media/public/%2E%2E/private/boards/secret.txt",
        "/media/./private/boards/secret.txt",
        "/media/public%5C..%5Cprivate/boards/secret.txt",
        "/media/PRIVATE/boards/secret.txt",
        "/media/../settings/base.py",
    ],
)
def test_private_media_are_never_served(client, media_files, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"geheim" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_public_media_are_served(client, media_files):
    response = client.get("/media/public/open.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"offen"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_bad_request_page_is_german(client):
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/accounts/login/", fields)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ungültige Anfrage" in body and "Bad Request" not in body
    assert '<html lang="de"' in body


def test_allauth_rate_limit_page_is_german(client, settings, user):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": user.email, "password": "falsch"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Zu viele Anfragen" in body and "Too Many Requests" not in body
