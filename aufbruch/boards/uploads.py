"""Checks for uploaded videos and documents, by their content (magic bytes),
never by the file name or the browser's content type."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


def document_content_type(upload) -> str:
    """Return the document's MIME type (PDF, image, office file or plain text) or raise ValidationError."""
    error = _too_large(upload.size, MAX_DOCUMENT_BYTES)
    if error:
        raise error
    name = (upload.name or "").lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    head = _head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04") and ext in OFFICE_ZIP_EXTENSIONS:
        return OFFICE_ZIP_EXTENSIONS[ext]
    if ext in TEXT_EXTENSIONS:
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\x00" not in text and "<" not in text[:200].lstrip()[:1]:
            return TEXT_EXTENSIONS[ext]
    raise ValidationError(
        _(
            "This file type is not allowed. Please upload a PDF, an image, an office document or a text file."
        ),
        code="invalid_type",
    )
