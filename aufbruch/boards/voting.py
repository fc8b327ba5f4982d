"""Recommendations: draft, discuss, vote, close, publish, answer.

The rules are applied once, when the vote closes, and the result is stored
(counts, quorum reached, adopted). Closing happens by the programme office,
by ``close_due_votes`` (task and management command), or lazily when a
recommendation is looked at after ``closes_at``. Every vote and every close
locks the recommendation row, so no vote slips in after the count.

Quorum: votes cast (yes + no + abstain) * 100 >= quorum_percent * members.
Majority: "simple" means more yes than no; "absolute" means more yes than
half of all votes cast (abstentions count as votes cast). All in integers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import allowed, require
from aufbruch.core.text import render_markdown
from aufbruch.guides.selectors import guide_settings
from aufbruch.ideas.models import Follow
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.organisation.models import Department
from aufbruch.staff.selectors import guide_department_ids

from .models import (
    MajorityRule,
    MembershipStatus,
    Recommendation,
    RecommendationAnswer,
    RecommendationComment,
    RecommendationStatus,
    Vote,
    VoteChoice,
)
from .selectors import due_votes
from .services import clean_text

MAX_VOTE_DAYS = 60
MAX_IDEAS = 10


@dataclass(frozen=True)
class VoteResult:
    yes: int
    no: int
    abstain: int
    members: int
    quorum_reached: bool
    adopted: bool

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


def vote_result(
    *, yes: int, no: int, abstain: int, members: int, quorum_percent: int, majority_rule: str
) -> VoteResult:
    cast = yes + no + abstain
    quorum_reached = cast > 0 and cast * 100 >= quorum_percent * members
    if majority_rule == MajorityRule.ABSOLUTE:
        majority = yes * 2 > cast
    else:
        majority = yes > no
    return VoteResult(yes, no, abstain, members, quorum_reached, quorum_reached and majority)


def _response_days() -> int:
    return int(guide_settings().response_days)


def _members(board) -> list:
    return [
        m.user
        for m in board.memberships.filter(status=MembershipStatus.ACTIVE).select_related("user")
    ]


@transaction.atomic
def recommendation_draft(
    *, board, author, title: str, body: str, ideas: Iterable = ()
) -> Recommendation:
    require(author, "boards.draft_recommendation", board)
    errors: dict[str, list[str]] = {}
    for field, value, limit in (("title", title, 140), ("body", body, 10_000)):
        try:
            clean_text(value, field=field, max_length=limit)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    ideas = list(ideas)
    if len(ideas) > MAX_IDEAS:
        errors.setdefault("ideas", []).append(
            _("Please link at most %(n)d ideas.") % {"n": MAX_IDEAS}
        )
    if errors:
        raise ValidationError(errors)
    rec = Recommendation.objects.create(
        board=board,
        author=author,
        title=title.strip(),
        body=body.strip(),
        body_html=render_markdown(body.strip()),
    )
    rec.ideas.set(ideas)
    audit_log(
        action=AuditAction.BOARD_RECOMMENDATION_DRAFT,
        actor=author,
        target=rec,
        details={"board": board.pk},
    )
    return rec


@transaction.atomic
def recommendation_comment(
    *, recommendation: Recommendation, author, body: str
) -> RecommendationComment:
    require(author, "boards.comment_recommendation", recommendation)
    if recommendation.status == RecommendationStatus.CLOSED:
        raise ValidationError({"body": _("The vote is closed; the discussion has ended.")})
    body = clean_text(body, field="body", max_length=5_000)
    comment = RecommendationComment.objects.create(
        recommendation=recommendation, author=author, body=body, body_html=render_markdown(body)
    )
    audit_log(
        action=AuditAction.BOARD_THREAD_POST,
        actor=author,
        target=recommendation,
        details={"comment": comment.pk},
    )
    return comment


@transaction.atomic
def recommendation_open_vote(
    *, recommendation: Recommendation, actor, closes_at: datetime, opens_at: datetime | None = None
) -> Recommendation:
    """Members or the office open a draft for voting, for a set time."""
    require(actor, "boards.open_vote", recommendation)
    rec = (
        Recommendation.objects.select_for_update().select_related("board").get(pk=recommendation.pk)
    )
    if rec.status != RecommendationStatus.DRAFT:
        raise ValidationError(
            {"__all__": _("The vote on this recommendation has already been opened.")}
        )
    now = timezone.now()
    opens_at = opens_at or now
    if opens_at < now - timedelta(minutes=5):
        raise ValidationError({"opens_at": _("The vote cannot start in the past.")})
    if not isinstance(closes_at, datetime) or closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The vote must end after it starts.")})
    if closes_at - opens_at > timedelta(days=MAX_VOTE_DAYS):
        raise ValidationError(
            {"closes_at": _("A vote can last at most %(days)d days.") % {"days": MAX_VOTE_DAYS}}
        )
    rec.status = RecommendationStatus.VOTING
    rec.opens_at = opens_at
    rec.closes_at = closes_at
    rec.save(update_fields=["status", "opens_at", "closes_at"])
    audit_log(
        action=AuditAction.BOARD_VOTE_OPEN,
        actor=actor,
        target=rec,
        details={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()},
    )
    notify(
        recipients=_members(rec.board),
        kind=NotificationKind.BOARD,
        event_key=f"board-vote-open:{rec.pk}",
        title=_("Vote opened: %(title)s") % {"title": rec.title},
        exclude=actor,
        url=f"/boards/{rec.board.slug}/workspace/recommendations/{rec.pk}/",
    )
    return rec


def _closed_error() -> ValidationError:
    return ValidationError(
        {"choice": _("The vote is not open (anymore). Your vote was not counted.")}
    )


@transaction.atomic
def vote_cast(*, recommendation: Recommendation, voter, choice: str) -> Vote:
    """One vote per member, changeable until the vote closes. The server's clock decides."""
    rec = (
        Recommendation.objects.select_for_update().select_related("board").get(pk=recommendation.pk)
    )
    require(voter, "boards.vote", rec)
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Please choose yes, no or abstain.")})
    now = timezone.now()
    if rec.status != RecommendationStatus.VOTING or not (rec.opens_at <= now < rec.closes_at):
        raise _closed_error()
    changed = False
    try:
        with transaction.atomic():
            vote = Vote.objects.create(recommendation=rec, voter=voter, choice=choice)
    except IntegrityError:
        vote = Vote.objects.select_for_update().get(recommendation=rec, voter=voter)
        changed = vote.choice != choice
        if changed:
            vote.choice = choice
            vote.save(update_fields=["choice", "updated_at"])
    audit_log(
        action=AuditAction.BOARD_VOTE_CAST, actor=voter, target=rec, details={"changed": changed}
    )
    return vote


@transaction.atomic
def recommendation_close_vote(*, recommendation: Recommendation, actor=None) -> Recommendation:
    """Count and apply the board's rules. By the office at any time, otherwise only when due.

    Idempotent: closing a closed vote changes nothing."""
    rec = (
        Recommendation.objects.select_for_update().select_related("board").get(pk=recommendation.pk)
    )
    if actor is not None:  # None: the periodic job, once the vote is due
        require(actor, "boards.close_vote", rec)
    now = timezone.now()
    if rec.status != RecommendationStatus.VOTING:
        return rec
    if actor is None and rec.closes_at > now:
        return rec
    board = rec.board
    counts = Vote.objects.filter(recommendation=rec).aggregate(
        yes=Count("id", filter=Q(choice=VoteChoice.YES)),
        no=Count("id", filter=Q(choice=VoteChoice.NO)),
        abstain=Count("id", filter=Q(choice=VoteChoice.ABSTAIN)),
    )
    members = board.memberships.filter(status=MembershipStatus.ACTIVE).count()
    result = vote_result(
        **counts,
        members=members,
        quorum_percent=board.quorum_percent,
        majority_rule=board.majority_rule,
    )
    rec.status = RecommendationStatus.CLOSED
    rec.closed_at = now
    rec.yes_count, rec.no_count, rec.abstain_count = result.yes, result.no, result.abstain
    rec.member_count = members
    rec.quorum_reached = result.quorum_reached
    rec.adopted = result.adopted
    rec.save()
    audit_log(
        action=AuditAction.BOARD_VOTE_CLOSE,
        actor=actor,
        target=rec,
        details={
            "yes": result.yes,
            "no": result.no,
            "abstain": result.abstain,
            "members": members,
            "quorum_percent": board.quorum_percent,
            "majority_rule": board.majority_rule,
            "quorum_reached": result.quorum_reached,
            "adopted": result.adopted,
            "automatic": actor is None,
        },
    )
    notify(
        recipients=_members(board),
        kind=NotificationKind.BOARD,
        event_key=f"board-vote-close:{rec.pk}",
        title=(_("Adopted: %(title)s") if result.adopted else _("Not adopted: %(title)s"))
        % {"title": rec.title},
        url=f"/boards/{board.slug}/workspace/recommendations/{rec.pk}/",
    )
    if result.adopted:
        rec = recommendation_publish(recommendation=rec, actor=actor)
    return rec


def close_due_votes(now: datetime | None = None) -> int:
    """Close every vote whose time is over; returns how many were closed."""
    closed = 0
    for rec in due_votes(now):
        rec = recommendation_close_vote(recommendation=rec)
        closed += rec.status == RecommendationStatus.CLOSED
    return closed


def recommendation_refresh(recommendation: Recommendation) -> Recommendation:
    """Close lazily when someone looks at a vote whose time is over."""
    if (
        recommendation.status == RecommendationStatus.VOTING
        and recommendation.closes_at <= timezone.now()
    ):
        return recommendation_close_vote(recommendation=recommendation)
    return recommendation


@transaction.atomic
def recommendation_publish(*, recommendation: Recommendation, actor=None) -> Recommendation:
    """Publish an adopted recommendation as the board's statement; tell the linked ideas' people."""
    rec = (
        Recommendation.objects.select_for_update().select_related("board").get(pk=recommendation.pk)
    )
    if actor is not None:  # None: published on adoption, by the vote count
        require(actor, "boards.publish_recommendation", rec)
    if not rec.adopted:
        raise ValidationError({"__all__": _("Only an adopted recommendation can be published.")})
    if rec.published_at:
        return rec
    now = timezone.now()
    rec.published_at = now
    rec.answer_due_at = now + timedelta(days=_response_days())
    rec.save(update_fields=["published_at", "answer_due_at"])
    audit_log(
        action=AuditAction.BOARD_RECOMMENDATION_PUBLISH,
        actor=actor,
        target=rec,
        details={"board": rec.board_id},
    )

    for idea in rec.ideas.select_related("author"):
        followers = [f.user for f in Follow.objects.filter(idea=idea).select_related("user")]
        notify(
            recipients=[idea.author, *followers],
            kind=NotificationKind.BOARD,
            event_key=f"board-statement:{rec.pk}:{idea.pk}",
            title=_("%(board)s published a statement on “%(idea)s”")
            % {"board": rec.board.name, "idea": idea.title},
            url=idea.get_absolute_url(),
        )
    return rec


def answer_departments(user, recommendation: Recommendation):
    """Departments ``user`` may answer for: the office any, a guide their own
    departments among those of the linked ideas."""

    if allowed(user, "boards.answer_for_any_department"):
        return Department.objects.all()
    linked = recommendation.ideas.values_list("department_id", flat=True)
    return Department.objects.filter(pk__in=guide_department_ids(user)).filter(pk__in=linked)


@transaction.atomic
def recommendation_answer(
    *, recommendation: Recommendation, actor, department, body: str
) -> RecommendationAnswer:
    """The administration's public answer, one per department."""
    require(actor, "boards.answer_recommendation", recommendation)
    if not recommendation.published_at:
        raise ValidationError({"__all__": _("Only a published recommendation can be answered.")})
    if (
        department is None
        or not answer_departments(actor, recommendation).filter(pk=department.pk).exists()
    ):
        raise PermissionDenied
    body = clean_text(body, field="body", max_length=10_000)
    try:
        with transaction.atomic():
            answer = RecommendationAnswer.objects.create(
                recommendation=recommendation,
                department=department,
                body=body,
                body_html=render_markdown(body),
                author=actor,
            )
    except IntegrityError as exc:
        raise ValidationError({"department": _("This department has already answered.")}) from exc
    audit_log(
        action=AuditAction.BOARD_RECOMMENDATION_ANSWER,
        actor=actor,
        target=recommendation,
        details={"department": department.pk, "answer": answer.pk},
    )
    notify(
        recipients=_members(recommendation.board),
        kind=NotificationKind.BOARD,
        event_key=f"board-answer:{answer.pk}",
        title=_("%(department)s answered “%(title)s”")
        % {"department": department.name, "title": recommendation.title},
        url=recommendation.public_url(),
    )
    return answer
