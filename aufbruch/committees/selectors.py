from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from aufbruch.core import pdf as core_pdf
from aufbruch.core.statistics import AgeBand, age_band, suppress
from aufbruch.ideas.models import Idea, IdeaStatus, Support

from .models import AgendaItem, CommitteeMeeting, Decision


def meetings() -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.order_by("-date", "-pk")


def agenda(meeting: CommitteeMeeting) -> list[AgendaItem]:
    return list(
        meeting.items.select_related(
            "idea", "idea__topic", "idea__district", "idea__department", "administration_position"
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


# The stylesheets of the printed papers (committee papers, the figures' reports).
PRINT_STYLESHEETS = ("committees/paper.css", "committees/print.css")


def pdf_available() -> bool:
    return core_pdf.pdf_available()


# --- the public pages -------------------------------------------------------------------


def public_upcoming(today: date) -> list[CommitteeMeeting]:
    """Sessions from today on whose decisions are not recorded yet, soonest first."""
    return list(
        CommitteeMeeting.objects.filter(date__gte=today, decided_at__isnull=True)
        .annotate(item_count=Count("items", filter=Q(items__idea__is_hidden=False)))
        .order_by("date", "pk")
    )


def public_past(today: date, limit: int = 50) -> list[CommitteeMeeting]:
    """Sessions that took place (or whose decisions are recorded), latest first."""
    return list(
        CommitteeMeeting.objects.filter(Q(date__lt=today) | Q(decided_at__isnull=False))
        .annotate(
            item_count=Count("items", filter=Q(items__idea__is_hidden=False)),
            adopted=Count(
                "items", filter=Q(items__idea__is_hidden=False, items__decision=Decision.ADOPTED)
            ),
        )
        .order_by("-date", "-pk")[:limit]
    )


def public_agenda(meeting: CommitteeMeeting) -> list[AgendaItem]:
    """The agenda without hidden ideas; decisions only once the meeting's are recorded."""
    return list(
        meeting.items.filter(idea__is_hidden=False)
        .select_related("idea", "idea__topic", "idea__district", "administration_position")
        .order_by("position", "pk")
    )


def idea_agenda_items(idea) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(idea=idea)
        .select_related("meeting")
        .order_by("-meeting__date", "-pk")
    )


def supporter_groups(idea_ids: list[int]) -> dict[int, dict[str, list[tuple[str, int]]]]:
    """Supporters of each idea by age band and by district, for the committee
    paper: only groups at or above the small-group threshold. One query."""
    year = timezone.localdate().year
    counts: dict[int, dict[str, dict]] = defaultdict(
        lambda: {"age": defaultdict(int), "district": defaultdict(int)}
    )
    for row in (
        Support.objects.filter(idea_id__in=idea_ids)
        .order_by()
        .values("idea_id", "user__birth_year", "user__district__name")
        .annotate(n=Count("id"))
    ):
        counts[row["idea_id"]]["age"][age_band(row["user__birth_year"], year)] += row["n"]
        counts[row["idea_id"]]["district"][row["user__district__name"]] += row["n"]
    labels = dict(AgeBand.choices)
    out = {}
    for idea_id, dims in counts.items():
        out[idea_id] = {}
        for dim, groups in dims.items():
            hidden = suppress(dict(groups))
            out[idea_id][dim] = [
                (str(labels[key]) if dim == "age" else key, n)
                for key, n in sorted(groups.items(), key=lambda kv: -kv[1])
                if key is not None and key not in hidden
            ]
    return out


def open_items_for_positions(user) -> list[AgendaItem]:
    """Agenda items of meetings not yet decided whose position this user may write."""
    items = (
        AgendaItem.objects.filter(meeting__decided_at__isnull=True)
        .select_related("meeting", "idea", "idea__department", "administration_position")
        .order_by("meeting__date", "meeting_id", "position", "pk")
    )
    return [item for item in items[:500] if user.has_perm("committees.write_position", item.idea)]


def approved_position(item: AgendaItem):
    position = getattr(item, "administration_position", None)
    return position if position is not None and position.status == "approved" else None
