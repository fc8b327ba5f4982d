"""Checks for uploaded videos and documents, by their content (magic bytes),
never by the file name or the browser's content type."""

from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
OFFICE_ZIP_EXTENSIONS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"txt": "text/plain", "md": "text/markdown", "csv": "text/csv"}


def _head(upload, n: int = 64) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _too_large(size: int | None, limit: int) -> ValidationError | None:
    if size is not None and size > limit:
        return ValidationError(
            _("The file is too large (%(size)s). At most %(limit)s are allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    return None


def video_content_type(upload) -> str:
    """Return the video's MIME type (MP4, WebM or QuickTime) or raise ValidationError."""
    error = _too_large(upload.size, settings.MAX_VIDEO_UPLOAD_BYTES)
    if error:
        raise error
    head = _head(upload)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head:
        return "video/webm"
    raise ValidationError(
        _("This file is not a supported video. Please upload an MP4, WebM or MOV file."),
        code="invalid_type",
    )


def _invalid_document() -> ValidationError:
    return ValidationError(
        _(
            "This file type is not allowed. Please upload a PDF, an image, an office document or a text file."
        ),
        code="invalid_type",
    )


def _check_pdf(data: bytes) -> None:
    """The structure of a whole PDF, not just its first bytes: header, a
    cross-reference pointer inside the file, the end marker; and no active
    content (scripts, launch actions, embedded files)."""
    tail = data[-2048:]
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
    if not data.startswith(b"%PDF-") or match is None or int(match.group(1)) >= len(data):
        raise _invalid_document()
    if not re.search(rb"\d+\s+\d+\s+obj\b", data):
        raise _invalid_document()
    if re.search(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b", data):
        raise ValidationError(
            _("PDF files with scripts, actions or embedded files are not allowed."),
            code="active_content",
        )


def _check_image(data: bytes, expected: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            image.verify()
    except Exception as exc:  # noqa: BLE001 - any decoder error means "not this image"
        raise _invalid_document() from exc
    if fmt != expected:
        raise _invalid_document()


def _office_type(data: bytes) -> tuple[str, str]:
    """An office document by what the archive holds, never by its name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if archive.testzip() is not None:
                raise _invalid_document()
            if names and names[0] == "mimetype":
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                for ext, mime in OFFICE_ZIP_EXTENSIONS.items():
                    if mime == mimetype:
                        return mime, ext
            if "[Content_Types].xml" in names:
                for folder, ext in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
                    if any(n.startswith(folder) for n in names):
                        return OFFICE_ZIP_EXTENSIONS[ext], ext
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _invalid_document() from exc
    raise _invalid_document()


_MARKUP = re.compile(rb"<\s*(html|script|svg|iframe|object|embed|!doctype|\?xml)", re.I)


def document_type(upload) -> tuple[str, str]:
    """The document's MIME type and file extension, judged from its whole
    content (PDF, PNG, JPEG, office document or plain text), or a
    ValidationError. The uploader's file name only picks between the text
    kinds (.txt, .md, .csv)."""
    error = _too_large(upload.size, MAX_DOCUMENT_BYTES)
    if error:
        raise error
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return "application/pdf", "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(data, "PNG")
        return "image/png", "png"
    if data.startswith(b"\xff\xd8\xff"):
        _check_image(data, "JPEG")
        return "image/jpeg", "jpg"
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    name = (upload.name or "").lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else "txt"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _invalid_document() from exc
    if not text.strip() or "\x00" in text or _MARKUP.search(data):
        raise _invalid_document()
    ext = ext if ext in TEXT_EXTENSIONS else "txt"
    return TEXT_EXTENSIONS[ext], ext


def download_name(original: str, ext: str) -> str:
    """The uploader's name for the file, with the extension of its real type."""
    stem = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^\w\- ]", "_", stem).strip(" ._")[:150] or "dokument"
    return f"{stem}.{ext}"
