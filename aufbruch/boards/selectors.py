"""Reads for boards. Membership is looked up once per request (cached on the user)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from aufbruch.core.search import SearchHit, search_small
from aufbruch.ideas.models import Support

from .models import (
    Board,
    BoardApplication,
    BoardCall,
    Membership,
    MembershipStatus,
    Recommendation,
    RecommendationAnswer,
    RecommendationStatus,
)


def active_board_ids(user) -> set[int]:
    """Boards in which ``user`` is an active member (fetched once per user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_aufbruch_board_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values_list(
                "board_id", flat=True
            )
        )
        user._aufbruch_board_ids = cached
    return cached


def forget_board_ids(user) -> None:
    if hasattr(user, "_aufbruch_board_ids"):
        del user._aufbruch_board_ids


def youngest_possible_age(birth_year: int, on: date) -> int:
    """With only the birth year we know the age up to one year; this is the lower bound."""
    return on.year - birth_year - 1


def board_list() -> QuerySet[Board]:
    return Board.objects.annotate(
        active_members=Count(
            "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True
        )
    ).order_by("kind", "name")


def open_call(board: Board, now=None) -> BoardCall | None:
    now = now or timezone.now()
    return board.calls.filter(opens_at__lte=now, deadline__gt=now).order_by("deadline").first()


def active_member_count(board: Board) -> int:
    return board.memberships.filter(status=MembershipStatus.ACTIVE).count()


def public_members(board: Board) -> list:
    """Members who agreed to be shown, only when the board lists members at all."""
    if not board.members_public:
        return []
    rows = board.memberships.filter(
        status=MembershipStatus.ACTIVE, show_publicly=True, user__is_deleted=False
    )
    return [m.user for m in rows.select_related("user").order_by("user__display_name", "user_id")]


def _answers_prefetch() -> Prefetch:
    return Prefetch("answers", queryset=RecommendationAnswer.objects.select_related("department"))


def published_recommendations(board: Board) -> QuerySet[Recommendation]:
    return (
        board.recommendations.filter(published_at__isnull=False)
        .prefetch_related(_answers_prefetch(), "ideas")
        .order_by("-published_at")
    )


def published_recommendations_for_idea(idea) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(ideas=idea, published_at__isnull=False)
        .select_related("board")
        .prefetch_related(_answers_prefetch())
        .order_by("-published_at")
    )


def workspace_recommendations(board: Board) -> QuerySet[Recommendation]:
    return board.recommendations.select_related("author").order_by("-created_at")


def due_votes(now=None) -> QuerySet[Recommendation]:
    now = now or timezone.now()
    return Recommendation.objects.filter(status=RecommendationStatus.VOTING, closes_at__lte=now)


def is_overdue(recommendation: Recommendation, now=None) -> bool:
    """Published, past the answer deadline, and no department has answered yet."""
    now = now or timezone.now()
    return bool(
        recommendation.published_at
        and recommendation.answer_due_at
        and recommendation.answer_due_at < now
        and not recommendation.answers.all()
    )


def u30_supporter_split(idea, today: date | None = None) -> dict[str, int]:
    """Supporters with a known birth year, under 30 and 30 or older, in one query.

    Age here is the age reached in the current year (year - birth year)."""
    year = (today or timezone.localdate()).year
    limit = year - 30  # born after this year: under 30 this year
    return Support.objects.filter(
        idea=idea, user__birth_year__isnull=False, user__is_deleted=False
    ).aggregate(
        under_30=Count("id", filter=Q(user__birth_year__gt=limit)),
        over_30=Count("id", filter=Q(user__birth_year__lte=limit)),
    )


def open_calls(limit: int = 3, now=None) -> list[BoardCall]:
    """Calls for applications that are open now, nearest deadline first (the home page)."""
    now = now or timezone.now()
    return list(
        BoardCall.objects.filter(opens_at__lte=now, deadline__gt=now)
        .select_related("board")
        .only("id", "deadline", "text", "board__name", "board__slug", "board__max_age")
        .order_by("deadline", "id")[:limit]
    )


def applications_of(user, *, limit: int) -> list[BoardApplication]:
    """The person's applications to boards, newest first."""
    return list(
        BoardApplication.objects.filter(applicant=user)
        .select_related("board")
        .only("id", "status", "created_at", "board__id", "board__name", "board__slug")
        .order_by("-created_at", "-id")[:limit]
    )


def my_application(board: Board, user) -> BoardApplication | None:
    """The newest application of ``user`` to ``board`` (any call), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        BoardApplication.objects.filter(board=board, applicant=user)
        .select_related("call", "board")
        .order_by("-created_at", "-pk")
        .first()
    )


def consent_deadline(application: BoardApplication) -> date:
    """The day by which a guardian's consent must reach the programme office."""
    from datetime import timedelta

    from django.conf import settings

    started = timezone.localtime(application.created_at).date()
    return started + timedelta(days=settings.BOARD_CONSENT_DAYS)


def recommendation_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """Boards' published recommendations for the site-wide search (never
    drafts or recommendations still in the vote)."""
    return search_small(
        Recommendation.objects.filter(published_at__isnull=False)
        .select_related("board")
        .order_by("-published_at"),
        query,
        limit=limit,
        title=lambda r: r.title,
        parts=lambda r: (r.body, r.board.name),
        hit=lambda r: SearchHit(title=r.title, url=r.public_url(), text=r.body, meta=r.board.name),
    )
