"""Safe user text.

Two kinds of user text, each escaped exactly once, where it is shown:
- Markdown (``render_markdown``): rendered to HTML and sanitised with nh3 when
  saved (raw HTML in the source is escaped by markdown-it, nh3 keeps only the
  tags and URL schemes below), stored in ``*_html`` and shown with ``|safe``.
- Plain text (``plain_text``): stored as typed, minus control characters, and
  escaped by the template (autoescape), never before. So "Rad & Bus <-> Bahn"
  and "a<b>c</b>" stay exactly what the person wrote, in pages, mails, iCal,
  CSV and the API.
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


# C0 and C1 control characters except tab and line feed, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Everything that would break a one-line value (mail header, title).
_LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    """True when ``value`` holds a control character; line breaks count
    unless ``multiline``."""
    if multiline:
        return bool(_CONTROL.search(value.replace("\r", "")))
    return bool(_LINE_BREAKING.search(value))


def plain_text(source: str) -> str:
    """User text as typed, for titles, names, e-mails, iCal and CSV: line
    ends normalised, control characters removed, nothing escaped (templates
    escape on output)."""
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def single_line(source: str) -> str:
    """A value for one line, e.g. a mail subject: every control character
    (CR and LF included) becomes a space, runs of spaces collapse."""
    return " ".join(_LINE_BREAKING.sub(" ", source or "").split())


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
