"""Figures for the staff dashboards, aggregated in the database.

Every function runs a fixed number of queries, whatever the number of
ideas: counts are grouped in SQL, the time series is built from monthly
sums of idea creations and of status-change audit entries. Ideas are
attributed to the department they belong to now.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Aggregate, CharField, Count, F, FloatField, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.guides.selectors import guide_settings
from aufbruch.ideas.models import Idea, IdeaStatus
from aufbruch.organisation.models import Department

FINAL_STATUSES = (IdeaStatus.IMPLEMENTED, IdeaStatus.DECLINED, IdeaStatus.MERGED)
OPEN_STATUSES = tuple(s for s in IdeaStatus.values if s not in FINAL_STATUSES)
MONTHS = 12
OVERDUE_LIST_LENGTH = 10


class MedianSeconds(Aggregate):
    """PostgreSQL's percentile_cont over a duration, in seconds."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM %(expressions)s)::double precision)"
    output_field = FloatField()


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    is_open: bool


@dataclass
class MonthRow:
    month: dt.date
    counts: dict[str, int]

    def ordered(self, statuses: list[str]) -> list[int]:
        return [self.counts.get(s, 0) for s in statuses]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Dashboard:
    response_days: int
    status_counts: list[StatusCount]
    overdue_count: int
    overdue_ideas: list[dict[str, Any]]
    median_response_days: float | None
    responded_count: int
    months: list[MonthRow] = field(default_factory=list)
    computed_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.status_counts)

    @property
    def open_total(self) -> int:
        return sum(s.count for s in self.status_counts if s.is_open)


def response_days() -> int:
    """Days for the first public response (the programme office's setting)."""
    return int(guide_settings().response_days)


def _overdue_q(days: int) -> Q:
    cutoff = timezone.now() - dt.timedelta(days=days)
    return Q(first_response_at__isnull=True, created_at__lt=cutoff, is_hidden=False) & ~Q(
        status__in=FINAL_STATUSES
    )


def _duration():
    return F("first_response_at") - F("created_at")


def response_medians(
    ideas: QuerySet[Idea], *, by_department: bool = False
) -> dict[int | None, tuple[float, int]]:
    """Median days to the first response and the number of answered ideas,
    overall (key None) or per department id. One query."""
    answered = ideas.filter(first_response_at__isnull=False).order_by()
    if connection.vendor == "postgresql":
        if not by_department:
            row = answered.aggregate(m=MedianSeconds(_duration()), n=Count("id"))
            return {None: (row["m"] / 86400, row["n"])} if row["n"] else {}
        rows = answered.values("department_id").annotate(
            m=MedianSeconds(_duration()), n=Count("id")
        )
        return {r["department_id"]: (r["m"] / 86400, r["n"]) for r in rows}
    # SQLite (small installations): the durations of answered ideas, grouped here.
    groups: dict[int | None, list[float]] = defaultdict(list)
    for department_id, duration in answered.annotate(d=_duration()).values_list(
        "department_id", "d"
    ):
        groups[department_id if by_department else None].append(duration.total_seconds() / 86400)
    return {key: (median(values), len(values)) for key, values in groups.items()}


def _month_start(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _last_months(count: int) -> list[dt.date]:
    month = timezone.localdate().replace(day=1)
    months = [month]
    for _ in range(count - 1):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def status_over_time(
    ideas: QuerySet[Idea], *, scoped: bool, months: int = MONTHS, created: list[dict] | None = None
) -> list[MonthRow]:
    """Ideas per status at the end of each of the last ``months`` months.

    Replays, month by month, the creations (every idea starts as
    "submitted") and the status changes recorded in the audit log
    (details {"from", "to"}). Two queries, one when the monthly creations
    (rows with "m" and "n") are passed in."""
    if created is None:
        created = list(
            ideas.order_by()
            .annotate(m=TruncMonth("created_at"))
            .values("m")
            .annotate(n=Count("id"))
        )
    changes = AuditEntry.objects.filter(
        action=AuditAction.IDEA_STATUS_CHANGE, target_type=ContentType.objects.get_for_model(Idea)
    )
    if scoped:
        changes = changes.filter(
            target_id__in=ideas.order_by().annotate(sid=Cast("id", CharField())).values("sid")
        )
    changes = (
        changes.order_by()
        .annotate(m=TruncMonth("created_at"), f=KT("details__from"), t=KT("details__to"))
        .values("m", "f", "t")
        .annotate(n=Count("id"))
    )
    deltas: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in created:
        deltas[_month_start(row["m"])][IdeaStatus.SUBMITTED] += row["n"]
    for row in changes:
        month = _month_start(row["m"])
        if row["f"]:
            deltas[month][row["f"]] -= row["n"]
        if row["t"]:
            deltas[month][row["t"]] += row["n"]
    window = _last_months(months)
    running: dict[str, int] = defaultdict(int)
    pending = sorted(deltas.items())
    result = []
    for month in window:
        while pending and pending[0][0] <= month:
            for status, delta in pending.pop(0)[1].items():
                running[status] += delta
        result.append(
            MonthRow(month=month, counts={s: max(running.get(s, 0), 0) for s in IdeaStatus.values})
        )
    return result


def dashboard(department: Department | None = None) -> Dashboard:
    """All figures for one department, or for the whole city (None)."""
    days = response_days()
    ideas = Idea.objects.all() if department is None else Idea.objects.filter(department=department)
    overdue_q = _overdue_q(days)
    # One scan gives the status counts, the overdue count and the monthly creations.
    by_status: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "overdue": 0})
    created: dict[Any, int] = defaultdict(int)
    for row in (
        ideas.order_by()
        .annotate(m=TruncMonth("created_at"))
        .values("status", "m")
        .annotate(n=Count("id"), overdue=Count("id", filter=overdue_q))
    ):
        by_status[row["status"]]["n"] += row["n"]
        by_status[row["status"]]["overdue"] += row["overdue"]
        created[row["m"]] += row["n"]
    labels = dict(IdeaStatus.choices)
    status_counts = [
        StatusCount(
            status=s,
            label=str(labels[s]),
            count=by_status.get(s, {}).get("n", 0),
            is_open=s in OPEN_STATUSES,
        )
        for s in IdeaStatus.values
    ]
    overdue_ideas = list(
        ideas.filter(overdue_q)
        .order_by("created_at")
        .values("id", "title", "created_at", "department__name")[:OVERDUE_LIST_LENGTH]
    )
    medians = response_medians(ideas)
    median_days, responded = medians.get(None, (None, 0))
    return Dashboard(
        response_days=days,
        status_counts=status_counts,
        overdue_count=sum(row["overdue"] for row in by_status.values()),
        overdue_ideas=overdue_ideas,
        median_response_days=median_days,
        responded_count=responded,
        months=status_over_time(
            ideas,
            scoped=department is not None,
            created=[{"m": m, "n": n} for m, n in created.items()],
        ),
    )


CACHE_SECONDS = 300


def cached(key: str, compute):
    """Dashboards may be a few minutes old: at 100,000 ideas the aggregates
    scan the idea table (about a second on two cores), the cached page is
    served in milliseconds. The key includes the language (status labels)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    full_key = f"dashboards:{key}:{get_language()}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, CACHE_SECONDS)
    return value


@dataclass
class DepartmentRow:
    department: Department
    open: int
    overdue: int
    median_response_days: float | None
    responded: int


def department_table(departments: list[Department] | None = None) -> list[DepartmentRow]:
    """Open and overdue ideas and the median response time per department. Three queries."""
    departments = (
        departments if departments is not None else list(Department.objects.order_by("name"))
    )
    ids = [d.pk for d in departments]
    ideas = Idea.objects.filter(department_id__in=ids)
    counts = {
        row["department_id"]: row
        for row in ideas.order_by()
        .values("department_id")
        .annotate(
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("id", filter=_overdue_q(response_days())),
        )
    }
    medians = response_medians(ideas, by_department=True)
    return [
        DepartmentRow(
            department=d,
            open=counts.get(d.pk, {}).get("open", 0),
            overdue=counts.get(d.pk, {}).get("overdue", 0),
            median_response_days=medians.get(d.pk, (None, 0))[0],
            responded=medians.get(d.pk, (None, 0))[1],
        )
        for d in departments
    ]
