"""Checks for the sign language videos and their captions, by content (magic
bytes), never by the file name or the browser's content type."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CAPTIONS_MAX_BYTES = 512 * 1024
# ISO base media brands of videos; image brands (heic, avif, mif1 ...) are refused.
VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
    b"M4VH", b"M4VP", b"dash", b"mmp4", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"f4v ",
}  # fmt: skip


def video_max_bytes() -> int:
    """The upload limit of videos (nginx's client_max_body_size must allow it);
    longer videos belong on the city's video host (SIGN_VIDEO_HOSTS)."""
    return getattr(settings, "SIGN_VIDEO_MAX_BYTES", settings.MAX_VIDEO_UPLOAD_BYTES)


def _too_large(size: int | None, limit: int) -> None:
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). At most %(limit)s are allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _head(upload, n: int) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def sign_video_type(upload) -> str:
    """The video's MIME type (MP4, WebM or QuickTime) or a German ValidationError."""
    _too_large(upload.size, video_max_bytes())
    head = _head(upload, 64)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return "video/quicktime"
        if brand in VIDEO_BRANDS:
            return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head:
        return "video/webm"
    raise ValidationError(
        _("This file is not a video. Please upload an MP4, WebM or MOV file."),
        code="invalid_type",
    )


def clean_captions(upload) -> bytes:
    """The WebVTT file's bytes, or a German ValidationError."""
    _too_large(upload.size, CAPTIONS_MAX_BYTES)
    upload.seek(0)
    data = upload.read(CAPTIONS_MAX_BYTES + 1)
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    first = (text or "").split("\n", 1)[0].rstrip("\r")
    if (
        text is None
        or "\x00" in text
        or not (first == "WEBVTT" or first[:7] in ("WEBVTT ", "WEBVTT\t"))
    ):
        raise ValidationError(
            _("This file is not a WebVTT caption file (it must begin with “WEBVTT”)."),
            code="invalid_captions",
        )
    if "-->" not in text:
        raise ValidationError(
            _("This caption file has no captions (no cue with a time “-->”)."),
            code="empty_captions",
        )
    return text.encode("utf-8")


def allowed_video_origins() -> list[str]:
    return [o.rstrip("/") for o in getattr(settings, "SIGN_VIDEO_HOSTS", []) if o]


def clean_video_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    allowed = allowed_video_origins()
    if not allowed:
        raise ValidationError(
            _("No video host of the city is configured; please upload the video file."),
            code="no_host",
        )
    if parts.scheme != "https" or origin not in [a.lower() for a in allowed]:
        raise ValidationError(
            _("The address must start with one of: %(hosts)s") % {"hosts": ", ".join(allowed)},
            code="bad_host",
        )
    return url
