from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.staff.models import StaffRole, StaffRoleKind
from aufbruch.staff.predicates import is_moderator

from .models import Decision, Objection, ObjectionStatus, Report, ReportReason, ReportStatus
from .registry import Reportable, all_reportables

QUEUE_REPORT_LIMIT = 500


@dataclass
class ReportGroup:
    entry: Reportable
    target: Any
    reports: list[Report] = field(default_factory=list)

    @property
    def latest(self) -> datetime:
        return max(r.created_at for r in self.reports)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        labels = dict(ReportReason.choices)
        return [
            (labels.get(k, k), n) for k, n in Counter(r.reason for r in self.reports).most_common()
        ]


def _content_types() -> dict[int, Reportable]:
    return {
        ContentType.objects.get_for_model(e.model, for_concrete_model=False).pk: e
        for e in all_reportables()
    }


def _fetch_targets(
    wanted: dict[int, set[int]], types: dict[int, Reportable]
) -> dict[tuple[int, int], Any]:
    """One query per kind of content, whatever the number of items."""
    found = {}
    for ct_id, ids in wanted.items():
        entry = types.get(ct_id)
        if entry is None or not ids:
            continue
        for pk, obj in (
            entry.model._default_manager.select_related("author").in_bulk(list(ids)).items()
        ):
            found[(ct_id, pk)] = obj
    return found


def open_report_groups() -> list[ReportGroup]:
    """Open reports grouped by the content they concern, most recent first."""
    types = _content_types()
    reports = list(
        Report.objects.filter(status=ReportStatus.OPEN, content_type_id__in=types)
        .select_related("reporter")
        .order_by("-created_at")[:QUEUE_REPORT_LIMIT]
    )
    wanted: dict[int, set[int]] = defaultdict(set)
    for r in reports:
        wanted[r.content_type_id].add(r.object_id)
    targets = _fetch_targets(wanted, types)
    groups: dict[tuple[int, int], ReportGroup] = {}
    for r in reports:
        key = (r.content_type_id, r.object_id)
        if key not in targets:
            continue
        groups.setdefault(
            key, ReportGroup(entry=types[r.content_type_id], target=targets[key])
        ).reports.append(r)
    return sorted(groups.values(), key=lambda g: g.latest, reverse=True)


def open_report_count() -> int:
    return Report.objects.filter(status=ReportStatus.OPEN).count()


@dataclass
class HiddenItem:
    entry: Reportable
    target: Any
    hidden_at: datetime
    hidden_by: Any
    reason: str


def recently_hidden(limit: int = 20) -> list[HiddenItem]:
    """Content hidden lately (from the audit log) that is still hidden."""
    types = _content_types()
    entries = list(
        AuditEntry.objects.filter(action=AuditAction.CONTENT_HIDE, target_type_id__in=types)
        .select_related("actor")
        .order_by("-created_at", "-id")[: limit * 2]
    )
    wanted: dict[int, set[int]] = defaultdict(set)
    for e in entries:
        if e.target_id.isdigit():
            wanted[e.target_type_id].add(int(e.target_id))
    targets = _fetch_targets(wanted, types)
    items, seen = [], set()
    for e in entries:
        key = (e.target_type_id, int(e.target_id)) if e.target_id.isdigit() else None
        target = targets.get(key)
        if target is None or not target.is_hidden or key in seen:
            continue
        seen.add(key)
        items.append(
            HiddenItem(types[e.target_type_id], target, e.created_at, e.actor, target.hidden_reason)
        )
    return items[:limit]


def blocked_users() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(blocked_until__gt=timezone.now())
        .order_by("blocked_until")[:50]
    )


def reports_on(target) -> QuerySet[Report]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return Report.objects.filter(content_type=ct, object_id=target.pk).select_related(
        "reporter", "resolved_by"
    )


def moderation_history(target) -> QuerySet[AuditEntry]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    actions = [AuditAction.CONTENT_HIDE, AuditAction.CONTENT_RESTORE, AuditAction.REPORT_DISMISS]
    return AuditEntry.objects.filter(
        target_type=ct, target_id=str(target.pk), action__in=actions
    ).select_related("actor")


def hidden_count_by_author(author) -> int:
    """How often this person's contributions were hidden (repeat offenders)."""
    return sum(
        e.model._default_manager.filter(author=author, is_hidden=True).count()
        for e in all_reportables()
    )


def has_reported(*, user, target) -> bool:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return Report.objects.filter(content_type=ct, object_id=target.pk, reporter=user).exists()


def export_reports(user) -> list[dict]:
    """The user's own reports for their data export."""
    return [
        {
            "content_type": r.content_type.model,
            "object_id": r.object_id,
            "reason": r.reason,
            "explanation": r.explanation,
            "status": r.status,
            "reported_at": r.created_at.isoformat(),
        }
        for r in Report.objects.filter(reporter=user).select_related("content_type")
    ]


def other_moderator_exists(user) -> bool:
    """Whether someone else could decide an objection against ``user``'s decision."""
    User = get_user_model()
    others = User.objects.filter(is_active=True, is_deleted=False).exclude(pk=user.pk)
    return (
        StaffRole.objects.filter(
            role__in=[StaffRoleKind.MODERATOR, StaffRoleKind.OFFICE], user__in=others
        ).exists()
        or others.filter(is_superuser=True).exists()
    )


def decision_for_viewer(pk: int, user) -> Decision | None:
    """A decision as its author, its reporters and moderators may read it."""
    decision = Decision.objects.select_related("decided_by", "author").filter(pk=pk).first()
    if decision is None or not getattr(user, "is_authenticated", False):
        return None
    if (
        is_moderator(user)
        or decision.author_id == user.pk
        or decision.reports.filter(reporter=user).exists()
    ):
        return decision
    return None


def open_objections() -> list[Objection]:
    return list(
        Objection.objects.filter(status=ObjectionStatus.OPEN)
        .select_related("decision", "decision__decided_by", "objector")
        .order_by("created_at")[:100]
    )


def decisions_on(target) -> list[Decision]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return list(Decision.objects.filter(content_type=ct, object_id=target.pk)[:50])
