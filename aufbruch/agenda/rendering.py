"""The paragraphs of the reading view, rendered in Python and cached.

A 100-page draft has about 2,000 paragraphs. Through the template engine
(with a URL, a plural and a few conditions per paragraph) one rendering took
seconds on the 2-core machine; built here with format_html it takes a few
milliseconds, and the result is shared by every reader until the text, a
citation or a comment count changes (Document.revision is raised by every
such service). Votes do not change it: a section's counts and the reader's
own vote are read fresh on every request. Every value is escaped by
format_html; ``text_html`` is sanitised when it is saved.
"""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .models import Document, Paragraph
from .selectors import citations_for

CACHE_SECONDS = 3600


def _paragraph(p: Paragraph, *, url: str, number: str, cited: list, write: bool) -> SafeString:
    counts = ngettext("%(n)d comment", "%(n)d comments", p.comment_count) % {"n": p.comment_count}
    if p.open_amendment_count:
        counts += ", " + ngettext(
            "%(n)d open amendment", "%(n)d open amendments", p.open_amendment_count
        ) % {"n": p.open_amendment_count}
    evidence = ""
    if cited:
        evidence = format_html(
            '<p class="kern-body kern-body--small agenda-cited">{} {}</p>',
            _("Evidence:"),
            format_html_join(
                "; ", '<a class="kern-link" href="{}">{}</a>', ((c.url, c.label) for c in cited)
            ),
        )
    write_link = ""
    if write:
        write_link = format_html(
            ' · <a class="kern-link" href="{}#write">{}<span class="ab-visually-hidden"> ({})</span></a>',
            url,
            _("Comment or propose a change"),
            _("section %(number)s") % {"number": number},
        )
    return format_html(
        '<div class="agenda-paragraph" id="p-{pk}"><div class="ab-user-text">{text}</div>{evidence}'
        '<p class="kern-body kern-body--small agenda-paragraph__actions"><a class="kern-link" href="{url}">'
        '{counts}<span class="ab-visually-hidden"> – {where}</span></a>{write}</p></div>',
        pk=p.pk,
        text=mark_safe(p.text_html),  # noqa: S308 - sanitised on save
        evidence=evidence,
        url=url,
        counts=counts,
        where=_("paragraph in section %(number)s") % {"number": number},
        write=write_link,
    )


def _render(document: Document, write: bool) -> dict[int, str]:
    sections = dict(document.sections.values_list("pk", "number"))
    paragraphs = list(
        Paragraph.objects.filter(document=document)
        .order_by("position", "id")
        .only("id", "section_id", "text_html", "comment_count", "open_amendment_count")
    )
    cites = citations_for([p.pk for p in paragraphs]) if paragraphs else {}
    base = reverse("agenda:paragraph", args=[document.pk, 1])[: -len("1/")]
    out: dict[int, list[str]] = {pk: [] for pk in sections}
    for p in paragraphs:
        out[p.section_id].append(
            _paragraph(
                p,
                url=f"{base}{p.pk}/",
                number=sections[p.section_id],
                cited=cites.get(p.pk, []),
                write=write,
            )
        )
    return {pk: "".join(parts) for pk, parts in out.items()}


def section_bodies(document: Document, *, write: bool) -> dict[int, SafeString]:
    """The paragraphs of each section as HTML, keyed by section id."""
    key = f"agenda:body:{document.pk}:{document.revision}:{get_language()}:{int(write)}"
    bodies = cache.get_or_set(key, lambda: _render(document, write), CACHE_SECONDS)
    return {pk: mark_safe(html) for pk, html in bodies.items()}  # noqa: S308 - built with format_html
