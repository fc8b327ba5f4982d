"""The ceiling of `make bench`: what this stack serves when the view does
(almost) nothing, measured in the same run as every scenario so that each
figure can be read as a ratio to it (figures from different days compare).

- ``ok``: the whole middleware stack and a response of two bytes.
- ``frame``: the page frame (base.html) with nothing in it.
- ``cards``: the page frame (base.html) with 20 idea cards rendered by the
  real results template (``ideas/_idea_results.html``) from unsaved objects:
  Django's template cost for a list page, without a single query.
Only mounted with AUFBRUCH_BENCH=1 (bench/aufbruch_bench/urls.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aufbruch.core.pagination import PageLinks
from aufbruch.ideas.models import Idea
from aufbruch.organisation.models import District, Topic

CARDS = 20


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@dataclass
class FakePage(PageLinks):
    """Shaped like the idea list's page for ideas/_idea_results.html."""

    items: list = field(default_factory=list)
    number: int = 1
    has_next: bool = True
    total: int = 1000
    total_is_capped: bool = False
    start_index: int = 1


def fake_ideas(n: int = CARDS) -> list[Idea]:
    """Unsaved ideas with the fields a card shows (never written anywhere)."""
    topics = [Topic(pk=i, name=f"Handlungsfeld {i}", slug=f"hf-{i}") for i in range(1, 6)]
    districts = [District(pk=i, name=f"Stadtteil {i}", slug=f"st-{i}") for i in range(1, 4)]
    statuses = [value for value, _label in Idea._meta.get_field("status").choices]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ideas = []
    for i in range(n):
        district = districts[i % 3] if i % 4 else None
        ideas.append(
            Idea(
                pk=100_000 - i,
                title=f"Fahrradstraße an der Bahnhofstraße, Vorschlag {i + 1}",
                status=statuses[i % len(statuses)],
                topic=topics[i % 5],
                district=district,
                support_count=i * 7,
                comment_count=i * 3 % 11,
                created_at=start + timedelta(days=i),
            )
        )
    return ideas


def frame(request: HttpRequest) -> HttpResponse:
    """The page frame alone (base.html with an empty content block)."""
    return render(request, "aufbruch_bench/frame.html")


def cards(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "aufbruch_bench/cards.html",
        {"page": FakePage(items=fake_ideas()), "query_prefix": "", "filtered": False},
    )
