"""Sections that other apps add to the idea page, without editing ideas/.

An app registers a panel in its AppConfig.ready():

    register_panel(IdeaPanel(key="timeline", template="guides/panel_timeline.html",
                             context=lambda request, idea: {...}, order=20))

``context`` returns a dict for the template, or None to leave the panel out.
Each panel must use a fixed number of queries (the page asserts its count).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IdeaPanel:
    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 50
    placement: str = "main"  # "main" (below the text) or "aside"


_panels: dict[str, IdeaPanel] = {}


def register_panel(panel: IdeaPanel) -> None:
    _panels[panel.key] = panel


def panels_for(request, idea) -> list[dict]:
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        ctx = panel.context(request, idea)
        if ctx is not None:
            out.append(
                {
                    "key": panel.key,
                    "template": panel.template,
                    "placement": panel.placement,
                    "context": ctx,
                }
            )
    return out
