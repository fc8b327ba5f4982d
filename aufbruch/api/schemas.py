"""Response and query schemas of the open-data API. Only public fields:
an idea's author, e-mail addresses, birth years and staff data never appear."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Field, Path, Schema

from aufbruch.ideas.models import Idea, IdeaSource, IdeaStatus

MAX_ID = 9_223_372_036_854_775_807
IdeaId = Annotated[int, Path(ge=1, le=MAX_ID, description="The idea's id")]
StatusCode = Literal[tuple(IdeaStatus.values)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(IdeaSource.values)]  # type: ignore[valid-type]
SortKey = Literal["new", "supported", "discussed"]


class IdeaFilters(Schema):
    topic: str | None = Field(None, max_length=100, description="Slug of a field of action, see /topics")
    district: str | None = Field(None, max_length=100, description="Slug of a district, see /districts")
    status: StatusCode | None = Field(None, description="Status on the decision path")
    q: str | None = Field(None, max_length=200, description="German full-text search (finds inflected forms)")
    sort: SortKey = Field("new", description="new: newest first; supported: most supports; discussed: most comments")
    page: int = Field(1, ge=1, le=10_000, description="Page number, starting at 1")
    page_size: int = Field(20, ge=1, le=100, description="Ideas per page (at most 100)")


class TopicOut(Schema):
    id: int
    slug: str
    name: str
    description: str


class TopicRef(Schema):
    id: int
    slug: str
    name: str


class DistrictOut(Schema):
    id: int
    slug: str
    name: str
    latitude: float | None
    longitude: float | None


class DistrictRef(Schema):
    id: int
    slug: str
    name: str


class IdeaOut(Schema):
    id: int
    title: str
    body_html: str = Field(description="The idea's text as sanitised HTML")
    topic: TopicRef
    district: DistrictRef | None
    status: StatusCode
    support_count: int
    comment_count: int
    created_at: datetime
    latitude: float | None
    longitude: float | None
    source: SourceCode = Field(description="How the idea reached the city (online, paper card, workshop, ...)")
    url: str = Field(description="The idea's public page")


class IdeaListOut(Schema):
    count: int = Field(description="Number of matching ideas, counted up to count_cap")
    count_is_capped: bool = Field(description="True when more ideas match than count_cap")
    count_cap: int
    page: int
    page_size: int
    has_next: bool
    items: list[IdeaOut]


class NotFoundOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


def _float(value) -> float | None:
    return None if value is None else float(value)


def idea_out(idea: Idea) -> dict[str, Any]:
    """The public fields of one idea (topic and district must be selected)."""
    return {
        "id": idea.pk,
        "title": idea.title,
        "body_html": idea.body_html,
        "topic": {"id": idea.topic.pk, "slug": idea.topic.slug, "name": idea.topic.name},
        "district": (
            {"id": idea.district.pk, "slug": idea.district.slug, "name": idea.district.name} if idea.district_id else None
        ),
        "status": idea.status,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "created_at": idea.created_at,
        "latitude": _float(idea.latitude),
        "longitude": _float(idea.longitude),
        "source": idea.source,
        "url": settings.SITE_URL.rstrip("/") + idea.get_absolute_url(),
    }
