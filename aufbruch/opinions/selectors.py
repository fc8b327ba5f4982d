"""Reads for opinion maps: the next statement to show, lists and results."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from aufbruch.core.search import SearchHit, search_small

from .models import ClusterResult, OpinionMap, Participant, Statement, StatementState, Vote

# Okabe–Ito colours (distinguishable with colour-vision deficiencies) and a
# different shape per group, so colour is never the only cue.
GROUP_STYLES = [
    ("#0072B2", "circle"),
    ("#D55E00", "square"),
    ("#009E73", "triangle"),
    ("#CC79A7", "diamond"),
    ("#8C6D00", "cross"),
]
GROUP_LETTERS = "ABCDE"
MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 400, 300, 16


def count_subquery(qs: QuerySet, key: str = "opinion_map") -> Coalesce:
    """Rows of ``qs`` per outer row, as an annotation (0 when there are none)."""
    return Coalesce(
        Subquery(
            qs.values(key).annotate(c=Count("id")).values("c")[:1], output_field=IntegerField()
        ),
        0,
    )


def opinion_map_list() -> QuerySet[OpinionMap]:
    return OpinionMap.objects.select_related("topic").annotate(
        n_statements=count_subquery(
            Statement.objects.filter(opinion_map=OuterRef("pk"), state=StatementState.ACCEPTED)
        ),
        n_participants=count_subquery(
            Participant.objects.filter(opinion_map=OuterRef("pk"), vote_count__gt=0)
        ),
    )


def opinion_map_staff_list() -> QuerySet[OpinionMap]:
    return opinion_map_list().annotate(
        n_pending=count_subquery(
            Statement.objects.filter(opinion_map=OuterRef("pk"), state=StatementState.PENDING)
        )
    )


def next_statement(*, opinion_map: OpinionMap, participant: Participant | None) -> Statement | None:
    """Accepted statements this participant has not voted on, fewest votes first."""
    qs = Statement.objects.filter(opinion_map=opinion_map, state=StatementState.ACCEPTED)
    if participant is not None:
        qs = qs.exclude(pk__in=Vote.objects.filter(participant=participant).values("statement_id"))
    return qs.order_by("vote_count", "id").first()


@dataclass
class Progress:
    voted: int
    total: int


def progress(*, opinion_map: OpinionMap, participant: Participant | None) -> Progress:
    total = Statement.objects.filter(opinion_map=opinion_map, state=StatementState.ACCEPTED).count()
    voted = 0
    if participant is not None:
        voted = Vote.objects.filter(
            participant=participant, statement__state=StatementState.ACCEPTED
        ).count()
    return Progress(voted=voted, total=total)


def pending_statements(*, opinion_map: OpinionMap) -> QuerySet[Statement]:
    return (
        opinion_map.statements.filter(state=StatementState.PENDING)
        .select_related("author")
        .order_by("created_at", "id")
    )


def _group_label(g: int) -> str:
    return GROUP_LETTERS[g] if g < len(GROUP_LETTERS) else str(g + 1)


def _percentages(stats: list[dict], big: set[int]) -> list[dict]:
    rows = []
    for s in stats:
        shown = s["group"] in big and s["seen"] > 0
        rows.append(
            {
                "group": _group_label(s["group"]),
                "shown": shown,
                "agree": round(100 * s["agree"] / s["seen"]) if shown else None,
                "disagree": round(100 * s["disagree"] / s["seen"]) if shown else None,
                "seen": s["seen"] if shown else None,
            }
        )
    return rows


def _scatter(result: ClusterResult) -> list[dict]:
    if not result.coordinates:
        return []
    to_map = _scale(result)
    points = {g["id"]: [] for g in result.groups}
    for pid, (x, y) in result.coordinates.items():
        group = result.participant_groups.get(pid)
        if group in points:
            points[group].append(to_map(x, y))
    return [{"group": g, "points": sorted(p)} for g, p in points.items()]


def polis_agreement(*, opinion_map: OpinionMap, result: ClusterResult) -> tuple[float, int] | None:
    """Adjusted Rand index between our groups and the imported Pol.is groups."""
    from .clustering import adjusted_rand_index

    theirs = dict(
        Participant.objects.filter(opinion_map=opinion_map, polis_group__isnull=False).values_list(
            "id", "polis_group"
        )
    )
    pairs = [
        (theirs[int(pid)], g) for pid, g in result.participant_groups.items() if int(pid) in theirs
    ]
    if len(pairs) < 2:
        return None
    return round(adjusted_rand_index([a for a, _ in pairs], [b for _, b in pairs]), 3), len(pairs)


def _scale(result: ClusterResult):
    coords = result.coordinates
    xs = [xy[0] for xy in coords.values()] or [0.0]
    ys = [xy[1] for xy in coords.values()] or [0.0]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = (max_x - min_x) or 1.0, (max_y - min_y) or 1.0

    def to_map(x: float, y: float) -> tuple[float, float]:
        return (
            round(MAP_PAD + (x - min_x) / span_x * (MAP_WIDTH - 2 * MAP_PAD), 1),
            round(MAP_HEIGHT - MAP_PAD - (y - min_y) / span_y * (MAP_HEIGHT - 2 * MAP_PAD), 1),
        )

    return to_map


def where_you_stand(
    *, opinion_map: OpinionMap, result: ClusterResult | None, participant: Participant | None
) -> dict | None:
    """ "Sie sind hier": the participant's group and point once they are grouped
    (as Pol.is shows a participant once they are in the conversation), or how
    many more votes it takes."""
    if participant is None:
        return None
    from .clustering import MIN_VOTES_TO_GROUP

    accepted = Statement.objects.filter(
        opinion_map=opinion_map, state=StatementState.ACCEPTED
    ).count()
    needed = min(MIN_VOTES_TO_GROUP, accepted)
    point = (result.coordinates.get(str(participant.pk)) if result else None) or None
    group = result.participant_groups.get(str(participant.pk)) if result else None
    if point is not None and group is not None:
        x, y = _scale(result)(*point)
        return {"state": "placed", "group": group, "label": _group_label(group), "x": x, "y": y}
    if participant.vote_count >= needed:
        return {"state": "pending", "voted": participant.vote_count}
    return {
        "state": "more",
        "voted": participant.vote_count,
        "needed": needed,
        "missing": needed - participant.vote_count,
    }


def results(*, opinion_map: OpinionMap, participant: Participant | None = None) -> dict | None:
    """Everything the results page shows, with aggregates only for groups of
    at least SMALL_GROUP_THRESHOLD people."""
    result = ClusterResult.objects.filter(opinion_map=opinion_map).first()
    you = where_you_stand(opinion_map=opinion_map, result=result, participant=participant)
    if result is None or not result.groups:
        return {"result": result, "groups": [], "you": you} if (result or you) else None
    threshold = settings.SMALL_GROUP_THRESHOLD
    big = {g["id"] for g in result.groups if g["size"] >= threshold}
    wanted = {r["statement"] for g in result.groups for r in g["representative"]}
    wanted |= {c["statement"] for c in result.consensus + result.divisive}
    texts = dict(
        Statement.objects.filter(opinion_map=opinion_map, pk__in=wanted).values_list("id", "text")
    )
    scatter = {s["group"]: s["points"] for s in _scatter(result)}
    groups = []
    for g in result.groups:
        colour, shape = GROUP_STYLES[g["id"] % len(GROUP_STYLES)]
        shown = g["id"] in big
        groups.append(
            {
                "id": g["id"],
                "label": _group_label(g["id"]),
                "size": g["size"],
                "colour": colour,
                "shape": shape,
                "shown": shown,
                "points": scatter.get(g["id"], []),
                "representative": [
                    {
                        "text": texts.get(r["statement"], ""),
                        "direction": r["direction"],
                        "percent": round(100 * r[r["direction"]] / r["seen"]) if r["seen"] else 0,
                        "seen": r["seen"],
                    }
                    for r in g["representative"]
                ]
                if shown
                else [],
            }
        )

    def table(rows):
        return [
            {"text": texts.get(r["statement"], ""), "groups": _percentages(r["groups"], big)}
            for r in rows
        ]

    return {
        "result": result,
        "you": you,
        "groups": groups,
        "consensus": table(result.consensus),
        "divisive": table(result.divisive),
        "threshold": threshold,
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "polis": polis_agreement(opinion_map=opinion_map, result=result)
        if opinion_map.source_url
        else None,
    }


def open_opinion_maps(limit: int = 3) -> list[OpinionMap]:
    """Opinion maps open for votes, newest first (the home page)."""
    return list(
        OpinionMap.objects.filter(is_open=True)
        .only("id", "question", "created_at")
        .order_by("-created_at", "-id")[:limit]
    )


def statement_evidence(statements: list[Statement]) -> dict[int, dict]:
    """Registered with core.evidence: agree / disagree / pass per statement
    (one query) and its opinion map's page."""
    names = {1: "agree_count", -1: "disagree_count", 0: "pass_count"}
    out = {
        s.pk: {"url": s.opinion_map.get_absolute_url(), "votes": dict.fromkeys(names.values(), 0)}
        for s in statements
    }
    rows = (
        Vote.objects.filter(statement_id__in=list(out))
        .values("statement_id", "value")
        .annotate(n=Count("id"))
    )
    for row in rows:
        out[row["statement_id"]]["votes"][names.get(row["value"], "pass_count")] += row["n"]
    return out


def statement_is_public(statement: Statement) -> bool:
    return statement.state == StatementState.ACCEPTED


def opinion_map_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """Opinion maps (all of them are public) for the site-wide search."""
    return search_small(
        OpinionMap.objects.select_related("topic").order_by("-created_at"),
        query,
        limit=limit,
        title=lambda m: m.question,
        parts=lambda m: (m.description, m.topic.name if m.topic else ""),
        hit=lambda m: SearchHit(
            title=m.question,
            url=m.get_absolute_url(),
            text=m.description,
            meta=m.topic.name if m.topic else "",
        ),
    )
