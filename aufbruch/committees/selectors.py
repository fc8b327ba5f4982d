from __future__ import annotations

from django.db.models import QuerySet

from aufbruch.ideas.models import Idea, IdeaStatus

from .models import AgendaItem, CommitteeMeeting


def meetings() -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.order_by("-date", "-pk")


def agenda(meeting: CommitteeMeeting) -> list[AgendaItem]:
    return list(
        meeting.items.select_related(
            "idea", "idea__topic", "idea__district", "idea__department"
        ).order_by("position", "pk")
    )


def pool_candidates(meeting: CommitteeMeeting, limit: int = 200) -> list[Idea]:
    """Ideas in the project pool not yet on this agenda, most supported first."""
    return list(
        Idea.objects.filter(status=IdeaStatus.POOL, is_hidden=False)
        .exclude(committee_items__meeting=meeting)
        .select_related("topic", "department")
        .order_by("-support_count", "pk")[:limit]
    )


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - missing system libraries raise OSError too
        return False
    return True
