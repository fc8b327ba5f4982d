from __future__ import annotations

from django.db.models import QuerySet

from aufbruch.core.search import query_terms

from .models import Idea


def idea_list_public() -> QuerySet[Idea]:
    """Ideas everyone may see: not hidden by moderation."""
    return Idea.objects.filter(is_hidden=False).select_related("topic", "district", "author")


def idea_search(qs: QuerySet[Idea], query: str) -> QuerySet[Idea]:
    for term in query_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs
