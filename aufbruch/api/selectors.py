"""Reads for the open-data API: only public rows, a fixed number of queries
per request (a capped count and one page of rows)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from aufbruch.ideas.models import Idea
from aufbruch.ideas.selectors import idea_list_public, idea_search
from aufbruch.organisation.models import District, Topic

from .schemas import IdeaFilters, idea_out

COUNT_CAP = 1_000
SORTS = {
    "new": ("-created_at", "-id"),
    "supported": ("-support_count", "-created_at", "-id"),
    "discussed": ("-comment_count", "-created_at", "-id"),
}


def _ids_by_slug(model) -> dict[str, int]:
    """Slug -> id of topics or districts, cached briefly: filtering on the id
    lets the database use the (topic|district, created_at) indexes."""
    from django.core.cache import cache

    return cache.get_or_set(
        f"api:{model._meta.label_lower}:ids", lambda: dict(model.objects.values_list("slug", "id")), 60
    )


def idea_queryset(filters: IdeaFilters) -> QuerySet[Idea]:
    qs = idea_list_public().select_related(None).select_related("topic", "district")
    if filters.topic:
        qs = qs.filter(topic_id=_ids_by_slug(Topic).get(filters.topic, 0))
    if filters.district:
        qs = qs.filter(district_id=_ids_by_slug(District).get(filters.district, 0))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = idea_search(qs, filters.q)
    return qs.order_by(*SORTS[filters.sort])


def idea_list_page(filters: IdeaFilters) -> dict[str, Any]:
    qs = idea_queryset(filters)
    count = qs.order_by()[: COUNT_CAP + 1].count()
    offset = (filters.page - 1) * filters.page_size
    rows = list(qs[offset : offset + filters.page_size + 1])
    return {
        "count": min(count, COUNT_CAP),
        "count_is_capped": count > COUNT_CAP,
        "count_cap": COUNT_CAP,
        "page": filters.page,
        "page_size": filters.page_size,
        "has_next": len(rows) > filters.page_size,
        "items": [idea_out(idea) for idea in rows[: filters.page_size]],
    }


def idea_public_detail(idea_id: int) -> Idea | None:
    return idea_list_public().select_related(None).select_related("topic", "district").filter(pk=idea_id).first()


def topics() -> list[Topic]:
    return list(Topic.objects.filter(is_active=True).order_by("position", "name"))


def districts() -> list[dict[str, Any]]:
    return [
        {
            "id": d.pk, "slug": d.slug, "name": d.name,
            "latitude": None if d.latitude is None else float(d.latitude),
            "longitude": None if d.longitude is None else float(d.longitude),
        }
        for d in District.objects.order_by("name")
    ]
