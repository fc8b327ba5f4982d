"""Reads of ideas: visibility, filters, sorting, German search, pagination.

Everything here keeps the cost of a page independent of the number of
ideas: only the shown page is evaluated, sort orders match the partial
indexes on Idea, and the total is counted only up to COUNT_CAP rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

from aufbruch.core.lookups import IdIn
from aufbruch.core.pagination import PageLinks
from aufbruch.core.search import (
    TITLE_WEIGHT,
    Group,
    SearchHit,
    all_group_terms,
    exact_groups,
    group_terms,
    term_rank,
    typo_groups,
)
from aufbruch.staff.selectors import is_staff_member

from .models import Follow, Idea, IdeaSearchTerm, IdeaStatus, SearchWord, Support

# sort key -> ORDER BY; each one is served by an index on Idea (see Meta.indexes).
SORTS: dict[str, tuple[str, ...]] = {
    "new": ("-created_at",),
    "supported": ("-support_count", "-created_at"),
    "discussed": ("-comment_count", "-created_at"),
    "trending": ("-trend_score", "-created_at"),
    # Only with a search (idea_search annotates the rank); otherwise "new".
    "relevance": ("-search_rank", "-created_at", "-pk"),
}
DEFAULT_SORT = "new"
COUNT_CAP = 1000
# A search ranks the newest RANK_WINDOW + 1 matches (see _ranked_window): the
# one beyond COUNT_CAP makes the page say "more than 1,000".
RANK_WINDOW = COUNT_CAP


def idea_list_public() -> QuerySet[Idea]:
    """Ideas everyone may see: not hidden by moderation."""
    return Idea.objects.filter(is_hidden=False).select_related("topic", "district", "author")


def idea_visibility(user) -> str:
    """Which ideas ``user`` may see: "all" (staff), "own" (public ones and
    their own hidden ones) or "public"."""
    if is_staff_member(user):
        return "all"
    return "own" if getattr(user, "is_authenticated", False) else "public"


def ideas_visible(qs: QuerySet[Idea], visibility: str, user_id: int | None) -> QuerySet[Idea]:
    """``qs`` narrowed to what a viewer of ``visibility`` (idea_visibility) sees."""
    if visibility == "all":
        return qs
    if visibility == "own":
        return qs.filter(Q(is_hidden=False) | Q(author_id=user_id))
    return qs.filter(is_hidden=False)


def idea_visible_to(user) -> QuerySet[Idea]:
    """Public ideas plus, for their author and for staff, hidden ones."""
    qs = Idea.objects.select_related("topic", "district", "author")
    return ideas_visible(qs, idea_visibility(user), getattr(user, "pk", None))


def search_vocabulary(prefix: str) -> list[str]:
    """Stored search terms that begin with ``prefix`` (for typo tolerance)."""
    return list(SearchWord.objects.filter(term__startswith=prefix).values_list("term", flat=True))


def _groups(query: str, typos: bool) -> list[Group]:
    groups = exact_groups(query)
    return typo_groups(groups, search_vocabulary) if typos and groups else groups


def _ranked_window(
    qs: QuerySet[Idea], groups: list[Group], *, narrowed: bool, hits: bool = False
) -> list[tuple[int, int, int]]:
    """The newest RANK_WINDOW + 1 ideas that have a query term, with their
    rank (per group 1 + TITLE_WEIGHT for a term in the title, 1 for one
    elsewhere) and, with ``hits``, the number of groups they match. Ideas
    that ``qs`` leaves out (hidden ones) drop out afterwards. The row beyond
    the window tells the page that there are more matches than it counts
    ("more than 1,000").

    Read from the (term, idea, in_title) index alone, without touching the
    ideas: per term its newest RANK_WINDOW + 1 rows (an idea in the window
    is among the newest of each of its terms, so nothing of the window is
    missed), then aggregated per idea. A common part ("weg": every tenth
    idea) costs at most RANK_WINDOW + 1 index entries, at 1,000 ideas as at
    100,000. When ``qs`` is ``narrowed`` by a filter (topic, district,
    status) that may leave out most matches, the window is taken within
    ``qs`` by a join."""
    if narrowed:
        rows = (
            qs.filter(search_terms__term__in=all_group_terms(groups))
            .order_by()
            .values("pk")
            .annotate(
                rank=term_rank(groups, prefix="search_terms__"),
                hits=term_rank(groups, prefix="search_terms__", title_weight=0),
            )
            .order_by("-pk")
        )
        return list(rows.values_list("pk", "rank", "hits")[: RANK_WINDOW + 1])
    return _term_window(groups, RANK_WINDOW + 1)


def _term_window(groups: list[Group], size: int) -> list[tuple[int, int, int]]:
    """``_ranked_window`` over the term table: one ``UNION ALL`` of a
    newest-first index range per term (SQLite and PostgreSQL alike)."""
    table = connection.ops.quote_name(IdeaSearchTerm._meta.db_table)
    terms = all_group_terms(groups)
    newest = " UNION ALL ".join(
        f"SELECT * FROM (SELECT idea_id, term, in_title FROM {table}"
        f" WHERE term = %s ORDER BY idea_id DESC LIMIT %s) AS t{i}"
        for i in range(len(terms))
    )
    params: list = [p for term in terms for p in (term, size)]
    rank_sql, hits_sql, rank_params, hits_params = [], [], [], []
    for g in groups:
        members = list(group_terms(g))
        marks = ", ".join(["%s"] * len(members))
        rank_sql.append(
            f"MAX(CASE WHEN term IN ({marks}) AND in_title THEN %s"
            f" WHEN term IN ({marks}) THEN 1 ELSE 0 END)"
        )
        rank_params += [*members, 1 + TITLE_WEIGHT, *members]
        hits_sql.append(f"MAX(CASE WHEN term IN ({marks}) THEN 1 ELSE 0 END)")
        hits_params += members
    sql = (
        f"SELECT idea_id, {' + '.join(rank_sql)}, {' + '.join(hits_sql)}"
        f" FROM ({newest}) AS matched GROUP BY idea_id ORDER BY idea_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank_params, *hits_params, *params, size])
        return [(int(pk), int(rank), int(hit)) for pk, rank, hit in cursor.fetchall()]


def _by_value(pairs: list[tuple[int, int]]):
    """An integer annotation from (pk, value) pairs: one WHEN per distinct
    value (ranks take a handful of values), 0 for every other row."""
    by_value: dict[int, list[int]] = {}
    for pk, value in pairs:
        by_value.setdefault(value, []).append(pk)
    whens = [When(IdIn(F("pk"), pks), then=Value(v)) for v, pks in sorted(by_value.items()) if v]
    if not whens:
        return Value(0, output_field=IntegerField())
    return Case(*whens, default=Value(0), output_field=IntegerField())


def idea_search(
    qs: QuerySet[Idea], query: str, *, typos: bool = False, narrowed: bool = False
) -> QuerySet[Idea]:
    """German search (aufbruch.core.search): ideas that have a term of any
    word of the query (ideas.IdeaSearchTerm, exact indexed lookups),
    annotated with ``search_rank`` (more words, and words in the title, rank
    higher). The newest RANK_WINDOW matches are ranked (``_ranked_window``). With
    ``typos``, stored words one typo away count as well ("Spielplaz" finds
    "Spielplatz"); callers retry with it when the exact search found
    nothing, so a found search costs no extra query."""
    groups = _groups(query, typos)
    if not groups:
        return qs.annotate(search_rank=Value(0))
    window = _ranked_window(qs, groups, narrowed=narrowed)
    return qs.filter(IdIn(F("pk"), [pk for pk, _, _ in window])).annotate(
        search_rank=_by_value([(pk, rank) for pk, rank, _ in window])
    )


def _relevance_order(qs: QuerySet[Idea], groups: list[Group], *, narrowed: bool) -> list[int]:
    """The ids of the window's ideas that ``qs`` admits, best first (rank,
    then newest, as SORTS["relevance"]); at most RANK_WINDOW + 1 of them.
    The window brings the ranks; one query keeps the ideas ``qs`` admits,
    newest first, and the ranks order them here: the database never sorts
    the window by a CASE over its 1,001 ids, nor counts it a second time."""
    window = _ranked_window(qs, groups, narrowed=narrowed)
    if not window:
        return []
    ranks = {pk: rank for pk, rank, _ in window}
    # Newest first from the database, then by rank here; the sort is stable,
    # so equal ranks keep that order. Ids only, read with the cursor: 1,001
    # dates, or 1,001 rows through the ORM's iterator, cost more CPU than
    # the query itself.
    admitted = (
        qs.filter(IdIn(F("pk"), list(ranks)))
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    sql, params = admitted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    return sorted(ids, key=ranks.__getitem__, reverse=True)


def _in_order(qs: QuerySet[Idea], ids: list[int]) -> list[Idea]:
    by_pk = {idea.pk: idea for idea in qs.filter(IdIn(F("pk"), ids))} if ids else {}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def idea_relevance_page(
    qs: QuerySet[Idea],
    query: str,
    *,
    page: int,
    per_page: int,
    typos: bool = False,
    narrowed: bool = False,
) -> IdeaPage:
    """One page of a search in relevance order (the default order of a
    search), like ``idea_page(idea_sort(idea_search(qs, query), "relevance"))``
    in three queries: the ranked window, the admitted ids (newest first) and
    the page's rows."""
    groups = _groups(query, typos)
    if not groups:  # only stopwords: every idea, newest first, as idea_search does
        return idea_page(qs.order_by("-created_at", "-pk"), page=page, per_page=per_page)
    ordered = _relevance_order(qs, groups, narrowed=narrowed)
    number, total, capped, offset = _bounds(len(ordered), page, per_page)
    rows = _in_order(qs, ordered[offset : offset + per_page + 1])
    return _make_page(rows, number, per_page, total, capped)


def similar_ideas(title: str, *, limit: int = 5, exclude_author=None) -> list[Idea]:
    """Public ideas whose words are like the title's, best first: the
    suggestions shown while a resident types a new idea. An idea must share
    at least half of the title's words (and one at least), so a single
    common word does not suggest everything. The resident's own ideas are
    not suggested (they cannot support them; a double submit is caught by
    the service)."""
    if not exact_groups(title):
        return []
    base = idea_list_public().filter(merged_into__isnull=True)
    if getattr(exclude_author, "is_authenticated", False):
        base = base.exclude(author=exclude_author)
    for typos in (False, True):
        groups = _groups(title, typos)
        needed = max(1, (len(groups) + 1) // 2)
        window = _ranked_window(base, groups, narrowed=False, hits=True)
        candidates = [(pk, rank) for pk, rank, hits in window if hits >= needed]
        found = list(
            base.filter(IdIn(F("pk"), [pk for pk, _ in candidates]))
            .annotate(search_rank=_by_value(candidates))
            .order_by("-search_rank", "-support_count", "-created_at")[:limit]
        )
        if found:
            return found
    return []


def idea_filter(
    qs: QuerySet[Idea],
    *,
    topic=None,
    district=None,
    status: str = "",
    query: str = "",
    typos: bool = False,
) -> QuerySet[Idea]:
    if topic is not None:
        qs = qs.filter(topic=topic)
    if district is not None:
        qs = qs.filter(district=district)
    if status:
        qs = qs.filter(status=status)
    if query:
        narrowed = topic is not None or district is not None or bool(status)
        qs = idea_search(qs, query, typos=typos, narrowed=narrowed)
    return qs


def idea_sort(qs: QuerySet[Idea], sort: str) -> QuerySet[Idea]:
    if sort == "relevance" and "search_rank" not in qs.query.annotations:
        sort = DEFAULT_SORT
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


@dataclass
class IdeaPage(PageLinks):
    """One page of ideas with a bounded count.

    The total is counted over at most COUNT_CAP + 1 rows (``SELECT count(*)
    FROM (... LIMIT 1001)``), filtered or not: an exact count of 100,000
    rows costs more than the whole rest of the page, and nobody pages
    through 5,000 pages. Above the cap the page says "more than 1,000" and
    still offers a "next" link as long as there is a next row.
    """

    items: list[Idea]
    number: int
    per_page: int
    total: int
    total_is_capped: bool
    has_next: bool
    page_range: list[int | None] = field(default_factory=list)

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0


def _page_range(number: int, last: int) -> list[int | None]:
    """Page numbers to show: first, last, and two around the current one; None is a gap."""
    wanted = sorted({1, last, *range(max(1, number - 2), min(last, number + 2) + 1)})
    out: list[int | None] = []
    for n in wanted:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def idea_page(qs: QuerySet[Idea], *, page: int, per_page: int) -> IdeaPage:
    """Evaluate exactly one page: a capped count and the rows, each served by
    an index and a LIMIT.

    (Counting searches with ``COUNT(*) OVER ()`` in the rows query was tried
    and dropped: with current statistics PostgreSQL answers a search page by
    walking the newest-first index until the page is full, and a window over
    all matches forces it to walk the whole table.)
    """
    found = qs.order_by().values("pk")[: COUNT_CAP + 1].count()
    number, total, capped, offset = _bounds(found, page, per_page)
    rows = list(qs[offset : offset + per_page + 1])
    return _make_page(rows, number, per_page, total, capped)


def _bounds(found: int, page: int, per_page: int) -> tuple[int, int, bool, int]:
    """From the matches counted up to COUNT_CAP + 1: the page number shown
    (the last one when asked past the end, unless the count is capped), the
    total, whether it is capped, and the offset of the page's first row."""
    capped = found > COUNT_CAP
    total = min(found, COUNT_CAP)
    number = max(1, page)
    if not capped:
        number = min(number, max(1, math.ceil(total / per_page)))
    return number, total, capped, (number - 1) * per_page


def _make_page(rows: list[Idea], number: int, per_page: int, total: int, capped: bool) -> IdeaPage:
    has_next = len(rows) > per_page
    last_known = max(1, math.ceil(total / per_page))
    last = max(last_known, number + (1 if has_next else 0)) if capped else last_known
    return IdeaPage(
        items=rows[:per_page],
        number=number,
        per_page=per_page,
        total=total,
        total_is_capped=capped,
        has_next=has_next,
        page_range=_page_range(number, last),
    )


# Statuses that mean the council's committee has adopted an idea (and what followed).
DECIDED_STATUSES = (
    IdeaStatus.DECIDED,
    IdeaStatus.FEASIBILITY,
    IdeaStatus.PILOT,
    IdeaStatus.IMPLEMENTED,
)


def idea_figures() -> dict[str, int]:
    """Public figures for the home page, in one aggregate query: ideas, ideas
    with an official answer, adopted ideas and implemented ideas."""
    return Idea.objects.filter(is_hidden=False).aggregate(
        ideas=Count("id"),
        answered=Count("id", filter=Q(first_response_at__isnull=False)),
        decided=Count("id", filter=Q(status__in=DECIDED_STATUSES)),
        implemented=Count("id", filter=Q(status=IdeaStatus.IMPLEMENTED)),
    )


def idea_map_points(qs: QuerySet[Idea], *, limit: int) -> tuple[list[dict], bool]:
    """The ideas of ``qs`` that have a place, newest first, at most ``limit``
    of them, as small rows for the overview map (one query); and whether
    there were more."""
    rows = list(
        qs.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .order_by("-created_at", "-id")
        .values("id", "title", "status", "latitude", "longitude", "support_count", "topic__name")[
            : limit + 1
        ]
    )
    return rows[:limit], len(rows) > limit


# --- a person's own activity ("Meine Aktivitäten") ---------------------------------


def ideas_of(user, *, limit: int) -> list[Idea]:
    """The person's ideas, newest first (hidden ones too: they are theirs)."""
    return list(
        Idea.objects.filter(author=user)
        .only("id", "title", "status", "created_at", "is_hidden")
        .order_by("-created_at", "-id")[:limit]
    )


def supports_of(user, *, limit: int) -> list:
    return list(
        Support.objects.filter(user=user, idea__is_hidden=False)
        .select_related("idea")
        .only("id", "created_at", "idea__id", "idea__title", "idea__status")
        .order_by("-created_at", "-id")[:limit]
    )


def follows_of(user, *, limit: int) -> list:
    return list(
        Follow.objects.filter(user=user, idea__is_hidden=False)
        .select_related("idea")
        .only("id", "created_at", "idea__id", "idea__title", "idea__status")
        .order_by("-created_at", "-id")[:limit]
    )


def idea_evidence(ideas: list[Idea]) -> dict[int, dict]:
    """Registered with core.evidence: an idea as evidence shows its supports."""
    return {i.pk: {"url": i.get_absolute_url(), "support_count": i.support_count} for i in ideas}


def idea_search_hits(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """Public ideas for the site-wide search: the best ``limit`` and the
    number of matches (counted up to COUNT_CAP)."""
    if not exact_groups(query):
        return [], 0
    public = idea_list_public().select_related(None)
    for typos in (False, True):
        ordered = _relevance_order(public, _groups(query, typos), narrowed=False)
        if ordered:
            break
    else:
        return [], 0
    total = min(len(ordered), COUNT_CAP)
    rows = _in_order(
        public.select_related("topic").only(
            "id", "title", "body", "status", "topic__name", "support_count", "created_at"
        ),
        ordered[:limit],
    )
    return [
        SearchHit(
            title=idea.title,
            url=idea.get_absolute_url(),
            text=idea.body,
            meta=f"{idea.get_status_display()} · {idea.topic.name}",
        )
        for idea in rows
    ], total
