"""Moderation: reports, hiding and restoring content, blocking accounts.

Hidden content is never deleted: the row keeps its text, ``is_hidden`` and
``hidden_reason`` are set, and its author and the staff still see it with
the reason. Every decision writes an audit entry and a ``Decision`` with its
statement of reasons (EU Digital Services Act, Art. 17); the author gets it
with a way to object (Art. 20), and everyone whose report it settles is told
the outcome (Art. 16(5)). An objection is decided by another moderator where
there is one, and recorded in the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import allowed, require
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import (
    Decision,
    DecisionAction,
    Objection,
    ObjectionStatus,
    Report,
    ReportReason,
    ReportStatus,
)
from .registry import reportable_for
from .rules import OBJECTION_DAYS  # noqa: F401 - part of the services' vocabulary
from .selectors import other_moderator_exists

REASON_MAX = 1_000
OBJECTION_MAX = 2_000
MAX_BLOCK_DAYS = 365


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
    require(reporter, "moderation.report_content", target)
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


def _resolve_open_reports(target, *, actor, status: str, note: str, decision: Decision) -> int:
    return (
        _reports_of(target)
        .filter(status=ReportStatus.OPEN)
        .update(
            status=status,
            resolved_by=actor,
            resolved_at=timezone.now(),
            resolution_note=note,
            decision=decision,
        )
    )


def _excerpt(target) -> str:
    parts = [getattr(target, "title", "") or "", getattr(target, "body", "") or ""]
    text = " – ".join(p.strip() for p in parts if p and p.strip()) or str(target)
    return text[:500]


def _ground(target, ground: str, *, required: bool) -> str:
    """The rule the decision applies: chosen by the moderator, else the
    reason most reporters gave."""
    if ground in ReportReason.values:
        return ground
    if ground:
        raise ValidationError({"ground": _("Please choose a rule from the list.")})
    reasons = list(
        _reports_of(target).filter(status=ReportStatus.OPEN).values_list("reason", flat=True)
    )
    if reasons:
        return max(set(reasons), key=reasons.count)
    return ReportReason.OTHER if required else ""


def _record_decision(target, *, entry, actor, action: str, ground: str, facts: str) -> Decision:
    return Decision.objects.create(
        content_object=target,
        kind=entry.kind,
        action=action,
        ground=ground,
        facts=facts,
        content_excerpt=_excerpt(target),
        author_id=getattr(target, "author_id", None),
        decided_by=actor,
    )


def _tell_reporters(decision: Decision, reporter_ids: list[int], label) -> None:
    """DSA Art. 16(5): everyone whose report this decision settles hears the outcome."""
    if not reporter_ids:
        return
    User = get_user_model()
    if decision.action == DecisionAction.HIDE:
        title = _("Your report: the %(kind)s was hidden") % {"kind": label}
    else:
        title = _("Your report: the %(kind)s stays visible") % {"kind": label}
    notify(
        recipients=User.objects.filter(pk__in=reporter_ids),
        kind=NotificationKind.MODERATION,
        event_key=f"moderation:report-outcome:{decision.pk}",
        title=title,
        body=decision.facts,
        url=reverse("moderation:decision", args=[decision.pk]),
    )


def _lock(target):
    entry = reportable_for(target)
    if entry.lock is not None:
        return entry.lock(target)
    # NO KEY: replies' foreign-key checks on a locked comment are not blocked.
    return type(target)._default_manager.select_for_update(no_key=True).get(pk=target.pk)


def _tell_author(
    target, *, kind: str, event: int, title: str, body: str, decision: Decision
) -> None:
    """The statement of reasons goes to the author, with the way to object."""
    author = getattr(target, "author", None)
    notify(
        recipients=[author] if author else [],
        kind=NotificationKind.MODERATION,
        event_key=f"moderation:{kind}:{target.pk}:{event}",
        title=title,
        body=body,
        url=reverse("moderation:decision", args=[decision.pk]),
    )


def _set_hidden(target, *, actor, reason: str, hidden: bool, ground: str = ""):
    """Hide or show again: one change of the flag, its reports, the decision
    with its statement of reasons, audit, author and reporters."""
    require(actor, "moderation.moderate")
    entry = reportable_for(target)
    reason = _clean_reason(reason)
    target = _lock(target)
    if target.is_hidden == hidden:
        raise ValidationError(
            _("This content is already hidden.") if hidden else _("This content is not hidden.")
        )
    ground = _ground(target, ground, required=hidden)
    target.is_hidden = hidden
    target.hidden_reason = reason if hidden else ""
    target.save(update_fields=["is_hidden", "hidden_reason"])
    decision = _record_decision(
        target,
        entry=entry,
        actor=actor,
        action=DecisionAction.HIDE if hidden else DecisionAction.RESTORE,
        ground=ground,
        facts=reason,
    )
    reporter_ids = list(
        _reports_of(target).filter(status=ReportStatus.OPEN).values_list("reporter_id", flat=True)
    )
    status = ReportStatus.HIDDEN if hidden else ReportStatus.DISMISSED
    resolved = _resolve_open_reports(
        target, actor=actor, status=status, note=reason, decision=decision
    )
    if entry.after_moderation:
        entry.after_moderation(target)
    log = audit_log(
        action=AuditAction.CONTENT_HIDE if hidden else AuditAction.CONTENT_RESTORE,
        actor=actor,
        target=target,
        details={
            "kind": entry.kind,
            "reason": reason,
            "ground": ground,
            "reports": resolved,
            "decision": decision.pk,
        },
    )
    with override(settings.LANGUAGE_CODE):
        if hidden:
            title = _("Your %(kind)s was hidden by the moderation") % {"kind": entry.label}
        else:
            title = _("Your %(kind)s is visible again") % {"kind": entry.label}
        _tell_author(
            target, kind=entry.kind, event=log.pk, body=reason, title=title, decision=decision
        )
        _tell_reporters(decision, reporter_ids, entry.label)
    return target


@transaction.atomic
def content_hide(*, target, actor, reason: str, ground: str = ""):
    """Hide an idea, comment or other registered content, keeping its row.
    ``ground`` is the rule it breaks (a ReportReason); without it, the
    reason most reporters gave."""
    return _set_hidden(target, actor=actor, reason=reason, hidden=True, ground=ground)


@transaction.atomic
def content_restore(*, target, actor, reason: str):
    """Show hidden content again; the reason goes to the audit log and the author."""
    return _set_hidden(target, actor=actor, reason=reason, hidden=False)


@transaction.atomic
def report_dismiss(*, target, actor, reason: str = "") -> int:
    """Close the open reports on ``target`` without hiding it; the reporters
    are told, with the reason and how to object."""
    require(actor, "moderation.moderate")
    entry = reportable_for(target)
    reason = _clean_reason(reason, required=False)
    reports = _reports_of(target).filter(status=ReportStatus.OPEN)
    reporter_ids = list(reports.values_list("reporter_id", flat=True))
    if not reporter_ids:
        raise ValidationError(_("There are no open reports on this content."))
    decision = _record_decision(
        target,
        entry=entry,
        actor=actor,
        action=DecisionAction.DISMISS,
        ground=_ground(target, "", required=False),
        facts=reason,
    )
    count = _resolve_open_reports(
        target, actor=actor, status=ReportStatus.DISMISSED, note=reason, decision=decision
    )
    audit_log(
        action=AuditAction.REPORT_DISMISS,
        actor=actor,
        target=target,
        details={"kind": entry.kind, "reason": reason, "reports": count, "decision": decision.pk},
    )
    with override(settings.LANGUAGE_CODE):
        _tell_reporters(decision, reporter_ids, entry.label)
    return count


# --- objections (DSA Art. 20) ---------------------------------------------------------


@transaction.atomic
def objection_create(*, decision: Decision, objector, text: str) -> Objection:
    require(objector, "moderation.object_to_decision", decision)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please say why the decision is wrong.")})
    if len(text) > OBJECTION_MAX:
        raise ValidationError(
            {"text": _("At most %(max)d characters, please.") % {"max": OBJECTION_MAX}}
        )
    try:
        with transaction.atomic():
            objection = Objection.objects.create(decision=decision, objector=objector, text=text)
    except IntegrityError as exc:
        raise ValidationError(
            _("You have already objected to this decision. A moderator will answer you."),
            code="duplicate",
        ) from exc
    audit_log(
        action=AuditAction.OBJECTION_CREATE,
        actor=objector,
        target=decision,
        details={"objection": objection.pk, "kind": decision.kind, "object": decision.object_id},
    )
    return objection


@transaction.atomic
def objection_decide(*, objection: Objection, actor, reverse_decision: bool, reason: str):
    """Uphold or reverse a decision. Another moderator decides where there
    is one; reversing hides or restores the content through the usual path
    (with its own decision and statement of reasons)."""
    require(actor, "moderation.moderate")
    objection = (
        Objection.objects.select_for_update().select_related("decision").get(pk=objection.pk)
    )
    decision = objection.decision
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("This objection has already been decided."))
    same_person = decision.decided_by_id == actor.pk
    if same_person and other_moderator_exists(actor):
        raise ValidationError(
            _("Another moderator must decide on an objection against your own decision.")
        )
    reason = _clean_reason(reason)
    if reverse_decision:
        target = decision.content_object
        if target is None:
            raise ValidationError(_("The content no longer exists."))
        if decision.action == DecisionAction.HIDE:
            if target.is_hidden:
                content_restore(target=target, actor=actor, reason=reason)
        elif not target.is_hidden:
            content_hide(target=target, actor=actor, reason=reason, ground=decision.ground)
    objection.status = ObjectionStatus.REVERSED if reverse_decision else ObjectionStatus.UPHELD
    objection.handled_by = actor
    objection.handled_at = timezone.now()
    objection.outcome = reason
    objection.save(update_fields=["status", "handled_by", "handled_at", "outcome"])
    audit_log(
        action=AuditAction.OBJECTION_DECIDE,
        actor=actor,
        target=decision,
        details={
            "objection": objection.pk,
            "outcome": objection.status,
            "reason": reason,
            "same_moderator": same_person,
        },
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=[objection.objector],
            kind=NotificationKind.MODERATION,
            event_key=f"moderation:objection:{objection.pk}",
            title=_("Your objection: the decision was reversed")
            if reverse_decision
            else _("Your objection: the decision stands"),
            body=reason,
            url=reverse("moderation:decision", args=[decision.pk]),
        )
    return objection


@transaction.atomic
def user_block(*, user, actor, days: int, reason: str):
    """Block an account from writing for ``days`` days (reading stays possible)."""
    require(actor, "moderation.moderate")
    reason = _clean_reason(reason)
    if not isinstance(days, int) or not 1 <= days <= MAX_BLOCK_DAYS:
        raise ValidationError(
            {
                "days": _("Please enter a number of days between 1 and %(max)d.")
                % {"max": MAX_BLOCK_DAYS}
            }
        )
    if user.pk == actor.pk or allowed(user, "moderation.exempt_from_blocking") or user.is_deleted:
        raise ValidationError(_("This account cannot be blocked."))
    User = get_user_model()
    until = timezone.now() + timedelta(days=days)
    User.objects.filter(pk=user.pk).update(blocked_until=until)
    user = User.objects.get(pk=user.pk)
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
    require(actor, "moderation.moderate")
    reason = _clean_reason(reason, required=False)
    if not user.is_blocked:
        raise ValidationError(_("This account is not blocked."))
    get_user_model().objects.filter(pk=user.pk).update(blocked_until=None)
    user = get_user_model().objects.get(pk=user.pk)
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
