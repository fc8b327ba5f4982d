"""Reads for the register: public lists, the timeline, and evidence with live data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from aufbruch.core.evidence import evidence_source
from aufbruch.core.search import SearchHit, search_small

from .models import Assumption, Evidence, EvidenceKind, Review


def assumption_list_public() -> QuerySet[Assumption]:
    return Assumption.objects.select_related("topic").order_by(
        "topic__position", "topic__name", "id"
    )


def review_timeline() -> QuerySet[Review]:
    return Review.objects.select_related("assumption__topic").order_by("-reviewed_on", "-id")


def assumption_reviews(assumption: Assumption) -> list[Review]:
    """Oldest first: the story of how the wording changed."""
    return list(
        assumption.reviews.order_by("reviewed_on", "id").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
        )
    )


def evidence_items(assumption: Assumption, evidence: list[Evidence] | None = None) -> list[dict]:
    """Each evidence with its target and live numbers, in a few queries per
    kind. What a kind shows comes from its source (core.evidence), which the
    app owning it registers; a kind whose app is not installed shows its
    title only."""
    evidence = evidence if evidence is not None else list(assumption.evidence.all())
    ids_by_kind: dict[str, list[int]] = defaultdict(list)
    for e in evidence:
        if e.object_id is not None:
            ids_by_kind[e.kind].append(e.object_id)
    targets: dict[tuple[str, int], object] = {}
    described: dict[tuple[str, int], dict] = {}
    for kind, ids in ids_by_kind.items():
        source = evidence_source(kind)
        if source is None:
            continue
        found = source.model._default_manager.select_related(*source.select_related).in_bulk(ids)
        shown = [obj for obj in found.values() if not getattr(obj, "is_hidden", False)]
        targets.update(((kind, pk), obj) for pk, obj in found.items())
        described.update(((kind, pk), extra) for pk, extra in source.describe(shown).items())
    items = []
    for e in evidence:
        target = targets.get((e.kind, e.object_id))
        hidden = bool(getattr(target, "is_hidden", False))
        item = {
            "evidence": e,
            "target": None if hidden else target,
            "hidden": hidden,
            "url": "",
            "result": None,
        }
        item.update(described.get((e.kind, e.object_id), {}))
        if e.kind == EvidenceKind.DOCUMENT and e.document:
            item["url"] = e.document.url
        items.append(item)
    return items


def assumption_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """The city's assumptions (all public) for the site-wide search."""
    return search_small(
        assumption_list_public(),
        query,
        limit=limit,
        title=lambda a: a.wording,
        parts=lambda a: (a.explanation, a.topic.name),
        hit=lambda a: SearchHit(
            title=a.wording, url=a.get_absolute_url(), text=a.explanation, meta=a.topic.name
        ),
    )
