"""Reads for the open-data API: only public rows (aufbruch.api.public), a
fixed number of queries per request (a capped count, one page of rows and
one query per nested list)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from aufbruch.assumptions.models import Review
from aufbruch.ideas.models import Idea
from aufbruch.ideas.selectors import idea_search
from aufbruch.opinions.selectors import results as opinion_results
from aufbruch.organisation.models import District, Topic
from aufbruch.projects.models import ProjectUpdate
from aufbruch.surveys.selectors import survey_questions, survey_results_page

from . import public
from .schemas import (
    AssumptionFilters,
    BoardFilters,
    DecisionFilters,
    EventFilters,
    IdeaFilters,
    PageParams,
    ProjectFilters,
    SessionFilters,
    UpdateFilters,
    idea_out,
)

COUNT_CAP = 1_000
SORTS = {
    "new": ("-created_at", "-id"),
    "supported": ("-support_count", "-created_at", "-id"),
    "discussed": ("-comment_count", "-created_at", "-id"),
}


def page_of(
    qs: QuerySet | list, params: PageParams, rows: Callable[[list], Iterable[dict]]
) -> dict[str, Any]:
    """One page of ``qs`` with a capped count; ``rows`` turns the page's
    objects into dicts (and may fetch their nested lists in one query each)."""
    if isinstance(qs, list):
        count = len(qs)
    else:
        count = qs.order_by()[: COUNT_CAP + 1].count()
    offset = (params.page - 1) * params.page_size
    objects = list(qs[offset : offset + params.page_size + 1])
    return {
        "count": min(count, COUNT_CAP),
        "count_is_capped": count > COUNT_CAP,
        "count_cap": COUNT_CAP,
        "page": params.page,
        "page_size": params.page_size,
        "has_next": len(objects) > params.page_size,
        "license": public.license_info(),
        "items": list(rows(objects[: params.page_size])),
    }


def _ids_by_slug(model) -> dict[str, int]:
    """Slug -> id of topics or districts, cached briefly: filtering on the id
    lets the database use the (topic|district, created_at) indexes."""
    return cache.get_or_set(
        f"api:{model._meta.label_lower}:ids",
        lambda: dict(model.objects.values_list("slug", "id")),
        60,
    )


# --- ideas ---------------------------------------------------------------------------------


def idea_queryset(filters: IdeaFilters) -> QuerySet[Idea]:
    qs = public.public_ideas().select_related("topic", "district")
    if filters.topic:
        qs = qs.filter(topic_id=_ids_by_slug(Topic).get(filters.topic, 0))
    if filters.district:
        qs = qs.filter(district_id=_ids_by_slug(District).get(filters.district, 0))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = idea_search(qs, filters.q)
    return qs.order_by(*SORTS[filters.sort])


def idea_list_page(filters: IdeaFilters) -> dict[str, Any]:
    return page_of(idea_queryset(filters), filters, lambda ideas: map(idea_out, ideas))


PROJECT_STATUSES = frozenset({"decided", "feasibility", "pilot", "implemented"})


def idea_public_detail(idea_id: int) -> dict[str, Any] | None:
    """One query for an idea nobody answered yet; at most five otherwise."""
    idea = public.public_ideas().select_related("topic", "district").filter(pk=idea_id).first()
    if idea is None:
        return None
    history, responses, projects, merged_into = [], [], [], None
    if idea.first_response_at is not None:  # set by the first status change or response
        history = (
            public.public_status_changes().filter(idea_id=idea.pk).order_by("created_at", "id")
        )
        responses = (
            public.public_official_responses()
            .filter(idea_id=idea.pk)
            .order_by("published_at", "id")
        )
    if idea.status in PROJECT_STATUSES:
        projects = list(idea.projects.order_by("pk").values_list("pk", flat=True))
    if idea.merged_into_id and public.public_ideas().filter(pk=idea.merged_into_id).exists():
        merged_into = idea.merged_into_id
    return {
        **idea_out(idea),
        "status_history": [public.status_change_row(c) for c in history],
        "official_responses": [public.official_response_row(r) for r in responses],
        "project_ids": projects,
        "merged_into_id": merged_into,
    }


def topics() -> list[Topic]:
    return list(Topic.objects.filter(is_active=True).order_by("position", "name"))


def districts() -> list[dict[str, Any]]:
    return [
        {
            "id": d.pk,
            "slug": d.slug,
            "name": d.name,
            "latitude": None if d.latitude is None else float(d.latitude),
            "longitude": None if d.longitude is None else float(d.longitude),
        }
        for d in District.objects.order_by("name")
    ]


# --- committee sessions and decisions --------------------------------------------------------


def _session_filter(qs, filters: SessionFilters, prefix: str = ""):
    if filters.committee:
        qs = qs.filter(**{f"{prefix}committee": filters.committee})
    if filters.date_from:
        qs = qs.filter(**{f"{prefix}date__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{prefix}date__lte": filters.date_to})
    return qs


def session_list_page(filters: SessionFilters) -> dict[str, Any]:
    qs = _session_filter(public.public_committee_meetings(), filters).order_by("-date", "-id")
    return page_of(qs, filters, lambda rows: map(public.meeting_row, rows))


def _oparl_ref(obj) -> dict[str, str]:
    return {"oparl_id": obj.oparl_id, "web_url": obj.web_url, "name": obj.name}


def session_detail(session_id: int) -> dict[str, Any] | None:
    meeting = public.public_committee_meetings().filter(pk=session_id).first()
    if meeting is None:
        return None
    items = public.public_agenda_items().filter(meeting=meeting).order_by("position", "id")
    # The OParl records the opendata app imported for this session (through the
    # reverse relations: api sits below opendata and does not import it).
    oparl_meeting = meeting.oparl_meetings.first()
    papers = meeting.oparl_papers.order_by("reference", "id")
    return {
        **public.meeting_row(meeting),
        "agenda": [public.agenda_item_row(i) for i in items],
        "oparl_meeting": _oparl_ref(oparl_meeting) if oparl_meeting else None,
        "oparl_papers": [_oparl_ref(p) for p in papers],
    }


def decision_list_page(filters: DecisionFilters) -> dict[str, Any]:
    qs = _session_filter(public.public_decisions(), filters, prefix="meeting__")
    if filters.decision:
        qs = qs.filter(decision=filters.decision)
    qs = qs.order_by("-meeting__date", "-meeting_id", "position", "id")
    return page_of(qs, filters, lambda rows: map(public.decision_row, rows))


# --- projects -------------------------------------------------------------------------------


def _project_rows(projects: list) -> list[dict]:
    return [public.project_row(p, [i.pk for i in p.public_ideas]) for p in projects]


def project_list_page(filters: ProjectFilters) -> dict[str, Any]:
    qs = public.public_projects().prefetch_related(public.idea_ids_prefetch())
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page_of(qs.order_by("-created_at", "-id"), filters, _project_rows)


def _update_rows(updates: list) -> list[dict]:
    return [public.project_update_row(u, list(u.images.all())) for u in updates]


def project_detail(project_id: int) -> dict[str, Any] | None:
    project = (
        public.public_projects()
        .prefetch_related(public.idea_ids_prefetch())
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        return None
    updates = (
        ProjectUpdate.objects.filter(project=project)
        .prefetch_related(public.images_prefetch())
        .order_by("-published_at", "-id")
    )
    return {
        **_project_rows([project])[0],
        "milestones": [
            public.milestone_row(m) for m in project.milestones.order_by("due_on", "id")
        ],
        "updates": _update_rows(list(updates)),
    }


def update_list_page(filters: UpdateFilters) -> dict[str, Any]:
    qs = public.public_project_updates().prefetch_related(public.images_prefetch())
    if filters.project:
        qs = qs.filter(project_id=filters.project)
    return page_of(qs.order_by("-published_at", "-id"), filters, _update_rows)


# --- events ---------------------------------------------------------------------------------


def event_list_page(filters: EventFilters) -> dict[str, Any]:
    qs = public.public_events()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.upcoming is not None:
        now = timezone.now()
        qs = qs.filter(ends_at__gte=now) if filters.upcoming else qs.filter(ends_at__lt=now)
    return page_of(
        qs.order_by("-starts_at", "-id"), filters, lambda rows: map(public.event_row, rows)
    )


def event_detail(event_id: int) -> dict[str, Any] | None:
    event = public.public_events().filter(pk=event_id).first()
    return public.event_row(event) if event else None


# --- boards ---------------------------------------------------------------------------------


def _recommendation_rows(recs: list) -> list[dict]:
    answers = defaultdict(list)
    for a in (
        public.public_recommendation_answers()
        .filter(recommendation__in=recs)
        .order_by("created_at", "id")
    ):
        answers[a.recommendation_id].append(public.recommendation_answer_row(a))
    return [
        {**public.recommendation_row(r, [i.pk for i in r.public_ideas]), "answers": answers[r.pk]}
        for r in recs
    ]


def recommendation_queryset():
    return public.public_recommendations().prefetch_related(public.idea_ids_prefetch())


def recommendation_list_page(filters: BoardFilters) -> dict[str, Any]:
    qs = recommendation_queryset()
    if filters.board:
        qs = qs.filter(board__slug=filters.board)
    return page_of(qs.order_by("-published_at", "-id"), filters, _recommendation_rows)


def recommendation_detail(pk: int) -> dict[str, Any] | None:
    rec = recommendation_queryset().filter(pk=pk).first()
    return _recommendation_rows([rec])[0] if rec else None


# --- surveys --------------------------------------------------------------------------------


def _crosstab(tab) -> dict[str, Any]:
    return {
        "groups": [
            {
                "label": str(g["label"]),
                "shown": g["enough"],
                "respondents": g["respondents"] if g["enough"] else None,
            }
            for g in tab.groups
        ],
        "rows": [{"label": r["label"], "cells": r["cells"]} for r in tab.rows],
    }


def survey_result(survey) -> dict[str, Any]:
    """The results as the public results page shows them: counts per option,
    and cross-tabs whose groups below SMALL_GROUP_THRESHOLD stay empty.
    Free-text answers are never included."""
    questions = survey_questions(survey)
    data = survey_results_page(survey, questions)
    by_age = {t.question.pk: _crosstab(t) for t in data["age_tabs"]}
    by_district = {t.question.pk: _crosstab(t) for t in data["district_tabs"]}
    out = []
    for res in data["results"]:
        q = res.question
        stats = res.stats
        out.append(
            {
                "id": q.pk,
                "text": q.text,
                "kind": q.kind,
                "respondents": res.respondents,
                "rows": [
                    {"label": r.label, "count": r.count, "percent": r.percent} for r in res.rows
                ],
                "average": res.average,
                "number_stats": {k: float(v) if k != "count" else v for k, v in stats.items()}
                if stats
                else None,
                "by_age": by_age.get(q.pk),
                "by_district": by_district.get(q.pk),
            }
        )
    return {
        "id": survey.pk,
        "title": survey.title,
        "description_html": survey.description_html,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "small_group_threshold": settings.SMALL_GROUP_THRESHOLD,
        "url": public.absolute(survey.get_absolute_url()),
        "questions": out,
    }


def survey_list_page(params: PageParams) -> dict[str, Any]:
    return page_of(
        public.public_surveys_with_results(), params, lambda rows: map(survey_result, rows)
    )


def survey_detail(pk: int) -> dict[str, Any] | None:
    survey = next((s for s in public.public_surveys_with_results() if s.pk == pk), None)
    return survey_result(survey) if survey else None


# --- opinion maps ---------------------------------------------------------------------------


def opinion_map_list_page(params: PageParams) -> dict[str, Any]:
    qs = public.public_opinion_maps().order_by("-created_at", "-id")
    return page_of(qs, params, lambda rows: map(public.opinion_map_row, rows))


def opinion_results_row(opinion_map) -> dict[str, Any] | None:
    """Group-level results only: sizes, shares per group (hidden for small
    groups), never a participant's position or vote."""
    data = opinion_results(opinion_map=opinion_map)
    if not data or not data.get("result") or not data["groups"]:
        return None

    def shares(rows):
        return [
            {
                "text": r["text"],
                "groups": [
                    {k: g[k] for k in ("group", "shown", "agree", "disagree", "seen")}
                    for g in r["groups"]
                ],
            }
            for r in rows
        ]

    return {
        "computed_at": data["result"].computed_at,
        "n_participants": data["result"].n_participants,
        "groups": [
            {
                "label": g["label"],
                "size": g["size"],
                "shown": g["shown"],
                "representative": g["representative"],
            }
            for g in data["groups"]
        ],
        "consensus": shares(data["consensus"]),
        "divisive": shares(data["divisive"]),
    }


def opinion_map_detail(pk: int) -> dict[str, Any] | None:
    opinion_map = public.public_opinion_maps().filter(pk=pk).first()
    if opinion_map is None:
        return None
    statements = public.public_statements().filter(opinion_map=opinion_map).order_by("id")
    return {
        **public.opinion_map_row(opinion_map),
        "statements": [public.statement_row(s) for s in statements],
        "results": opinion_results_row(opinion_map),
    }


# --- assumptions ----------------------------------------------------------------------------


def _assumption_rows(assumptions: list) -> list[dict]:
    return [
        {**public.assumption_row(a), "reviews": [public.review_row(r) for r in a.review_list]}
        for a in assumptions
    ]


def assumption_queryset():
    return public.public_assumptions().prefetch_related(
        Prefetch(
            "reviews", queryset=Review.objects.order_by("reviewed_on", "id"), to_attr="review_list"
        )
    )


def assumption_list_page(filters: AssumptionFilters) -> dict[str, Any]:
    qs = assumption_queryset()
    if filters.topic:
        qs = qs.filter(topic__slug=filters.topic)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page_of(qs.order_by("topic__position", "topic__name", "id"), filters, _assumption_rows)


def assumption_detail(pk: int) -> dict[str, Any] | None:
    a = assumption_queryset().filter(pk=pk).first()
    return _assumption_rows([a])[0] if a else None
