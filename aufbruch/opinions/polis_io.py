"""Import and export of opinion maps in the Pol.is open-data format."""

from __future__ import annotations

from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require

from .models import (
    STATEMENT_MAX_LENGTH,
    ClusterResult,
    OpinionMap,
    Participant,
    Statement,
    StatementState,
    Vote,
)
from .polis_format import PolisComment, PolisConversation, read_conversation, write_conversation

POLIS_ATTRIBUTION = (
    "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under "
    "CC BY 4.0 with Attribution to The Computational Democracy Project."
)
BATCH = 5_000


@transaction.atomic
def polis_import(
    *, directory: Path | str, actor=None, attribution: str = "", topic=None
) -> OpinionMap:
    """Create a closed opinion map from a Pol.is export folder (all statements,
    participants with their Pol.is ids and group-ids, and final votes)."""
    if actor is not None:  # None: the management command, a trusted context
        require(actor, "opinions.create_map")
    conv = read_conversation(directory)
    summary = conv.summary
    opinion_map = OpinionMap.objects.create(
        question=(summary.get("topic") or Path(directory).name)[:200],
        description=summary.get("conversation-description", "")[:5_000],
        topic=topic,
        is_open=False,
        attribution=attribution or POLIS_ATTRIBUTION,
        source_url=summary.get("url", "")[:200],
        created_by=actor,
    )
    vote_counts: dict[int, int] = {}
    voter_counts: dict[int, int] = {}
    for (voter, comment), _value in conv.votes.items():
        vote_counts[comment] = vote_counts.get(comment, 0) + 1
        voter_counts[voter] = voter_counts.get(voter, 0) + 1
    statements = Statement.objects.bulk_create(
        [
            Statement(
                opinion_map=opinion_map,
                text=c.text[:STATEMENT_MAX_LENGTH],
                imported_author_id=c.author_id,
                imported_comment_id=c.comment_id,
                state=c.state,
                vote_count=vote_counts.get(c.comment_id, 0),
            )
            for c in conv.comments
        ],
        batch_size=BATCH,
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                opinion_map=opinion_map,
                polis_id=voter,
                polis_group=conv.groups.get(voter),
                vote_count=voter_counts.get(voter, 0),
            )
            for voter in conv.voter_ids
        ],
        batch_size=BATCH,
    )
    statement_pk = {s.imported_comment_id: s.pk for s in statements}
    participant_pk = {p.polis_id: p.pk for p in participants}
    _insert_votes(
        (participant_pk[voter], statement_pk[comment], value)
        for (voter, comment), value in conv.votes.items()
        if comment in statement_pk
    )
    audit_log(
        action=AuditAction.OPINION_IMPORT,
        actor=actor,
        target=opinion_map,
        details={
            "statements": len(statements),
            "participants": len(participants),
            "votes": len(conv.votes),
            "source": summary.get("url", ""),
        },
    )
    return opinion_map


def _insert_votes(rows) -> None:
    """Plain INSERTs: an import has tens of thousands of votes, too many for model instances."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(Vote._meta.db_table)
    sql = f"INSERT INTO {table} (participant_id, statement_id, value, created_at, updated_at) VALUES (%s, %s, %s, %s, %s)"
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for participant_id, statement_id, value in rows:
            batch.append((participant_id, statement_id, value, now, now))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def polis_conversation(opinion_map: OpinionMap) -> PolisConversation:
    """The map as a Pol.is conversation. Participants and statements keep
    their Pol.is ids when imported; others get new numbers after them.
    Nothing identifies an account."""
    participants = list(
        Participant.objects.filter(opinion_map=opinion_map)
        .order_by("id")
        .values("id", "polis_id", "user_id")
    )
    next_voter = max([p["polis_id"] or 0 for p in participants] + [-1]) + 1
    voter_of: dict[int, int] = {}
    voter_of_user: dict[int, int] = {}
    for p in participants:
        if p["polis_id"] is None:
            p["polis_id"], next_voter = next_voter, next_voter + 1
        voter_of[p["id"]] = p["polis_id"]
        if p["user_id"]:
            voter_of_user[p["user_id"]] = p["polis_id"]
    statements = list(opinion_map.statements.order_by("id"))
    next_comment = max([s.imported_comment_id or 0 for s in statements] + [-1]) + 1
    comments, comment_of = [], {}
    for s in statements:
        cid = s.imported_comment_id
        if cid is None:
            cid, next_comment = next_comment, next_comment + 1
        comment_of[s.pk] = cid
        if s.imported_author_id is not None:
            author = s.imported_author_id
        elif s.author_id in voter_of_user:
            author = voter_of_user[s.author_id]
        else:
            author, next_voter = next_voter, next_voter + 1
        comments.append(
            PolisComment(
                comment_id=cid,
                author_id=author,
                state=s.state,
                text=s.text,
                timestamp=int(s.created_at.timestamp() * 1000),
            )
        )
    votes = {
        (voter_of[pid], comment_of[sid]): value
        for pid, sid, value in Vote.objects.filter(statement__opinion_map=opinion_map).values_list(
            "participant_id", "statement_id", "value"
        )
    }
    result = ClusterResult.objects.filter(opinion_map=opinion_map).first()
    groups = {voter_of[p["id"]]: None for p in participants}
    if result is not None:
        for pid, group in result.participant_groups.items():
            if int(pid) in voter_of:
                groups[voter_of[int(pid)]] = group
    counts = opinion_map.statements.aggregate(
        accepted=Count("id", filter=Q(state=StatementState.ACCEPTED)), total=Count("id")
    )
    summary = {
        "topic": opinion_map.question,
        "url": opinion_map.source_url,
        "voters": str(len({v for v, _ in votes})),
        "voters-in-conv": str(result.n_participants if result else 0),
        "commenters": str(len({c.author_id for c in comments})),
        "comments": str(counts["total"]),
        "groups": str(len(result.groups) if result else 0),
        "conversation-description": opinion_map.description,
    }
    return PolisConversation(summary=summary, comments=comments, votes=votes, groups=groups)


def polis_export(*, opinion_map: OpinionMap, directory: Path | str) -> Path:
    write_conversation(polis_conversation(opinion_map), directory)
    return Path(directory)
