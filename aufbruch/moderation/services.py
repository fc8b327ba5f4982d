"""Moderation: reports, hiding and restoring content, blocking accounts.

Hidden content is never deleted: the row keeps its text, ``is_hidden`` and
``hidden_reason`` are set, and its author and the staff still see it with
the reason. Every decision writes an audit entry and tells the author.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.staff.predicates import is_active_participant, is_moderator, is_staff_member

from .models import Report, ReportReason, ReportStatus
from .registry import reportable_for

REASON_MAX = 1_000
MAX_BLOCK_DAYS = 365


def _require_moderator(actor) -> None:
    if not is_moderator(actor):
        raise PermissionDenied


def _clean_reason(reason: str, *, field: str = "reason", required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({field: _("Please give a reason. The author will read it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {field: _("At most %(max)d characters, please.") % {"max": REASON_MAX}}
        )
    return reason


def _reports_of(target):
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return Report.objects.filter(content_type=ct, object_id=target.pk)


def _target_url(target) -> str:
    try:
        return target.get_absolute_url()
    except Exception:  # noqa: BLE001 - a missing URL must not block moderation
        return ""


@transaction.atomic
def report_create(*, reporter, target, reason: str, explanation: str = "") -> Report:
    """One report per person and item; a second one raises a friendly error."""
    if not is_active_participant(reporter):
        raise PermissionDenied
    entry = reportable_for(target)
    if getattr(target, "author_id", None) == reporter.pk:
        raise ValidationError(_("You cannot report your own contribution."))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Please choose a reason from the list.")})
    explanation = _clean_reason(
        explanation, field="explanation", required=reason == ReportReason.OTHER
    )
    report = Report(
        content_object=target, reporter=reporter, reason=reason, explanation=explanation
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "You have already reported this %(kind)s. Thank you, the moderation team will look at it."
            )
            % {"kind": entry.label}
        ) from exc
    audit_log(
        action=AuditAction.REPORT_CREATE,
        actor=reporter,
        target=target,
        details={"reason": reason, "report": report.pk},
    )
    return report


def _resolve_open_reports(target, *, actor, status: str, note: str) -> int:
    return (
        _reports_of(target)
        .filter(status=ReportStatus.OPEN)
        .update(status=status, resolved_by=actor, resolved_at=timezone.now(), resolution_note=note)
    )


def _lock(target):
    entry = reportable_for(target)
    if entry.lock is not None:
        return entry.lock(target)
    # NO KEY: replies' foreign-key checks on a locked comment are not blocked.
    return type(target)._default_manager.select_for_update(no_key=True).get(pk=target.pk)


def _tell_author(target, *, kind: str, event: int, title: str, body: str) -> None:
    author = getattr(target, "author", None)
    notify(
        recipients=[author] if author else [],
        kind=NotificationKind.MODERATION,
        event_key=f"moderation:{kind}:{target.pk}:{event}",
        title=title,
        body=body,
        url=_target_url(target),
    )


def _set_hidden(target, *, actor, reason: str, hidden: bool):
    """Hide or show again: one change of the flag, its reports, audit and author."""
    _require_moderator(actor)
    entry = reportable_for(target)
    reason = _clean_reason(reason)
    target = _lock(target)
    if target.is_hidden == hidden:
        raise ValidationError(
            _("This content is already hidden.") if hidden else _("This content is not hidden.")
        )
    target.is_hidden = hidden
    target.hidden_reason = reason if hidden else ""
    target.save(update_fields=["is_hidden", "hidden_reason"])
    status = ReportStatus.HIDDEN if hidden else ReportStatus.DISMISSED
    resolved = _resolve_open_reports(target, actor=actor, status=status, note=reason)
    if entry.after_moderation:
        entry.after_moderation(target)
    log = audit_log(
        action=AuditAction.CONTENT_HIDE if hidden else AuditAction.CONTENT_RESTORE,
        actor=actor,
        target=target,
        details={"kind": entry.kind, "reason": reason, "reports": resolved},
    )
    with override(settings.LANGUAGE_CODE):
        if hidden:
            title = _("Your %(kind)s was hidden by the moderation") % {"kind": entry.label}
        else:
            title = _("Your %(kind)s is visible again") % {"kind": entry.label}
        _tell_author(target, kind=entry.kind, event=log.pk, body=reason, title=title)
    return target


@transaction.atomic
def content_hide(*, target, actor, reason: str):
    """Hide an idea, comment or other registered content, keeping its row."""
    return _set_hidden(target, actor=actor, reason=reason, hidden=True)


@transaction.atomic
def content_restore(*, target, actor, reason: str):
    """Show hidden content again; the reason goes to the audit log and the author."""
    return _set_hidden(target, actor=actor, reason=reason, hidden=False)


@transaction.atomic
def report_dismiss(*, target, actor, reason: str = "") -> int:
    """Close the open reports on ``target`` without hiding it."""
    _require_moderator(actor)
    entry = reportable_for(target)
    reason = _clean_reason(reason, required=False)
    count = _resolve_open_reports(target, actor=actor, status=ReportStatus.DISMISSED, note=reason)
    if not count:
        raise ValidationError(_("There are no open reports on this content."))
    audit_log(
        action=AuditAction.REPORT_DISMISS,
        actor=actor,
        target=target,
        details={"kind": entry.kind, "reason": reason, "reports": count},
    )
    return count


@transaction.atomic
def user_block(*, user, actor, days: int, reason: str):
    """Block an account from writing for ``days`` days (reading stays possible)."""
    _require_moderator(actor)
    reason = _clean_reason(reason)
    if not isinstance(days, int) or not 1 <= days <= MAX_BLOCK_DAYS:
        raise ValidationError(
            {
                "days": _("Please enter a number of days between 1 and %(max)d.")
                % {"max": MAX_BLOCK_DAYS}
            }
        )
    if user.pk == actor.pk or is_staff_member(user) or user.is_deleted:
        raise ValidationError(_("This account cannot be blocked."))
    User = get_user_model()
    until = timezone.now() + timedelta(days=days)
    User.objects.filter(pk=user.pk).update(blocked_until=until)
    user.blocked_until = until
    log = audit_log(
        action=AuditAction.USER_BLOCK,
        actor=actor,
        target=user,
        details={"days": days, "until": until.isoformat(), "reason": reason},
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=[user],
            kind=NotificationKind.MODERATION,
            event_key=f"moderation:block:{user.pk}:{log.pk}",
            title=_("Your account is blocked from writing until %(until)s")
            % {"until": timezone.localtime(until).strftime("%d.%m.%Y %H:%M")},
            body=reason,
            url="/netiquette/",
        )
    return user


@transaction.atomic
def user_unblock(*, user, actor, reason: str = ""):
    _require_moderator(actor)
    reason = _clean_reason(reason, required=False)
    if not user.is_blocked:
        raise ValidationError(_("This account is not blocked."))
    get_user_model().objects.filter(pk=user.pk).update(blocked_until=None)
    user.blocked_until = None
    log = audit_log(
        action=AuditAction.USER_UNBLOCK, actor=actor, target=user, details={"reason": reason}
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=[user],
            kind=NotificationKind.MODERATION,
            event_key=f"moderation:unblock:{user.pk}:{log.pk}",
            title=_("Your account can write again"),
            body=reason,
        )
    return user
