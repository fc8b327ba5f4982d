"""State changes of the register: record, link evidence, review, remind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.evidence import evidence_source
from aufbruch.core.permissions import allowed, require
from aufbruch.core.text import plain_text, render_markdown
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import Assumption, AssumptionStatus, Evidence, EvidenceKind, Review, ReviewOutcome

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_WORDING = 300


def evidence_model(kind: str) -> type[models.Model] | None:
    """The model of a kind of evidence, or None when no installed app offers
    it (core.evidence: opinions and meetings are optional apps)."""
    source = evidence_source(kind)
    return source.model if source is not None else None


def _clean_wording(wording: str, field: str = "wording") -> str:
    wording = plain_text(wording).strip()
    if not wording:
        raise ValidationError({field: [_("Please state the assumption.")]})
    if len(wording) > MAX_WORDING:
        raise ValidationError(
            {field: [_("Please use at most %(limit)s characters.") % {"limit": MAX_WORDING}]}
        )
    return wording


@transaction.atomic
def assumption_create(
    *, actor, wording: str, topic, owner, review_due_on: date, explanation: str = ""
) -> Assumption:
    require(actor, "assumptions.manage_assumption")
    wording = _clean_wording(wording)
    if owner is None or not allowed(owner, "assumptions.own_assumption"):
        raise ValidationError({"owner": [_("The owner must be a member of staff.")]})
    assumption = Assumption.objects.create(
        wording=wording,
        original_wording=wording,
        explanation=explanation,
        explanation_html=render_markdown(explanation),
        topic=topic,
        owner=owner,
        review_due_on=review_due_on,
        created_by=actor,
    )
    audit_log(
        action=AuditAction.ASSUMPTION_CREATE,
        actor=actor,
        target=assumption,
        details={"wording": wording},
    )
    return assumption


def _check_pdf(upload) -> ContentFile:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "document": [
                    _("The document may be at most %(mb)s MB.")
                    % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}
                ]
            }
        )
    upload.seek(0)
    data = upload.read()
    # Judge the content, not the name: a PDF starts with %PDF- and ends with %%EOF.
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError({"document": [_("Please upload a PDF document.")]})
    return ContentFile(data, name="document.pdf")


@transaction.atomic
def evidence_link(
    *,
    assumption: Assumption,
    actor,
    kind: str,
    object_id: int | None = None,
    document=None,
    title: str = "",
    note: str = "",
) -> Evidence:
    require(actor, "assumptions.manage_assumption")
    title = plain_text(title).strip()[:200]
    note = plain_text(note).strip()[:500]
    evidence = Evidence(assumption=assumption, kind=kind, added_by=actor, note=note)
    if kind == EvidenceKind.DOCUMENT:
        if document is None:
            raise ValidationError({"document": [_("Please choose a PDF document.")]})
        if not title:
            raise ValidationError({"title": [_("Please give the document a title.")]})
        content = _check_pdf(document)
        evidence.title = title
        evidence.document.save(content.name, content, save=False)
    else:
        source = evidence_source(kind)
        if source is None:
            raise ValidationError({"kind": [_("This kind of evidence is not available.")]})
        target = (
            source.model._default_manager.filter(pk=object_id).first()
            if isinstance(object_id, int)
            else None
        )
        if target is None or getattr(target, "is_hidden", False) or not source.is_public(target):
            raise ValidationError({"object_id": [_("There is no public entry with this number.")]})
        evidence.content_type = ContentType.objects.get_for_model(source.model)
        evidence.object_id = target.pk
        evidence.title = title or plain_text(str(target))[:200]
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError as exc:
        raise ValidationError({"object_id": [_("This evidence is already linked.")]}) from exc
    audit_log(
        action=AuditAction.ASSUMPTION_EVIDENCE_LINK,
        actor=actor,
        target=assumption,
        details={"evidence": evidence.pk, "kind": kind, "object_id": evidence.object_id},
    )
    return evidence


@transaction.atomic
def assumption_review(
    *,
    assumption: Assumption,
    actor,
    outcome: str,
    reasoning: str,
    new_wording: str = "",
    next_review_on: date | None = None,
    evidence_ids: Iterable[int] = (),
) -> Review:
    """Record a review on or after the review date; the wording history is kept."""
    assumption = Assumption.objects.select_for_update().get(pk=assumption.pk)
    require(actor, "assumptions.review_assumption", assumption)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if assumption.status == AssumptionStatus.DISCARDED:
        raise ValidationError(_("A discarded assumption is no longer reviewed."))
    if today < assumption.review_due_on:
        raise ValidationError(
            _("The review is due on %(date)s.")
            % {"date": assumption.review_due_on.strftime("%d.%m.%Y")}
        )
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = [_("Please choose an outcome.")]
    reasoning = (reasoning or "").strip()
    if not plain_text(reasoning).strip():
        errors["reasoning"] = [_("Please explain the reasoning.")]
    elif len(reasoning) > 5_000:
        errors["reasoning"] = [_("Please use at most %(limit)s characters.") % {"limit": 5_000}]
    wording = assumption.wording
    if outcome == ReviewOutcome.ADJUSTED:
        try:
            wording = _clean_wording(new_wording, "new_wording")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        else:
            if wording == assumption.wording:
                errors["new_wording"] = [_("Please enter the changed wording.")]
    if outcome != ReviewOutcome.DISCARDED:
        if next_review_on is None:
            errors["next_review_on"] = [_("Please set the date of the next review.")]
        elif next_review_on <= today:
            errors["next_review_on"] = [_("The next review must be in the future.")]
    evidence_ids = list(evidence_ids)
    evidence = list(Evidence.objects.filter(assumption=assumption, pk__in=evidence_ids))
    if len(evidence) != len(set(evidence_ids)):
        errors["evidence"] = [_("Please choose evidence linked to this assumption.")]
    if errors:
        raise ValidationError(errors)
    review = Review.objects.create(
        assumption=assumption,
        outcome=outcome,
        reasoning=reasoning,
        reasoning_html=render_markdown(reasoning),
        previous_wording=assumption.wording,
        new_wording=wording if outcome == ReviewOutcome.ADJUSTED else "",
        reviewed_on=today,
        next_review_on=next_review_on if outcome != ReviewOutcome.DISCARDED else None,
        reviewed_by=actor,
    )
    review.evidence.set(evidence)
    assumption.wording = wording
    assumption.status = outcome
    if outcome != ReviewOutcome.DISCARDED:
        assumption.review_due_on = next_review_on
    assumption.save(update_fields=["wording", "status", "review_due_on"])
    audit_log(
        action=AuditAction.ASSUMPTION_REVIEW,
        actor=actor,
        target=assumption,
        details={
            "outcome": outcome,
            "previous": review.previous_wording,
            "new": review.new_wording,
            "review": review.pk,
        },
    )
    return review


def assumptions_remind_due(*, today: date | None = None) -> int:
    """Remind each owner once per due date; safe to run again (event_key)."""
    today = today or timezone.localdate()
    due = (
        Assumption.objects.filter(review_due_on__lte=today)
        .exclude(status=AssumptionStatus.DISCARDED)
        .select_related("owner")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for assumption in due:
            with transaction.atomic():
                sent += len(
                    notify(
                        recipients=[assumption.owner],
                        kind=NotificationKind.REMINDER,
                        event_key=f"assumption-review:{assumption.pk}:{assumption.review_due_on.isoformat()}",
                        title=_("Review due: %(wording)s") % {"wording": assumption.wording[:200]},
                        body=_(
                            "The assumption is due for review since %(date)s. Please record whether it is confirmed, adjusted or discarded."
                        )
                        % {"date": assumption.review_due_on.strftime("%d.%m.%Y")},
                        url=reverse("assumptions:review", args=[assumption.pk]),
                    )
                )
    return sent
