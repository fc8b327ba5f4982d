"""State changes of opinion maps: create, add and moderate statements, vote,
and the background recompute of the groups."""

from __future__ import annotations

import re
import time
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import allowed, require
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.staff.models import StaffRoleKind

from .models import (
    STATEMENT_MAX_LENGTH,
    ClusterResult,
    OpinionMap,
    Participant,
    Statement,
    StatementState,
    Vote,
    VoteValue,
)

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
QUESTION_MAX_LENGTH = 200
RECOMPUTE_STALE_AFTER = timedelta(minutes=15)


def _clean_text(text, *, field: str, max_length: int) -> str:
    if not isinstance(text, str):
        raise ValidationError({field: _("Please enter text.")})
    text = " ".join(text.split())
    if not text:
        raise ValidationError(
            {
                field: _("Please enter a statement.")
                if field == "text"
                else _("This field is required.")
            }
        )
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Please shorten the text to at most %(max)d characters (it has %(n)d).")
                % {"max": max_length, "n": len(text)}
            }
        )
    if _TAG.search(text):
        raise ValidationError({field: _("Please write plain text without HTML tags.")})
    return text


@transaction.atomic
def opinion_map_create(
    *,
    actor,
    question: str,
    description: str = "",
    topic=None,
    is_open: bool = True,
    statements: tuple[str, ...] = (),
) -> OpinionMap:
    """The programme office puts a question to the public, with seed statements."""
    require(actor, "opinions.create_map")
    question = _clean_text(question, field="question", max_length=QUESTION_MAX_LENGTH)
    opinion_map = OpinionMap.objects.create(
        question=question,
        description=(description or "").strip()[:5_000],
        topic=topic,
        is_open=is_open,
        created_by=actor,
    )
    audit_log(action=AuditAction.OPINION_MAP_CREATE, actor=actor, target=opinion_map)
    for text in statements:
        statement_add(opinion_map=opinion_map, author=actor, text=text)
    return opinion_map


@transaction.atomic
def statement_add(*, opinion_map: OpinionMap, author, text: str) -> Statement:
    """A participant adds a statement. It waits for moderation unless a
    moderator or the programme office wrote it."""
    require(author, "opinions.write_statement", opinion_map)
    if not opinion_map.is_open:
        raise ValidationError(_("This opinion map is closed."))
    text = _clean_text(text, field="text", max_length=STATEMENT_MAX_LENGTH)
    # Lock the map row so two identical submissions cannot both pass the check.
    OpinionMap.objects.select_for_update().filter(pk=opinion_map.pk).first()
    if (
        opinion_map.statements.filter(text__iexact=text)
        .exclude(state=StatementState.REJECTED)
        .exists()
    ):
        raise ValidationError({"text": _("This statement already exists on this map.")})
    staff = allowed(author, "opinions.moderate_statements")
    statement = Statement.objects.create(
        opinion_map=opinion_map,
        text=text,
        author=author,
        is_seed=staff,
        state=StatementState.ACCEPTED if staff else StatementState.PENDING,
        moderated_by=author if staff else None,
        moderated_at=timezone.now() if staff else None,
    )
    if not staff:
        _tell_moderators(statement)
    audit_log(
        action=AuditAction.OPINION_STATEMENT_ADD,
        actor=author,
        target=statement,
        details={"map": opinion_map.pk},
    )
    return statement


def _tell_moderators(statement: Statement) -> None:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    moderators = (
        get_user_model()
        .objects.filter(
            staff_roles__role__in=[StaffRoleKind.MODERATOR, StaffRoleKind.OFFICE], is_active=True
        )
        .distinct()
    )
    notify(
        recipients=moderators,
        kind=NotificationKind.MODERATION,
        event_key=f"opinion-pending:{statement.pk}",
        title=_("New statement waiting for moderation: %(question)s")
        % {"question": statement.opinion_map.question[:120]},
        url=reverse("opinions_staff:moderate", args=[statement.opinion_map_id]),
    )


@transaction.atomic
def statement_moderate(*, statement: Statement, actor, state: str) -> Statement:
    """A moderator accepts or rejects a statement."""
    require(actor, "opinions.moderate_statements")
    if state not in (StatementState.ACCEPTED, StatementState.REJECTED):
        raise ValidationError(_("Unknown moderation decision."))
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    old = statement.state
    if old == state:
        return statement
    statement.state = state
    statement.moderated_by = actor
    statement.moderated_at = timezone.now()
    statement.save(update_fields=["state", "moderated_by", "moderated_at"])
    audit_log(
        action=AuditAction.OPINION_STATEMENT_MODERATE,
        actor=actor,
        target=statement,
        details={"from": old, "to": state},
    )
    if statement.author_id and statement.author_id != actor.pk:
        title = (
            _("Your statement was accepted: %(text)s")
            if state == StatementState.ACCEPTED
            else _("Your statement was not accepted: %(text)s")
        ) % {"text": statement.text[:80]}
        notify(
            recipients=[statement.author],
            kind=NotificationKind.MODERATION,
            event_key=f"opinion-statement:{statement.pk}:{state}",
            title=title,
            url=statement.opinion_map.get_absolute_url(),
        )
    if statement.vote_count:
        schedule_recompute(opinion_map_id=statement.opinion_map_id)
    return statement


def new_anonymous_key() -> str:
    return uuid.uuid4().hex


def participant_for(
    *, opinion_map: OpinionMap, user=None, anonymous_key: str | None = None, create: bool = True
) -> Participant | None:
    """The participant of an account or an anonymous key on one map."""
    if user is not None and user.is_authenticated:
        lookup = {"opinion_map": opinion_map, "user": user}
    elif anonymous_key:
        lookup = {"opinion_map": opinion_map, "anonymous_key": anonymous_key[:64]}
    else:
        return None
    found = Participant.objects.filter(**lookup).first()
    if found is not None or not create:
        return found
    try:
        with transaction.atomic():
            return Participant.objects.create(**lookup)
    except IntegrityError:  # created by a parallel request
        return Participant.objects.get(**lookup)


@transaction.atomic
def vote_cast(*, participant: Participant, statement: Statement, value) -> Vote:
    """Agree (1), disagree (-1) or pass (0); voting again changes the vote."""
    require(participant.user, "opinions.vote_as_participant")
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in VoteValue.values:
        raise ValidationError({"value": _("Please choose agree, disagree or pass.")})
    if statement.opinion_map_id != participant.opinion_map_id:
        raise ValidationError(_("This statement belongs to another opinion map."))
    opinion_map = statement.opinion_map
    if not opinion_map.is_open:
        raise ValidationError(_("This opinion map is closed."))
    if statement.state != StatementState.ACCEPTED:
        raise ValidationError(_("This statement cannot be voted on."))
    created = False
    try:
        with transaction.atomic():
            vote = Vote.objects.create(participant=participant, statement=statement, value=value)
            created = True
    except IntegrityError:
        vote = Vote.objects.select_for_update().get(participant=participant, statement=statement)
        if vote.value != value:
            vote.value = value
            vote.save(update_fields=["value", "updated_at"])
    if created:
        Statement.objects.filter(pk=statement.pk).update(vote_count=F("vote_count") + 1)
        Participant.objects.filter(pk=participant.pk).update(vote_count=F("vote_count") + 1)
    audit_log(
        action=AuditAction.OPINION_VOTE,
        actor=participant.user,
        target=statement,
        details={"participant": participant.pk, "value": value, "changed": not created},
    )
    schedule_recompute(opinion_map_id=opinion_map.pk)
    return vote


def schedule_recompute(*, opinion_map_id: int) -> bool:
    """Queue one recompute of the groups; a recompute already queued covers this change."""
    now = timezone.now()
    queued = (
        OpinionMap.objects.filter(pk=opinion_map_id)
        .filter(
            Q(recompute_queued_at__isnull=True)
            | Q(recompute_queued_at__lt=now - RECOMPUTE_STALE_AFTER)
        )
        .update(recompute_queued_at=now)
    )
    if queued:
        from .tasks import recompute_groups

        transaction.on_commit(lambda: recompute_groups.enqueue(opinion_map_id))
    return bool(queued)


def _vote_rows(opinion_map_id: int) -> list[tuple[int, int, int]]:
    """All (participant, statement, value) rows of a map; a plain cursor, as
    model rows cost seconds for the hundreds of thousands of votes of a big map."""
    qs = Vote.objects.filter(statement__opinion_map_id=opinion_map_id).values_list(
        "participant_id", "statement_id", "value"
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def cluster_recompute(*, opinion_map_id: int) -> ClusterResult:
    """Group the map's participants and store the result (the task calls this)."""
    OpinionMap.objects.filter(pk=opinion_map_id).update(recompute_queued_at=None)
    started = time.perf_counter()
    votes = _vote_rows(opinion_map_id)
    rejected = Statement.objects.filter(
        opinion_map_id=opinion_map_id, state=StatementState.REJECTED
    ).values_list("id", flat=True)
    previous = ClusterResult.objects.filter(opinion_map_id=opinion_map_id).first()
    # Participants Pol.is had placed in a group stay in the conversation (an import).
    placed = Participant.objects.filter(
        opinion_map_id=opinion_map_id, polis_group__isnull=False
    ).values_list("id", flat=True)
    # numpy, scipy and scikit-learn (~130 MiB) load where they are used, in
    # the task worker, not in every web worker that imports the services.
    from .clustering import group_participants

    result = group_participants(
        votes,
        excluded_statement_ids=list(rejected),
        in_conv=list(placed),
        previous=previous.state if previous else None,
        previous_labels={int(p): g for p, g in previous.participant_groups.items()}
        if previous
        else None,
    )
    fields = {
        "computed_at": timezone.now(),
        "duration_ms": int((time.perf_counter() - started) * 1000),
        "n_participants": len(result.participant_ids),
        "n_statements": len({v[1] for v in votes}),
        "silhouette": result.silhouette,
        "groups": result.groups,
        "participant_groups": {
            str(p): g for p, g in zip(result.participant_ids, result.labels, strict=True)
        },
        "coordinates": {
            str(p): list(xy)
            for p, xy in zip(result.participant_ids, result.coordinates, strict=True)
        },
        "consensus": result.consensus,
        "divisive": result.divisive,
        "state": result.state,
    }
    with transaction.atomic():
        stored, _created = ClusterResult.objects.update_or_create(
            opinion_map_id=opinion_map_id, defaults=fields
        )
    return stored
