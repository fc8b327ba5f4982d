"""Uploaded images: checked by content (not by name or header), size-limited,
re-encoded without metadata (EXIF, GPS) and scaled to a sensible maximum."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_DIMENSION = 2000
MAX_PIXELS = 40_000_000


def validate_and_reencode_image(upload, *, max_bytes: int | None = None) -> ContentFile:
    """Return a re-encoded copy of ``upload`` or raise ValidationError (German message)."""
    limit = max_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s MB). At most %(limit)s MB are allowed.")
            % {"size": round(upload.size / 1_048_576, 1), "limit": limit // 1_048_576},
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            fmt = probe.format
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(
                    _(
                        "This file is not a supported image. Please upload a JPEG, PNG, WebP or GIF file."
                    ),
                    code="invalid_type",
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            img.thumbnail((MAX_DIMENSION, MAX_DIMENSION))
            has_alpha = img.mode in ("RGBA", "LA") or (
                img.mode == "P" and "transparency" in img.info
            )
            out = io.BytesIO()
            if has_alpha:
                img.convert("RGBA").save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                ext = "jpg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not a supported image. Please upload a JPEG, PNG, WebP or GIF file."),
            code="invalid_type",
        ) from exc
    finally:
        upload.seek(0)
    content = ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")
    content.image_width, content.image_height = img.size  # type: ignore[attr-defined]
    return content
