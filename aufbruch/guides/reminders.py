"""Daily check of the response deadline and the support threshold.

Run by ``manage.py send_guide_reminders`` (cron) or the task of the same
name. Idempotent: a reminder's event_key names the idea and the day, so a
second run on the same day notifies nobody again; the threshold flag is
set once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.ideas.models import Idea, Support
from aufbruch.ideas.services import idea_flag_written_response
from aufbruch.ideas.workflow import FINAL_STATUSES
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.staff.models import StaffRole, StaffRoleKind

from .selectors import guide_settings


@dataclass
class ReminderResult:
    reminded_ideas: int = 0
    notifications: int = 0
    flagged_ideas: int = 0


def overdue_q(now: datetime) -> Q:
    return Q(first_response_at__isnull=True, response_due_at__lt=now, is_hidden=False) & ~Q(
        status__in=FINAL_STATUSES
    )


def _responsible(idea: Idea, guides_by_department: dict[int, list]) -> list:
    if idea.assignee_id and idea.assignee and idea.assignee.is_active:
        return [idea.assignee]
    return guides_by_department.get(idea.department_id, [])


def _guides_by_department(department_ids: set[int]) -> dict[int, list]:
    out: dict[int, list] = {}
    roles = StaffRole.objects.filter(
        role=StaffRoleKind.GUIDE, department_id__in=department_ids
    ).select_related("user")
    for role in roles:
        out.setdefault(role.department_id, []).append(role.user)
    return out


def _office() -> list:
    return list(get_user_model().objects.filter(staff_roles__role=StaffRoleKind.OFFICE).distinct())


@transaction.atomic
def send_guide_reminders(*, now: datetime | None = None) -> ReminderResult:
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    cfg = guide_settings()
    result = ReminderResult()

    overdue = list(
        Idea.objects.filter(overdue_q(now))
        .select_related("assignee")
        .order_by("response_due_at")[:5000]
    )
    guides = _guides_by_department({i.department_id for i in overdue if i.department_id})
    office = None
    with override(settings.LANGUAGE_CODE):
        for idea in overdue:
            recipients = _responsible(idea, guides)
            if not recipients:
                office = office if office is not None else _office()
                recipients = office
            new = notify(
                recipients=recipients,
                kind=NotificationKind.REMINDER,
                event_key=f"reminder:{idea.pk}:{day}",
                title=_("Overdue: the idea “%(title)s” is waiting for a public response")
                % {"title": idea.title[:150]},
                url=f"/staff/ideas/{idea.pk}/",
            )
            result.reminded_ideas += 1
            result.notifications += len(new)

        # Support threshold: candidates by the stored counter, then the supports
        # within the window counted exactly.
        candidates = Idea.objects.filter(
            support_count__gte=cfg.support_threshold, needs_written_response=False, is_hidden=False
        ).select_related("assignee")
        for idea in candidates:
            window_end = idea.created_at + timedelta(days=cfg.support_window_days)
            in_window = Support.objects.filter(idea=idea, created_at__lte=window_end).count()
            if in_window < cfg.support_threshold:
                continue
            # Conditional: of two concurrent runs only one flags and audits.
            if not idea_flag_written_response(idea_id=idea.pk):
                continue
            audit_log(
                action=AuditAction.IDEA_THRESHOLD_REACHED,
                actor=None,
                target=idea,
                details={
                    "supports_in_window": in_window,
                    "threshold": cfg.support_threshold,
                    "window_days": cfg.support_window_days,
                },
            )
            more = _guides_by_department({idea.department_id}) if idea.department_id else {}
            recipients = _responsible(idea, more) or _office()
            notify(
                recipients=recipients,
                kind=NotificationKind.REMINDER,
                event_key=f"threshold:{idea.pk}",
                title=_(
                    "The idea “%(title)s” reached the support threshold and needs a written response"
                )
                % {"title": idea.title[:150]},
                url=f"/staff/ideas/{idea.pk}/",
            )
            result.flagged_ideas += 1
    return result
