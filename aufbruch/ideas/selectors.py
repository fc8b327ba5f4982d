"""Reads of ideas: visibility, filters, sorting, German search, pagination.

Everything here keeps the cost of a page independent of the number of
ideas: only the shown page is evaluated, sort orders match the partial
indexes on Idea, and the total is counted only up to COUNT_CAP rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from aufbruch.core.pagination import PageLinks
from aufbruch.core.search import (
    TITLE_WEIGHT,
    Group,
    SearchHit,
    all_group_terms,
    exact_groups,
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
    "relevance": ("-search_rank", "-created_at"),
}
DEFAULT_SORT = "new"
COUNT_CAP = 1000
# A search ranks at most this many of the newest matches (see _window).
RANK_WINDOW = 1000


def idea_list_public() -> QuerySet[Idea]:
    """Ideas everyone may see: not hidden by moderation."""
    return Idea.objects.filter(is_hidden=False).select_related("topic", "district", "author")


def idea_visible_to(user) -> QuerySet[Idea]:
    """Public ideas plus, for their author and for staff, hidden ones."""
    qs = Idea.objects.select_related("topic", "district", "author")
    if is_staff_member(user):
        return qs
    if getattr(user, "is_authenticated", False):
        return qs.filter(Q(is_hidden=False) | Q(author=user))
    return qs.filter(is_hidden=False)


def search_vocabulary(prefix: str) -> list[str]:
    """Stored search terms that begin with ``prefix`` (for typo tolerance)."""
    return list(SearchWord.objects.filter(term__startswith=prefix).values_list("term", flat=True))


def _groups(query: str, typos: bool) -> list[Group]:
    groups = exact_groups(query)
    return typo_groups(groups, search_vocabulary) if typos and groups else groups


def _window(qs: QuerySet[Idea], groups: list[Group], *, narrowed: bool) -> QuerySet:
    """The ids of the newest RANK_WINDOW ideas that have a query term, as a
    subquery: read from the (term, idea, in_title) index alone, without
    touching the ideas, so a common part ("weg": every tenth idea) costs a
    scan of its index entries only; ranking every match would aggregate tens
    of thousands of rows. Ideas that ``qs`` leaves out (hidden ones) drop out
    afterwards; when ``qs`` is ``narrowed`` by a filter (topic, district,
    status) that may leave out most of them, the window is taken within
    ``qs``."""
    terms = all_group_terms(groups)
    if narrowed:
        rows = qs.filter(search_terms__term__in=terms).values("pk")
        return rows.order_by("-pk").distinct()[:RANK_WINDOW]
    rows = IdeaSearchTerm.objects.filter(term__in=terms).values("idea_id")
    return rows.order_by("-idea_id").distinct()[:RANK_WINDOW]


def _rank(groups: list[Group], *, title_weight: int = TITLE_WEIGHT):
    """An idea's rank for the query groups from its term rows (per group
    1 + title_weight for a term in the title, 1 for one elsewhere): a
    subquery per idea, evaluated for the window only."""
    rows = (
        IdeaSearchTerm.objects.filter(idea=OuterRef("pk"), term__in=all_group_terms(groups))
        .order_by()
        .values("idea")
        .annotate(rank=term_rank(groups, prefix="", title_weight=title_weight))
        .values("rank")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def idea_search(
    qs: QuerySet[Idea], query: str, *, typos: bool = False, narrowed: bool = False
) -> QuerySet[Idea]:
    """German search (aufbruch.core.search): ideas that have a term of any
    word of the query (ideas.IdeaSearchTerm, exact indexed lookups),
    annotated with ``search_rank`` (more words, and words in the title, rank
    higher). The newest RANK_WINDOW matches are ranked (``_window``). With
    ``typos``, stored words one typo away count as well ("Spielplaz" finds
    "Spielplatz"); callers retry with it when the exact search found
    nothing, so a found search costs no extra query."""
    groups = _groups(query, typos)
    if not groups:
        return qs.annotate(search_rank=Value(0))
    window = _window(qs, groups, narrowed=narrowed)
    return qs.filter(pk__in=window).annotate(search_rank=_rank(groups))


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
        qs = base.filter(pk__in=_window(base, groups, narrowed=False)).annotate(
            search_rank=_rank(groups), search_hits=_rank(groups, title_weight=0)
        )
        found = list(
            qs.filter(search_hits__gte=needed).order_by(
                "-search_rank", "-support_count", "-created_at"
            )[:limit]
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
    number = max(1, page)
    total = qs.order_by().values("pk")[: COUNT_CAP + 1].count()
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    if not capped:
        number = min(number, max(1, math.ceil(total / per_page)))
    offset = (number - 1) * per_page
    rows = list(qs[offset : offset + per_page + 1])
    return _make_page(rows, number, per_page, total, capped)


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
    for typos in (False, True):
        qs = idea_search(idea_list_public().select_related(None), query, typos=typos)
        total = qs.order_by()[:COUNT_CAP].count()
        if total:
            break
    else:
        return [], 0
    rows = (
        qs.select_related("topic")
        .only("id", "title", "body", "status", "topic__name", "support_count", "created_at")
        .order_by(*SORTS["relevance"])[:limit]
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
