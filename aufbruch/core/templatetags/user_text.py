"""Template filters for user text that a resident reads as plain text."""

from django import template

from aufbruch.core.text import markdown_to_text

register = template.Library()


@register.filter
def markdown_as_text(source: str, max_chars: int | None = None) -> str:
    """User Markdown as plain text (no ``**`` or link syntax), shortened at
    a word boundary past ``max_chars``; escaped by the template as usual."""
    return markdown_to_text(source or "", max_chars=int(max_chars) if max_chars else None)
