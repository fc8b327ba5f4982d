"""The boards' sections on the idea page: board statements and the U30 view."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from .selectors import is_overdue, published_recommendations_for_idea, u30_supporter_split


def statements(request, idea) -> dict | None:
    recs = published_recommendations_for_idea(idea)
    if not recs:
        return None
    now = timezone.now()
    return {"recommendations": [{"rec": r, "overdue": is_overdue(r, now)} for r in recs]}


def u30_view(request, idea) -> dict | None:
    """The U30 view, only where there is something to show: both groups
    (under 30, 30 or older) must have at least SMALL_GROUP_THRESHOLD
    supporters, otherwise the section is left out (and, below twice the
    threshold of supports, not even counted)."""
    threshold = settings.SMALL_GROUP_THRESHOLD
    if idea.support_count < 2 * threshold:
        return None
    split = u30_supporter_split(idea)
    if split["under_30"] < threshold or split["over_30"] < threshold:
        return None
    return split


def ideas_showing(recommendation, details: dict):
    """Registered with ideas.page_cache: a recommendation's ideas show it
    (once published) with its answers."""
    return recommendation.ideas.values("pk")
