"""Board documents: the whole file is checked, stored under a random name
with the extension of its real type; malformed idea ids are form errors."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from aufbruch.boards import workspace
from aufbruch.boards.models import Document, Recommendation

from .conftest import office_bytes, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "mime", "ext"),
    [
        ("bericht.html", pdf_bytes(), "application/pdf", "pdf"),
        ("bericht.pdf", pdf_bytes(), "application/pdf", "pdf"),
        ("bild.exe", png_bytes(), "image/png", "png"),
        ("foto", jpeg_bytes(), "image/jpeg", "jpg"),
        (
            "plan.zip",
            office_bytes("docx"),
            OFFICE := "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "tabelle.docx",
            office_bytes("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("text.odt", office_bytes("odt"), "application/vnd.oasis.opendocument.text", "odt"),
        ("notizen.md", b"# Notizen\nPunkt 1", "text/markdown", "md"),
        ("notizen.html", b"Nur Text", "text/plain", "txt"),
    ],
)
def test_document_is_stored_by_its_real_type(board, member, name, content, mime, ext):
    document = workspace.document_upload(
        board=board, actor=member, title="Unterlage", upload=upload(name, content)
    )
    assert document.content_type == mime
    stored = document.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(f".{ext}") and name.rsplit(".", 1)[0] not in stored
    assert len(stored.split(".")[0]) == 32  # random hex name
    assert document.original_name.endswith(f".{ext}")
    assert document.original_name.rsplit(".", 1)[0] == (
        name.rsplit(".", 1)[0] if "." in name else name
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kaputt.pdf", b"%PDF-1.4\n" + b"x" * 100),  # no xref, no end marker
        ("kaputt.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
        ("kaputt.pdf", pdf_bytes()[:-30]),  # cut off
        ("skript.pdf", pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")),
        ("bild.png", b"\x89PNG\r\n\x1a\n" + b"<html>" * 20),  # PNG magic, not an image
        ("bild.jpg", b"\xff\xd8\xff" + b"<script>" * 10),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 30),  # zip magic, not an archive
        ("archiv.docx", office_bytes("docx").replace(b"word/", b"evil/")),
        ("seite.txt", b"Hallo <SCRIPT>alert(1)</script>"),
        ("seite.md", b"<!DOCTYPE html><p>x</p>"),
        ("bild.svg", b"<svg onload=alert(1)>"),
        ("leer.txt", b"   "),
        ("binaer.txt", b"\xff\xfe\x00\x01"),
    ],
)
def test_document_whose_content_does_not_hold_up_is_refused(board, member, name, content):
    with pytest.raises(ValidationError) as exc:
        workspace.document_upload(
            board=board, actor=member, title="Unterlage", upload=upload(name, content)
        )
    assert "file" in exc.value.message_dict
    assert not Document.objects.exists()


def test_download_uses_the_real_extension(client, board, member):
    client.force_login(member)
    response = client.post(
        reverse("boards:documents", args=[board.slug]),
        {"title": "Bericht", "file": upload("bericht.html", pdf_bytes())},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    response = client.get(reverse("boards:document", args=[board.slug, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bericht.pdf"' in response["Content-Disposition"]


def test_pdf_with_script_gets_a_german_message(client, board, member):
    client.force_login(member)
    response = client.post(
        reverse("boards:documents", args=[board.slug]),
        {"title": "Böse", "file": upload("x.pdf", pdf_bytes(b"/AA << /JS (x) >>"))},
    )
    assert response.status_code == 400
    assert "Skripte" in response.text and 'value="Böse"' in response.text
    assert not Document.objects.exists()


@pytest.mark.parametrize("value", ["²", "12345678901234567890", "１", "-1", "abc", ""])
def test_recommendation_with_malformed_idea_ids_is_a_form_error(client, board, member, value):
    client.force_login(member)
    response = client.post(
        reverse("boards:recommendation_new", args=[board.slug]),
        {"title": "Mehr WLAN", "body": "In allen Schulen", "ideas": [value]},
    )
    assert response.status_code == 400
    assert 'id="id_ideas_error"' in response.text or "ideas" in response.text
    assert not Recommendation.objects.exists()
