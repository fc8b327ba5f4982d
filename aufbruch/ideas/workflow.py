"""The decision path of an idea, as Gütersloh runs it, in one place.

submitted → in_review → pool → (committee) decided | back to pool | declined;
decided → feasibility → pilot → implemented. Declined and merged are
possible from every open status. Every step needs a public explanation, is
kept as a StatusChange (the public timeline), written to the audit log and
told to the author, the supporters and the followers.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.text import markdown_to_text, render_markdown
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .models import Follow, Idea, IdeaStatus, StatusChange, Support
from .services import idea_recount

S = IdeaStatus
OPEN_STATUSES = frozenset({S.SUBMITTED, S.IN_REVIEW, S.POOL, S.DECIDED, S.FEASIBILITY, S.PILOT})
FINAL_STATUSES = frozenset({S.IMPLEMENTED, S.DECLINED, S.MERGED})
_ALWAYS = {S.DECLINED, S.MERGED}

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.IN_REVIEW} | _ALWAYS,
    S.IN_REVIEW: {S.POOL} | _ALWAYS,
    # The committee adopts, sends back to the pool (recorded as a step), or declines.
    S.POOL: {S.DECIDED, S.POOL} | _ALWAYS,
    S.DECIDED: {S.FEASIBILITY} | _ALWAYS,
    S.FEASIBILITY: {S.PILOT} | _ALWAYS,
    S.PILOT: {S.IMPLEMENTED} | _ALWAYS,
    S.IMPLEMENTED: set(),
    S.DECLINED: set(),
    S.MERGED: set(),
}
# "Implemented" is reached only by completing the idea's project
# (aufbruch.projects.services.project_complete), never by hand.
PROJECT_ONLY_STATUSES = frozenset({S.IMPLEMENTED})
EXPLANATION_MAX = StatusChange._meta.get_field("explanation").max_length
REFERENCE_MAX = StatusChange._meta.get_field("reference").max_length


def next_statuses(status: str) -> list[str]:
    """The statuses an idea may move to, in the order of the path (merge has its own form)."""
    allowed = ALLOWED_TRANSITIONS.get(status, set()) - {S.MERGED} - PROJECT_ONLY_STATUSES
    return [value for value in S.values if value in allowed]


def _can_act(actor, idea: Idea) -> bool:
    return bool(actor is not None and actor.has_perm("guides.change_status", idea))


def _clean_explanation(explanation: str, to_status: str) -> str:
    explanation = (explanation or "").strip()
    if not explanation:
        if to_status == S.DECLINED:
            raise ValidationError(
                {"explanation": [_("Please give the reasons for declining the idea.")]}
            )
        raise ValidationError({"explanation": [_("Please explain this step to the public.")]})
    if len(explanation) > EXPLANATION_MAX:
        raise ValidationError(
            {
                "explanation": [
                    _("The explanation is too long (at most %(max)s characters).")
                    % {"max": EXPLANATION_MAX}
                ]
            }
        )
    return explanation


def _clean_reference(reference: str) -> str:
    reference = (reference or "").strip()
    if len(reference) > REFERENCE_MAX:
        raise ValidationError(
            {
                "reference": [
                    _("The reference is too long (at most %(max)s characters).")
                    % {"max": REFERENCE_MAX}
                ]
            }
        )
    return reference


def _clean_decided_at(decided_at) -> date | None:
    if decided_at is None or decided_at == "":
        return None
    if isinstance(decided_at, datetime):
        return (
            timezone.localdate(decided_at) if timezone.is_aware(decided_at) else decided_at.date()
        )
    if isinstance(decided_at, date):
        if decided_at > timezone.localdate():
            raise ValidationError({"decided_at": [_("A decision cannot be dated in the future.")]})
        return decided_at
    raise ValidationError({"decided_at": [_("Please enter a valid date.")]})


def concerned_users(idea_id: int):
    """Author, supporters and followers of an idea, each once."""
    return (
        get_user_model()
        .objects.filter(
            Q(ideas__pk=idea_id)
            | Q(pk__in=Support.objects.filter(idea_id=idea_id).values("user_id"))
            | Q(pk__in=Follow.objects.filter(idea_id=idea_id).values("user_id"))
        )
        .distinct()
    )


def _record(
    *,
    idea: Idea,
    actor,
    to_status: str,
    explanation: str,
    decided_at: date | None,
    reference: str,
    recipients,
    merged_into=None,
) -> StatusChange:
    old = idea.status
    change = StatusChange.objects.create(
        idea=idea,
        from_status=old,
        to_status=to_status,
        explanation=explanation,
        explanation_html=render_markdown(explanation),
        actor=actor,
        decided_at=decided_at,
        reference=reference,
    )
    now = timezone.now()
    updates = {
        "status": to_status,
        "last_activity_at": now,
        "updated_at": now,
    }
    if idea.first_response_at is None:
        updates["first_response_at"] = now
    if merged_into is not None:
        updates["merged_into"] = merged_into
    Idea.objects.filter(pk=idea.pk).update(**updates)
    # The change carries the idea as it is now; the caller's object is left alone.
    change.idea = Idea.objects.get(pk=idea.pk)
    audit_log(
        action=AuditAction.IDEA_STATUS_CHANGE,
        actor=actor,
        target=idea,
        details={
            "from": old,
            "to": to_status,
            "explanation": explanation,
            "reference": reference,
            "decided_at": decided_at.isoformat() if decided_at else None,
            "status_change": change.pk,
        },
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=recipients,
            kind=NotificationKind.STATUS,
            event_key=f"status:{change.pk}",
            exclude=actor,
            title=_("New status for “%(title)s”: %(status)s")
            % {"title": idea.title[:150], "status": S(to_status).label},
            body=markdown_to_text(explanation, max_chars=1000),
            url=idea.get_absolute_url(),
        )
    return change


def _lock(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


@transaction.atomic
def idea_change_status(
    *,
    idea: Idea,
    actor,
    to_status: str,
    explanation: str,
    decided_at=None,
    reference: str = "",
    via_project: bool = False,
) -> StatusChange:
    """Move an idea one step along the path, with a public explanation.
    ``via_project`` is set only by the projects app when a project completes."""
    locked = _lock(idea)
    if not _can_act(actor, locked):
        raise PermissionDenied(
            _(
                "Only the guides of the idea's department and the programme office can change its status."
            )
        )
    if to_status == S.MERGED:
        raise ValidationError({"to_status": [_("Use “merge” to merge an idea into another one.")]})
    if to_status in PROJECT_ONLY_STATUSES and not via_project:
        raise ValidationError(
            {"to_status": [_("An idea is implemented when its project is completed.")]}
        )
    if to_status not in ALLOWED_TRANSITIONS.get(locked.status, set()):
        raise ValidationError(
            {
                "to_status": [
                    _("An idea cannot move from “%(from)s” to this status.")
                    % {"from": S(locked.status).label}
                ]
            }
        )
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: _clean_explanation(explanation, to_status),
        lambda: _clean_reference(reference),
        lambda: _clean_decided_at(decided_at),
    ):
        try:
            check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    change = _record(
        idea=locked,
        actor=actor,
        to_status=to_status,
        explanation=_clean_explanation(explanation, to_status),
        decided_at=_clean_decided_at(decided_at),
        reference=_clean_reference(reference),
        recipients=list(concerned_users(locked.pk)),
    )
    return change


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea, actor, explanation: str) -> StatusChange:
    """Merge ``idea`` into ``into``: supports and follows move over (people who
    already support or follow the target keep their one row there), counts are
    recomputed, and the idea ends as "merged" with a public explanation."""
    if into is None or into.pk == idea.pk:
        raise ValidationError({"into": [_("Please choose another idea to merge into.")]})
    first, second = sorted([idea.pk, into.pk])
    locked = {
        i.pk: i
        for i in Idea.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
    }
    source, target = locked.get(idea.pk), locked.get(into.pk)
    if target is None:
        raise ValidationError({"into": [_("Please choose another idea to merge into.")]})
    if not _can_act(actor, source):
        raise PermissionDenied(
            _("Only the guides of the idea's department and the programme office can merge it.")
        )
    if S.MERGED not in ALLOWED_TRANSITIONS.get(source.status, set()):
        raise ValidationError({"into": [_("This idea can no longer be merged.")]})
    if target.status == S.MERGED or target.is_hidden:
        raise ValidationError({"into": [_("Ideas cannot be merged into a merged or hidden idea.")]})
    explanation = _clean_explanation(explanation, S.MERGED)
    recipients = list(concerned_users(source.pk))

    supporters_there = Support.objects.filter(idea=target).values("user_id")
    moved_supports = (
        Support.objects.filter(idea=source)
        .exclude(user_id__in=supporters_there)
        .update(idea=target)
    )
    followers_there = Follow.objects.filter(idea=target).values("user_id")
    moved_follows = (
        Follow.objects.filter(idea=source).exclude(user_id__in=followers_there).update(idea=target)
    )
    idea_recount(idea_id=source.pk)
    idea_recount(idea_id=target.pk)
    audit_log(
        action=AuditAction.IDEA_MERGE,
        actor=actor,
        target=source,
        details={
            "into": target.pk,
            "supports_moved": moved_supports,
            "follows_moved": moved_follows,
        },
    )
    change = _record(
        idea=source,
        actor=actor,
        to_status=S.MERGED,
        explanation=explanation,
        decided_at=None,
        reference="",
        recipients=recipients,
        merged_into=target,
    )
    Idea.objects.filter(pk=target.pk).update(last_activity_at=timezone.now())
    return change
