"""Live participation in the room and the ideas that come out of an event.

People in the room have no account: they are told apart by a random id in a
signed cookie (``client_id``). One vote per browser and contribution is a
UniqueConstraint; the counter moves with F() in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.core.text import plain_text
from aufbruch.ideas.models import IdeaSource
from aufbruch.ideas.services import idea_submit

from .models import (
    ContributionKind,
    ContributionStatus,
    LiveContribution,
    LiveVote,
    Meeting,
    MeetingIdea,
    Session,
)

MAX_LIVE_TEXT = 280


def _require_open(session: Session) -> None:
    if not session.live_open or not session.meeting.is_published:
        raise ValidationError(_("Live participation for this session is closed."), code="closed")


@transaction.atomic
def live_post(*, session: Session, client_id: str, kind: str, text: str) -> LiveContribution:
    _require_open(session)
    if kind not in ContributionKind.values:
        raise ValidationError({"kind": _("Please choose a question or an idea card.")})
    text = " ".join(plain_text(text).split())
    if not text:
        raise ValidationError({"text": _("Please write your question or idea.")})
    if len(text) > MAX_LIVE_TEXT:
        raise ValidationError(
            {"text": _("Please keep it to %(max)s characters.") % {"max": MAX_LIVE_TEXT}}
        )
    contribution = LiveContribution.objects.create(
        session=session, kind=kind, text=text, client_id=client_id[:64]
    )
    audit_log(
        action=AuditAction.MEETING_LIVE_POST,
        actor=None,
        target=contribution,
        details={"session": session.pk, "kind": kind},
    )
    return contribution


@transaction.atomic
def live_vote(*, contribution: LiveContribution, client_id: str) -> bool:
    """Vote once; returns False when this browser had already voted."""
    _require_open(contribution.session)
    if contribution.status != ContributionStatus.APPROVED:
        raise ValidationError(
            _("Only approved contributions can be voted on."), code="not_approved"
        )
    try:
        with transaction.atomic():
            LiveVote.objects.create(contribution=contribution, client_id=client_id[:64])
    except IntegrityError:
        return False
    LiveContribution.objects.filter(pk=contribution.pk).update(vote_count=F("vote_count") + 1)
    audit_log(action=AuditAction.MEETING_LIVE_VOTE, actor=None, target=contribution)
    return True


def can_moderate(user, meeting: Meeting) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.has_perm("meetings.moderate_live", meeting)
    )


@transaction.atomic
def live_moderate(*, contribution: LiveContribution, actor, approve: bool) -> LiveContribution:
    require(actor, "meetings.moderate_live", contribution.session.meeting)
    contribution = LiveContribution.objects.select_for_update().get(pk=contribution.pk)
    status = ContributionStatus.APPROVED if approve else ContributionStatus.REJECTED
    if contribution.status == status:
        return contribution
    before = contribution.status
    contribution.status = status
    contribution.moderated_by = actor
    contribution.moderated_at = timezone.now()
    contribution.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit_log(
        action=AuditAction.MEETING_LIVE_MODERATE,
        actor=actor,
        target=contribution,
        details={"from": before, "to": status},
    )
    return contribution


def _link_idea(
    *, meeting: Meeting, actor, title: str, body: str, topic, district=None, contribution=None
) -> MeetingIdea:
    idea = idea_submit(
        author=actor,
        title=title,
        body=body,
        topic=topic,
        district=district,
        source=IdeaSource.WORKSHOP,
        entered_by=actor,
    )
    link = MeetingIdea.objects.create(
        meeting=meeting, idea=idea, contribution=contribution, created_by=actor
    )
    audit_log(
        action=AuditAction.MEETING_IDEA_LINK,
        actor=actor,
        target=meeting,
        details={"idea": idea.pk, "contribution": contribution.pk if contribution else None},
    )
    return link


def _check_idea_text(title: str, body: str) -> tuple[str, str]:
    title = " ".join(plain_text(title).split())
    body = (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Please enter a title.")
    elif len(title) > 140:
        errors["title"] = _("The title can have at most 140 characters.")
    if not body:
        errors["body"] = _("Please enter the text of the idea.")
    elif len(body) > 10_000:
        errors["body"] = _("The text can have at most 10000 characters.")
    if errors:
        raise ValidationError(errors)
    return title, body


@transaction.atomic
def meeting_idea_from_card(
    *, meeting: Meeting, actor, title: str, body: str, topic, district=None
) -> MeetingIdea:
    """A paper card from the event, typed in by staff."""
    require(actor, "meetings.moderate_live", meeting)
    if topic is None:
        raise ValidationError({"topic": _("Please choose a field of action.")})
    title, body = _check_idea_text(title, body)
    return _link_idea(
        meeting=meeting, actor=actor, title=title, body=body, topic=topic, district=district
    )


@transaction.atomic
def meeting_idea_from_live(*, contribution: LiveContribution, actor, topic) -> MeetingIdea:
    """One click: an approved idea card from the live page becomes an idea."""
    require(actor, "meetings.moderate_live", contribution.session.meeting)
    meeting = contribution.session.meeting
    contribution = LiveContribution.objects.select_for_update().get(pk=contribution.pk)
    if (
        contribution.kind != ContributionKind.IDEA
        or contribution.status != ContributionStatus.APPROVED
    ):
        raise ValidationError(_("Only approved idea cards can become ideas."))
    if MeetingIdea.objects.filter(contribution=contribution).exists():
        raise ValidationError(
            _("This idea card is already on the idea platform."), code="duplicate"
        )
    if topic is None:
        raise ValidationError({"topic": _("Please choose a field of action.")})
    text = contribution.text
    title = text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"
    body = (
        _("Idea card from the session “%(session)s” at %(meeting)s:")
        % {
            "session": contribution.session.title,
            "meeting": meeting.title,
        }
        + "\n\n"
        + text
    )
    return _link_idea(
        meeting=meeting, actor=actor, title=title, body=body, topic=topic, contribution=contribution
    )
