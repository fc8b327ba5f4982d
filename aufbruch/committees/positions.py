"""The administration's position and proposed resolution per agenda item: a
guide of the idea's department (or the office) writes and submits it, the
programme office approves it or returns it with a note. Every step is
audited; only an approved position is shown outside the staff area."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require

from .models import AdministrationPosition, AgendaItem, CommitteeMeeting, PositionStatus

F = AdministrationPosition._meta
POSITION_MAX = F.get_field("position").max_length
RESOLUTION_MAX = F.get_field("proposed_resolution").max_length
COST_NOTE_MAX = F.get_field("cost_note").max_length
REVIEW_NOTE_MAX = F.get_field("review_note").max_length
COST_MAX = Decimal("9999999999.99")


def _locked_item(item: AgendaItem) -> AgendaItem:
    locked = (
        AgendaItem.objects.select_for_update().select_related("idea", "meeting").get(pk=item.pk)
    )
    CommitteeMeeting.objects.select_for_update().filter(pk=locked.meeting_id).first()
    if locked.meeting.decided_at is not None:
        raise ValidationError(_("The decisions of this meeting are already recorded."))
    return locked


def _text(
    value: str, maximum: int, field: str, errors: dict, *, required: bool, empty: str = ""
) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = [empty]
    elif len(value) > maximum:
        errors[field] = [_("The text is too long (at most %(max)s characters).") % {"max": maximum}]
    return value


def _cost(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        text = str(value).strip().replace(" ", "").replace("€", "")
        if "," in text:  # German: 12.500,50
            text = text.replace(".", "").replace(",", ".")
        cost = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {"cost_estimate": [_("Please enter an amount in euros, e.g. 12500 or 12.500,50.")]}
        ) from exc
    if not cost.is_finite() or cost < 0 or cost > COST_MAX:
        raise ValidationError(
            {"cost_estimate": [_("Please enter an amount in euros, e.g. 12500 or 12.500,50.")]}
        )
    return cost.quantize(Decimal("0.01"))


@transaction.atomic
def position_save(
    *,
    item: AgendaItem,
    actor,
    position: str,
    proposed_resolution: str,
    cost_estimate=None,
    cost_note: str = "",
) -> AdministrationPosition:
    """Write or change the draft. Changing a submitted or approved position
    makes it a draft again: it needs a new review before anyone outside sees it."""
    locked = _locked_item(item)
    require(actor, "committees.write_position", locked.idea)
    errors: dict[str, list[str]] = {}
    position = _text(
        position,
        POSITION_MAX,
        "position",
        errors,
        required=True,
        empty=_("Please write the position of the administration."),
    )
    proposed_resolution = _text(
        proposed_resolution,
        RESOLUTION_MAX,
        "proposed_resolution",
        errors,
        required=True,
        empty=_("Please write the proposed resolution."),
    )
    cost_note = _text(cost_note, COST_NOTE_MAX, "cost_note", errors, required=False)
    try:
        cost = _cost(cost_estimate)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    existing = AdministrationPosition.objects.select_for_update().filter(item=locked).first()
    was_public = existing is not None and existing.status == PositionStatus.APPROVED
    values = {
        "position": position,
        "proposed_resolution": proposed_resolution,
        "cost_estimate": cost,
        "cost_note": cost_note,
        "status": PositionStatus.DRAFT,
        "written_by": actor,
        "approved_by": None,
        "approved_at": None,
    }
    obj, created = AdministrationPosition.objects.update_or_create(item=locked, defaults=values)
    audit_log(
        action=AuditAction.COMMITTEE_POSITION_SAVE,
        actor=actor,
        target=locked.idea,
        details={
            "item": locked.pk,
            "meeting": locked.meeting_id,
            "created": created,
            "was_approved": was_public,
        },
    )
    return AdministrationPosition.objects.get(pk=obj.pk)


@transaction.atomic
def position_submit(*, item: AgendaItem, actor) -> AdministrationPosition:
    locked = _locked_item(item)
    require(actor, "committees.write_position", locked.idea)
    obj = AdministrationPosition.objects.select_for_update().filter(item=locked).first()
    if obj is None or obj.status != PositionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    AdministrationPosition.objects.filter(pk=obj.pk).update(
        status=PositionStatus.SUBMITTED, review_note=""
    )
    audit_log(
        action=AuditAction.COMMITTEE_POSITION_SUBMIT,
        actor=actor,
        target=locked.idea,
        details={"item": locked.pk, "meeting": locked.meeting_id},
    )
    return AdministrationPosition.objects.get(pk=obj.pk)


@transaction.atomic
def position_review(
    *, item: AgendaItem, actor, approve: bool, note: str = ""
) -> AdministrationPosition:
    """The office approves a submitted position, or returns it with a note (required)."""
    locked = _locked_item(item)
    require(actor, "committees.approve_position")
    obj = AdministrationPosition.objects.select_for_update().filter(item=locked).first()
    if obj is None or obj.status != PositionStatus.SUBMITTED:
        raise ValidationError(
            _("Only a position submitted for review can be approved or returned.")
        )
    errors: dict[str, list[str]] = {}
    note = _text(
        note,
        REVIEW_NOTE_MAX,
        "review_note",
        errors,
        required=not approve,
        empty=_("Please say what should be changed."),
    )
    if errors:
        raise ValidationError(errors)
    if approve:
        AdministrationPosition.objects.filter(pk=obj.pk).update(
            status=PositionStatus.APPROVED,
            approved_by=actor,
            approved_at=timezone.now(),
            review_note=note,
        )
        action = AuditAction.COMMITTEE_POSITION_APPROVE
    else:
        AdministrationPosition.objects.filter(pk=obj.pk).update(
            status=PositionStatus.DRAFT, review_note=note
        )
        action = AuditAction.COMMITTEE_POSITION_RETURN
    audit_log(
        action=action,
        actor=actor,
        target=locked.idea,
        details={"item": locked.pk, "meeting": locked.meeting_id},
    )
    return AdministrationPosition.objects.get(pk=obj.pk)
