"""Page text: Markdown rendered by core.text.render_markdown (sanitised),
with two additions for structured pages that user text does not have:

- a line "## Heading" (or "### Subheading") starts a section; the heading is
  escaped and gets an anchor, so a privacy notice or an accessibility
  statement has a real outline;
- a line "[[bild:<name>]]" puts one of our pictograms next to the text that
  follows it (Leichte Sprache: picture left, text right).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify

from aufbruch.core.text import render_markdown

from .catalogue import PICTOGRAMS

HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t#]*$")
PICTOGRAM = re.compile(r"^\[\[bild:([a-z0-9-]+)\]\][ \t]*$")
PICTOGRAM_ANYWHERE = re.compile(r"\[\[bild:([^\]\s]*)\]\]")


def unknown_pictograms(source: str) -> list[str]:
    return sorted(
        {name for name in PICTOGRAM_ANYWHERE.findall(source or "") if name not in PICTOGRAMS}
    )


def render_page(source: str) -> str:
    out: list[str] = []
    chunk: list[str] = []
    picture: str | None = None
    ids: set[str] = set()

    def flush() -> None:
        nonlocal picture
        text = "\n".join(chunk).strip()
        chunk.clear()
        html = render_markdown(text) if text else ""
        if picture:
            # The unhashed static path: stored HTML must outlive a redeploy,
            # which changes the hashed names (collectstatic keeps both).
            src = f"{settings.STATIC_URL}pages/pictograms/{picture}.svg"
            out.append(
                f'<div class="ab-picto-row"><img class="ab-picto" src="{escape(src)}" alt="" '
                f'width="64" height="64"><div class="ab-user-text">{html}</div></div>'
            )
        elif html:
            out.append(f'<div class="ab-user-text">{html}</div>')
        picture = None

    for line in (source or "").splitlines():
        heading = HEADING.match(line)
        pictogram = PICTOGRAM.match(line.strip())
        if heading:
            flush()
            level = len(heading.group(1))
            text = heading.group(2)
            anchor = slugify(text)[:60] or "abschnitt"
            base, n = anchor, 2
            while anchor in ids:
                anchor, n = f"{base}-{n}", n + 1
            ids.add(anchor)
            css = "kern-heading-medium" if level == 2 else "kern-heading-small"
            out.append(f'<h{level} class="{css}" id="{anchor}">{escape(text)}</h{level}>')
        elif pictogram and pictogram.group(1) in PICTOGRAMS:
            flush()
            picture = pictogram.group(1)
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)
