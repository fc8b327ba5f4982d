"""Safe user text: a Markdown subset rendered to HTML, then sanitised with nh3.

Raw HTML in the source is escaped by markdown-it (html=False); nh3 then keeps
only the tags and URL schemes below, so script tags, event handlers and
javascript: links never reach a page.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4"}
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
