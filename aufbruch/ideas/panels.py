"""Sections that other apps add to the idea page, without editing ideas/.

An app registers a panel in its AppConfig.ready():

    register_panel(IdeaPanel(key="timeline", template="guides/panel_timeline.html",
                             context=lambda request, idea: {...}, order=20))

``context`` returns a dict for the template, or None to leave the panel out.
Each panel must use a fixed number of queries (the page asserts its count).

A panel's rendering is shared by everybody who sees the same version of the
idea page (ideas.page_cache): ``context`` must not depend on the viewer. A
panel that shows something of the viewer (a form, their own items) says
``per_person=True``: it is rendered for each request into its slot in the
shared page, and must never put a CSRF token or a person's data into a
rendering it shares itself.

A per-person panel may also let logged-in viewers share the whole page
(ideas.views): ``variant(request, idea)`` names the rendering this viewer
shares with others alike (None: rendered for them alone), and
``personalise(request, idea, html, data)`` puts the viewer's own parts
(their comments, their marks) into the page after it came from the cache;
``data`` is what ``page_data(idea)`` gave when the page was rendered (the
same for every viewer of that version of the page, stored with it). While
the shared page is rendered, ``core.deferred.deferring(request)`` is true: the context
must then leave out what ``personalise`` adds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class IdeaPanel:
    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 50
    placement: str = "main"  # "main" (below the text) or "aside"
    per_person: bool = False
    variant: Callable[[Any, Any], str | None] | None = None
    personalise: Callable[[Any, Any, str, Any], str] | None = None
    page_data: Callable[[Any], Any] | None = None


_panels: dict[str, IdeaPanel] = {}


def register_panel(panel: IdeaPanel) -> None:
    _panels[panel.key] = panel


def _entry(panel, ctx: dict) -> dict:
    return {
        "key": panel.key,
        "template": panel.template,
        "placement": panel.placement,
        "context": ctx,
    }


def panels_for(request, idea, *, per_person: bool | None = None) -> list[dict]:
    """The panels with their context, in order; with ``per_person`` True
    (False) only the per-person (shared) ones."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if per_person is not None and panel.per_person != per_person:
            continue
        ctx = panel.context(request, idea)
        if ctx is not None:
            out.append(_entry(panel, ctx))
    return out


def panel_slot(key: str) -> SafeString:
    """Where a per-person panel goes in the shared rendering of a page."""
    return mark_safe(f"<!--idea:panel:{key}-->")  # noqa: S308 - a registered key


def frame_panels(request, idea) -> list[dict]:
    """The panels of the shared rendering, in order: the shared ones with
    their context, the per-person ones as a slot (``slot``)."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if panel.per_person:
            out.append(
                {"key": panel.key, "placement": panel.placement, "slot": panel_slot(panel.key)}
            )
            continue
        ctx = panel.context(request, idea)
        if ctx is not None:
            out.append(_entry(panel, ctx))
    return out


def per_person_keys() -> list[str]:
    return [p.key for p in _panels.values() if p.per_person]


def shared_variants(request, idea) -> list[str] | None:
    """The names of the per-person panels' renderings this viewer shares, or
    None when one of them is rendered for the viewer alone."""
    names = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if not panel.per_person:
            continue
        name = panel.variant(request, idea) if panel.variant else None
        if name is None:
            return None
        names.append(f"{panel.key}={name}")
    return names


def page_data(idea) -> dict[str, Any]:
    """What the per-person panels keep with a shared page (``page_data``)."""
    return {p.key: p.page_data(idea) for p in _panels.values() if p.per_person and p.page_data}


def personalise(request, idea, html: str, data: dict[str, Any]) -> str:
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if panel.per_person and panel.personalise:
            html = panel.personalise(request, idea, html, data.get(panel.key))
    return html
