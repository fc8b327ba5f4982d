import io
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from aufbruch.core.images import validate_and_reencode_image
from aufbruch.core.search import query_terms, search_document
from aufbruch.core.text import render_markdown


def test_health_reports_database_ok(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_reports_503_when_database_fails(client, db, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise connection.Database.OperationalError("database is gone")

    monkeypatch.setattr("aufbruch.core.views.connection", BrokenConnection())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[klick](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_markdown_never_outputs_active_content(source):
    html = render_markdown(source)
    parser = _TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in {
            "p",
            "a",
            "br",
            "strong",
            "em",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
            "blockquote",
        }, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_markdown_keeps_simple_formatting_and_safe_links():
    html = render_markdown("**wichtig** und [Stadt](https://www.guetersloh.de)")
    assert "<strong>wichtig</strong>" in html
    assert 'href="https://www.guetersloh.de"' in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def _png_bytes(size=(40, 30), mode="RGB"):
    buf = io.BytesIO()
    Image.new(mode, size, (200, 10, 10)).save(buf, format="PNG")
    return buf.getvalue()


def test_image_is_reencoded_without_metadata():
    img = Image.new("RGB", (50, 40), (10, 200, 10))
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif.tobytes())
    upload = SimpleUploadedFile("foto.jpg", buf.getvalue(), content_type="image/jpeg")
    out = validate_and_reencode_image(upload)
    reopened = Image.open(io.BytesIO(out.read()))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()
    assert (out.image_width, out.image_height) == (50, 40)


def test_html_disguised_as_png_is_rejected():
    upload = SimpleUploadedFile(
        "bild.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    with pytest.raises(ValidationError) as err:
        validate_and_reencode_image(upload)
    assert err.value.code == "invalid_type"


def test_oversized_image_is_rejected_before_decoding(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile(
        "gross.png", _png_bytes((400, 400)) + b"\0" * 2048, content_type="image/png"
    )
    with pytest.raises(ValidationError) as err:
        validate_and_reencode_image(upload)
    assert err.value.code == "too_large"


def test_german_search_finds_inflected_forms_and_compounds():
    doc = search_document("Mehr Fahrradstraßen in der Innenstadt", "Sichere Wege für Schülerinnen")
    for query in ["Fahrradstraße", "fahrradstrassen", "Straße", "Schülerin", "innenstädtisch"[:9]]:
        assert all(t in doc for t in query_terms(query)), query
    assert not all(t in doc for t in query_terms("Parkhaus"))


def test_production_settings_pass_check_deploy(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="aufbruch.settings.production",
        SECRET_KEY="x" * 20 + "production-secret-key-for-check-only-0123456789",
        ALLOWED_HOSTS="beteiligung.example.de",
        # Production must name its public address (check aufbruch.W002).
        SITE_URL="https://beteiligung.example.de",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(__import__("django.conf").conf.settings.BASE_DIR),
    )
    assert result.returncode == 0, result.stdout + result.stderr
