"""Committee meetings: create, put ideas from the project pool on the agenda,
record the decisions of the whole meeting in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.ideas.models import Idea, IdeaStatus
from aufbruch.ideas.workflow import idea_change_status

from .models import AgendaItem, CommitteeMeeting, Decision

DECISION_STATUS = {
    Decision.ADOPTED: IdeaStatus.DECIDED,
    Decision.BACK_TO_POOL: IdeaStatus.POOL,
    Decision.DECLINED: IdeaStatus.DECLINED,
}
COMMITTEE_MAX = CommitteeMeeting._meta.get_field("committee").max_length
REFERENCE_MAX = CommitteeMeeting._meta.get_field("reference").max_length
SUMMARY_MAX = AgendaItem._meta.get_field("plain_summary").max_length


def _require_open(meeting: CommitteeMeeting) -> None:
    if meeting.decided_at is not None:
        raise ValidationError(_("The decisions of this meeting are already recorded."))


@transaction.atomic
def meeting_create(*, actor, committee: str, date: date, reference: str) -> CommitteeMeeting:
    require(actor, "committees.manage_meetings")
    committee, reference = (committee or "").strip(), (reference or "").strip()
    errors: dict[str, list[str]] = {}
    if not committee:
        errors["committee"] = [_("Please name the committee.")]
    elif len(committee) > COMMITTEE_MAX:
        errors["committee"] = [
            _("The text is too long (at most %(max)s characters).") % {"max": COMMITTEE_MAX}
        ]
    if not reference:
        errors["reference"] = [_("Please enter the reference of the committee paper.")]
    elif len(reference) > REFERENCE_MAX:
        errors["reference"] = [
            _("The text is too long (at most %(max)s characters).") % {"max": REFERENCE_MAX}
        ]
    if date is None:
        errors["date"] = [_("Please enter the date of the meeting.")]
    if errors:
        raise ValidationError(errors)
    meeting = CommitteeMeeting.objects.create(
        committee=committee, date=date, reference=reference, created_by=actor
    )
    audit_log(
        action=AuditAction.COMMITTEE_MEETING_CREATE,
        actor=actor,
        target=meeting,
        details={"committee": committee, "date": date.isoformat(), "reference": reference},
    )
    return meeting


@transaction.atomic
def agenda_add(*, meeting: CommitteeMeeting, idea: Idea, actor) -> AgendaItem:
    """Only ideas from the project pool go onto a committee paper."""
    require(actor, "committees.manage_meetings")
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    # The idea as it is now, not as the caller last saw it.
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status != IdeaStatus.POOL or idea.is_hidden:
        raise ValidationError(
            {"idea": [_("Only ideas in the project pool can be put on the agenda.")]}
        )
    position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                meeting=meeting, idea=idea, position=position, added_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError({"idea": [_("This idea is already on the agenda.")]}) from exc
    audit_log(
        action=AuditAction.COMMITTEE_AGENDA_CHANGE,
        actor=actor,
        target=meeting,
        details={"added": idea.pk},
    )
    return item


@transaction.atomic
def agenda_remove(*, item: AgendaItem, actor) -> None:
    require(actor, "committees.manage_meetings")
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_open(meeting)
    idea_id = item.idea_id
    AgendaItem.objects.filter(pk=item.pk).delete()
    audit_log(
        action=AuditAction.COMMITTEE_AGENDA_CHANGE,
        actor=actor,
        target=meeting,
        details={"removed": idea_id},
    )


@transaction.atomic
def meeting_record_decisions(
    *, meeting: CommitteeMeeting, actor, decisions: dict[int, tuple[str, str]]
) -> list[AgendaItem]:
    """Record the decision for every agenda item (item id -> (decision, explanation)).
    Each idea moves to its next status with the meeting's date and reference;
    if any item fails, nothing is recorded (one transaction for the meeting)."""
    require(actor, "committees.manage_meetings")
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    if timezone.localdate() < meeting.date:
        raise ValidationError(
            _("Decisions can be recorded only on or after the day of the session (%(date)s).")
            % {"date": date_format(meeting.date, "SHORT_DATE_FORMAT")}
        )
    items = list(meeting.items.select_related("idea").order_by("position", "pk"))
    if not items:
        raise ValidationError(_("The agenda is empty."))
    errors: dict[str, list[str]] = {}
    for item in items:
        decision, explanation = decisions.get(item.pk, ("", ""))
        if decision not in DECISION_STATUS:
            errors[f"item-{item.pk}-decision"] = [_("Please choose the committee's decision.")]
            continue
        try:
            with transaction.atomic():
                change = idea_change_status(
                    idea=item.idea,
                    actor=actor,
                    to_status=DECISION_STATUS[decision],
                    explanation=explanation,
                    decided_at=meeting.date,
                    reference=meeting.reference,
                )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors[
                    f"item-{item.pk}-{'explanation' if key == 'explanation' else 'decision'}"
                ] = messages
            continue
        item.decision, item.explanation, item.status_change = decision, explanation.strip(), change
        item.save(update_fields=["decision", "explanation", "status_change"])
        audit_log(
            action=AuditAction.COMMITTEE_DECISION,
            actor=actor,
            target=item.idea,
            details={
                "meeting": meeting.pk,
                "committee": meeting.committee,
                "reference": meeting.reference,
                "date": meeting.date.isoformat(),
                "decision": decision,
                "status_change": change.pk,
            },
        )
    if errors:
        raise ValidationError(errors)
    meeting.decided_at = timezone.now()
    meeting.save(update_fields=["decided_at"])
    return items


@transaction.atomic
def agenda_item_set_plain_summary(*, item: AgendaItem, actor, text: str) -> AgendaItem:
    """The decision "in short and plain words" (Kurz und einfach), written by
    the guide of the idea's department or the programme office once decided.
    An empty text removes it."""
    item = AgendaItem.objects.select_for_update().select_related("idea", "meeting").get(pk=item.pk)
    require(actor, "committees.write_plain_summary", item.idea)
    if not item.decision:
        raise ValidationError(
            {"plain_summary": [_("The committee has not decided on this idea yet.")]}
        )
    text = (text or "").strip()
    if len(text) > SUMMARY_MAX:
        raise ValidationError(
            {
                "plain_summary": [
                    _("The text is too long (at most %(max)s characters).") % {"max": SUMMARY_MAX}
                ]
            }
        )
    if text == item.plain_summary:
        return item
    AgendaItem.objects.filter(pk=item.pk).update(plain_summary=text)
    audit_log(
        action=AuditAction.COMMITTEE_PLAIN_SUMMARY,
        actor=actor,
        target=item.idea,
        details={"meeting": item.meeting_id, "length": len(text)},
    )
    return AgendaItem.objects.select_related("idea", "meeting").get(pk=item.pk)
