"""Shared form-field validators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import has_control_characters

CONTROL_CHARACTERS_MESSAGE = _(
    "Please remove line breaks and other control characters; this field holds a single line."
)


def validate_single_line(value: str) -> None:
    """For titles and every value that ends up in a mail header: no control
    characters, CR and LF included (they would let a subject carry headers)."""
    if value and has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")
