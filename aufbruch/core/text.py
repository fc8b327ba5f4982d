"""Safe user text: a Markdown subset rendered to HTML, then sanitised with nh3.

Raw HTML in the source is escaped by markdown-it (html=False); nh3 then keeps
only the tags and URL schemes below, so script tags, event handlers and
javascript: links never reach a page.
"""

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    md.disable(["image", "table"], ignoreInvalid=True)
    # Headings inside user text are demoted so the page outline stays intact.
    md.disable(["heading", "lheading"], ignoreInvalid=True)
    return md


def render_markdown(source: str) -> str:
    """Render user Markdown to sanitised HTML (safe to mark_safe)."""
    html = _markdown().render(source or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
    )


def plain_text(source: str) -> str:
    """User text with every tag removed, for titles, e-mails and CSV."""
    return nh3.clean(source or "", tags=set())


_BLOCK_END = re.compile(r"</(p|blockquote|pre|h3|h4|ul|ol)>|</li>|<br\s*/?>")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def markdown_to_text(source: str, *, max_chars: int | None = None) -> str:
    """User Markdown as the plain text a resident reads (notifications, mails,
    cards): no ``**``, ``#`` or link syntax, entities decoded, paragraphs kept
    as blank lines. Shortened at a word boundary with "…" past ``max_chars``.
    Not HTML-safe by itself: templates escape it as usual."""
    rendered = _markdown().render(source or "")
    rendered = _BLOCK_END.sub(lambda m: "\n\n" if m.group(1) else "\n", rendered)
    text = html.unescape(nh3.clean(rendered, tags=set()))
    lines = [_HEADING_MARK.sub("", _SPACES.sub(" ", line).strip()) for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if max_chars is not None and len(text) > max_chars:
        cut = (
            text[: max_chars + 1].rsplit(None, 1)[0]
            if " " in text[:max_chars]
            else text[:max_chars]
        )
        text = cut.rstrip(" ,.;:–-") + "…"
    return text
