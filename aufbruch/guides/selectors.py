from __future__ import annotations

from aufbruch.ideas.models import Idea, IdeaStatus, StatusChange
from aufbruch.ideas.selectors import idea_search
from aufbruch.ideas.workflow import FINAL_STATUSES
from aufbruch.staff.selectors import guide_department_ids

from .models import OfficialResponse

# --- process settings -----------------------------------------------------------------

SETTINGS_CACHE_KEY = "guides:settings"
SETTINGS_CACHE_SECONDS = 60


def guide_settings():
    """The programme office's process settings (response days, support threshold
    and window), cached briefly; the defaults apply until the office saves them."""
    from django.core.cache import cache

    from .models import GuideSettings

    cached = cache.get(SETTINGS_CACHE_KEY)
    if cached is None:
        cached = GuideSettings.objects.filter(pk=1).first() or GuideSettings(pk=1)
        cache.set(SETTINGS_CACHE_KEY, cached, SETTINGS_CACHE_SECONDS)
    return cached


# --- inbox ------------------------------------------------------------------------------

INBOX_PER_PAGE = 25
# What a row of the inbox shows (and orders by): loading only these keeps the
# rows and the related objects small.
INBOX_FIELDS = (
    "id",
    "title",
    "status",
    "is_hidden",
    "needs_written_response",
    "first_response_at",
    "response_due_at",
    "support_count",
    "created_at",
    "topic__name",
    "district__name",
    "department__name",
    "assignee__display_name",
    "assignee__is_deleted",
)


def inbox_queryset(
    user,
    *,
    scope: str,
    now,
    q: str = "",
    status: str = "",
    topic=None,
    district=None,
    department=None,
):
    """The filtered ideas of the inbox (not yet ordered: see inbox_page).
    Hidden ideas belong to the moderation queue and are left out."""
    from django.db.models import Q

    from .reminders import overdue_q

    qs = Idea.objects.filter(is_hidden=False).select_related(
        "topic", "district", "department", "assignee"
    )
    qs = qs.only(*INBOX_FIELDS)
    if scope == "mine":
        qs = qs.filter(Q(department_id__in=guide_department_ids(user)) | Q(assignee=user)).exclude(
            status__in=FINAL_STATUSES
        )
    elif scope == "new":
        qs = qs.filter(status=IdeaStatus.SUBMITTED, first_response_at__isnull=True)
    elif scope == "overdue":
        qs = qs.filter(overdue_q(now))
    elif scope == "flagged":
        qs = qs.filter(needs_written_response=True).exclude(status__in=FINAL_STATUSES)
    if status:
        qs = qs.filter(status=status)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if district is not None:
        qs = qs.filter(district=district)
    if department is not None:
        qs = qs.filter(department=department)
    if q:
        qs = idea_search(qs, q)
    return qs


def inbox_page(qs, *, now, page: int, per_page: int = INBOX_PER_PAGE) -> tuple[list, bool]:
    """One page, overdue ideas first (longest overdue first), then the others
    (newest first), and whether there is a next page. The overdue part is a
    range on the partial index idea_overdue_idx, the rest follows the index
    on created_at, so a page costs the same at 100,000 ideas; nothing is counted
    except, past the overdue block, the overdue ideas themselves."""
    from .reminders import overdue_q

    page = max(1, page)
    offset = (page - 1) * per_page
    overdue = list(
        qs.filter(overdue_q(now)).order_by("response_due_at", "pk")[offset : offset + per_page + 1]
    )
    for idea in overdue:
        idea.is_overdue = True
    if len(overdue) > per_page:
        return overdue[:per_page], True
    if overdue or offset == 0:
        rest_offset = 0
    else:
        rest_offset = max(0, offset - qs.filter(overdue_q(now)).count())
    need = per_page + 1 - len(overdue)
    rest = list(
        qs.exclude(overdue_q(now)).order_by("-created_at", "-pk")[rest_offset : rest_offset + need]
    )
    for idea in rest:
        idea.is_overdue = False
    rows = overdue + rest
    return rows[:per_page], len(rows) > per_page


def staff_idea(pk: int):
    from django.db.models import Prefetch
    from django.shortcuts import get_object_or_404

    from .models import Assignment, InternalNote, OfficialResponse

    return get_object_or_404(
        Idea.objects.select_related(
            "topic", "district", "author", "department", "assignee", "merged_into"
        ).prefetch_related(
            Prefetch("internal_notes", queryset=InternalNote.objects.select_related("author")),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("department", "assignee", "actor"),
            ),
            Prefetch(
                "official_responses", queryset=OfficialResponse.objects.select_related("department")
            ),
            "status_changes",
        ),
        pk=pk,
    )


# --- what became of ideas (public) ---------------------------------------------------

# Steps worth telling on the home page: the decision path beyond the first look.
OUTCOME_STATUSES = (
    IdeaStatus.POOL,
    IdeaStatus.DECIDED,
    IdeaStatus.DECLINED,
    IdeaStatus.FEASIBILITY,
    IdeaStatus.PILOT,
    IdeaStatus.IMPLEMENTED,
)


def recent_outcomes(limit: int = 4) -> list[dict]:
    """The latest public steps on the decision path and official responses of
    visible ideas, newest first, in two queries: ``{"idea_id", "idea_title",
    "kind" ("status" or "response"), "status", "at", "text"}`` (``text`` is the
    Markdown source of the explanation or response)."""
    changes = (
        StatusChange.objects.filter(idea__is_hidden=False, to_status__in=OUTCOME_STATUSES)
        .select_related("idea")
        .only("id", "to_status", "explanation", "created_at", "idea__id", "idea__title")
        .order_by("-created_at", "-id")[:limit]
    )
    responses = (
        OfficialResponse.objects.filter(idea__is_hidden=False)
        .select_related("idea")
        .only("id", "text", "published_at", "idea__id", "idea__title")
        .order_by("-published_at", "-id")[:limit]
    )
    items = [
        {
            "idea_id": c.idea.id,
            "idea_title": c.idea.title,
            "kind": "status",
            "status": c.to_status,
            "at": c.created_at,
            "text": c.explanation,
        }
        for c in changes
    ] + [
        {
            "idea_id": r.idea.id,
            "idea_title": r.idea.title,
            "kind": "response",
            "status": "",
            "at": r.published_at,
            "text": r.text,
        }
        for r in responses
    ]
    items.sort(key=lambda item: item["at"], reverse=True)
    return items[:limit]
