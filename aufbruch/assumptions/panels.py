"""On an idea's page: the assumptions this idea is evidence for (one query)."""

from __future__ import annotations

from .models import Evidence


def idea_assumptions(request, idea) -> dict | None:
    evidence = list(
        Evidence.objects.filter(
            content_type__app_label="ideas", content_type__model="idea", object_id=idea.pk
        )
        .select_related("assumption")
        .order_by("assumption_id")
    )
    if not evidence:
        return None
    return {"assumptions": [e.assumption for e in evidence]}


def ideas_showing(assumption, details: dict):
    """Registered with ideas.page_cache: the ideas that are evidence for
    ``assumption`` show its wording and status."""
    return Evidence.objects.filter(
        assumption=assumption, content_type__app_label="ideas", content_type__model="idea"
    ).values("object_id")
