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


def u30_view(request, idea) -> dict:
    split = u30_supporter_split(idea)
    threshold = settings.SMALL_GROUP_THRESHOLD
    enough = split["under_30"] >= threshold and split["over_30"] >= threshold
    return {"enough": enough, "threshold": threshold, **(split if enough else {})}
