"""The committee on the idea page: the decision "in short and plain words"
first, then the sessions that had the idea on their agenda (one query, none
before the idea reached the project pool)."""

from __future__ import annotations

from aufbruch.ideas.models import IdeaStatus

from . import selectors

NEVER_ON_AN_AGENDA = {IdeaStatus.SUBMITTED, IdeaStatus.IN_REVIEW}


def committee_context(request, idea) -> dict | None:
    if idea.status in NEVER_ON_AN_AGENDA:
        return None
    items = selectors.idea_agenda_items(idea)
    if not items:
        return None
    decided = [i for i in items if i.decision and i.meeting.decided_at]
    summary = next((i for i in decided if i.plain_summary), None)
    return {"items": items, "summary": summary}


def ideas_showing(meeting, details: dict) -> list[int]:
    """Registered with ideas.page_cache: the ideas on a session's agenda show
    it, and so did one just taken off (the entry's details name it)."""
    ids = list(meeting.items.values_list("idea_id", flat=True))
    return ids + [details[k] for k in ("added", "removed") if details.get(k)]
