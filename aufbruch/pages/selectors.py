from __future__ import annotations

from .catalogue import EASY_LANGUAGE_PAGES, SIGN_TOPICS
from .models import Page, PageRevision, SignVideo


def published_page(slug: str) -> Page | None:
    """The page with its public revision (one query), or None while nothing is published."""
    return (
        Page.objects.select_related("published_revision")
        .filter(slug=slug, published_revision__isnull=False)
        .first()
    )


def easy_language_index() -> list[dict]:
    """The Leichte Sprache pages in their order, with their published titles (one query)."""
    published = {
        page.slug: page
        for page in Page.objects.select_related("published_revision").filter(
            slug__in=[spec.slug for spec in EASY_LANGUAGE_PAGES], published_revision__isnull=False
        )
    }
    return [
        {"spec": spec, "page": published.get(spec.slug)}
        for spec in EASY_LANGUAGE_PAGES
        if spec.slug in published
    ]


def sign_slots() -> list[dict]:
    """Every topic of the DGS page with its video row, if any (one query)."""
    videos = {video.topic: video for video in SignVideo.objects.all()}
    return [{"topic": topic, "video": videos.get(topic.key)} for topic in SIGN_TOPICS]


def pages_overview() -> dict[str, Page]:
    return {page.slug: page for page in Page.objects.select_related("published_revision")}


def latest_revision(page: Page | None) -> PageRevision | None:
    if page is None:
        return None
    return page.revisions.order_by("-number").first()


def revisions_of(slug: str):
    return PageRevision.objects.filter(page__slug=slug)
