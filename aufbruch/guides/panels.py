"""The public part of the guides' work on the idea page: the timeline of
status changes and the official responses with their history (3 queries;
none while the idea has neither, which first_response_at tells)."""

from __future__ import annotations

from django.db.models import Prefetch

from aufbruch.ideas.models import IdeaSource, StatusChange

from .models import OfficialResponse, OfficialResponseVersion


def timeline_context(request, idea) -> dict | None:
    if idea.first_response_at is None:
        # Nothing to read: the first status change (aufbruch.ideas.workflow._record) and the
        # first official response (services.response_publish) both set
        # first_response_at in their transaction. Most ideas are here.
        changes, responses = [], []
    else:
        changes = list(StatusChange.objects.filter(idea=idea).order_by("created_at", "id"))
        responses = list(
            OfficialResponse.objects.filter(idea=idea)
            .select_related("department")
            .prefetch_related(
                Prefetch("versions", queryset=OfficialResponseVersion.objects.order_by("-number"))
            )
            .order_by("published_at", "id")
        )
    return {
        "idea": idea,
        "changes": changes,
        "responses": responses,
        "source_label": IdeaSource(idea.source).label if idea.source != IdeaSource.ONLINE else "",
    }
