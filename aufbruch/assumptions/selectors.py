"""Reads for the register: public lists, the timeline, and evidence with live data."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db.models import Count, Prefetch, QuerySet

from aufbruch.core.search import SearchHit, search_small
from aufbruch.surveys.selectors import published_question_results, survey_questions

from .models import Assumption, Evidence, EvidenceKind, Review


def assumption_list_public() -> QuerySet[Assumption]:
    return Assumption.objects.select_related("topic").order_by(
        "topic__position", "topic__name", "id"
    )


def review_timeline() -> QuerySet[Review]:
    return Review.objects.select_related("assumption__topic").order_by("-reviewed_on", "-id")


def assumption_reviews(assumption: Assumption) -> list[Review]:
    """Oldest first: the story of how the wording changed."""
    return list(
        assumption.reviews.order_by("reviewed_on", "id").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
        )
    )


def evidence_items(assumption: Assumption, evidence: list[Evidence] | None = None) -> list[dict]:
    """Each evidence with its target and live numbers, in a few queries per kind."""
    evidence = (
        evidence
        if evidence is not None
        else list(assumption.evidence.select_related("content_type"))
    )
    by_type: dict[int, list[int]] = defaultdict(list)
    for e in evidence:
        if e.content_type_id:
            by_type[e.content_type_id].append(e.object_id)
    targets: dict[tuple[int, int], object] = {}
    content_types = {e.content_type_id: e.content_type for e in evidence if e.content_type_id}
    for ct_id, ids in by_type.items():
        model = content_types[ct_id].model_class()
        if model is None:  # the app was removed
            continue
        qs = model._default_manager.all()
        if content_types[ct_id].model == "question":
            qs = qs.select_related("survey")
        elif content_types[ct_id].model == "statement":
            qs = qs.select_related("opinion_map")
        for pk, obj in qs.in_bulk(ids).items():
            targets[(ct_id, pk)] = obj
    # Live survey results: one results computation per survey.
    results = {}
    questions_by_survey: dict[int, list] = defaultdict(list)
    for (ct_id, _pk), obj in targets.items():
        if content_types[ct_id].model == "question":
            questions_by_survey[obj.survey_id].append(obj)
    for questions in questions_by_survey.values():
        survey = questions[0].survey
        wanted = {q.pk for q in questions}
        full = [q for q in survey_questions(survey) if q.pk in wanted]
        for res in published_question_results(survey, full):
            results[res.question.pk] = res
    votes = _statement_votes(
        [pk for (ct_id, pk) in targets if content_types[ct_id].model == "statement"]
    )
    items = []
    for e in evidence:
        target = targets.get((e.content_type_id, e.object_id)) if e.content_type_id else None
        hidden = bool(getattr(target, "is_hidden", False))
        item = {
            "evidence": e,
            "target": None if hidden else target,
            "hidden": hidden,
            "url": "",
            "result": None,
        }
        if target is not None and not hidden:
            get_url = getattr(target, "get_absolute_url", None)
            if e.kind == EvidenceKind.SURVEY_QUESTION:
                item["url"] = target.survey.get_absolute_url()
                item["survey"] = target.survey
                item["result"] = results.get(target.pk)
                item["results_public"] = target.survey.results_are_public()
            elif callable(get_url):
                try:
                    item["url"] = get_url()
                except Exception:  # noqa: BLE001 - an app still without its detail page
                    item["url"] = ""
            if e.kind == EvidenceKind.IDEA:
                item["support_count"] = target.support_count
            if e.kind == EvidenceKind.MEETING:
                item["meeting_date"] = getattr(target, "starts_at", None)
                if getattr(target, "results_published_at", None):
                    item["meeting_results"] = getattr(target, "results_html", "")
            if e.kind == EvidenceKind.STATEMENT:
                item["votes"] = votes.get(target.pk) or dict.fromkeys(
                    ("agree_count", "disagree_count", "pass_count"), 0
                )
                opinion_map = getattr(target, "opinion_map", None)
                if opinion_map is not None and hasattr(opinion_map, "get_absolute_url"):
                    item["url"] = opinion_map.get_absolute_url()
        elif e.kind == EvidenceKind.DOCUMENT and e.document:
            item["url"] = e.document.url
        items.append(item)
    return items


def _statement_votes(statement_ids: list[int]) -> dict[int, dict[str, int]]:
    """Agree / disagree / pass per opinion-map statement, in one query."""
    if not statement_ids:
        return {}
    try:
        vote_model = apps.get_model("opinions", "Vote")
    except LookupError:
        return {}
    names = {1: "agree_count", -1: "disagree_count", 0: "pass_count"}
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(names.values(), 0))
    rows = (
        vote_model.objects.filter(statement_id__in=statement_ids)
        .values("statement_id", "value")
        .annotate(n=Count("id"))
    )
    for row in rows:
        out[row["statement_id"]][names.get(row["value"], "pass_count")] += row["n"]
    return dict(out)


def assumption_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """The city's assumptions (all public) for the site-wide search."""
    return search_small(
        assumption_list_public(),
        query,
        limit=limit,
        title=lambda a: a.wording,
        parts=lambda a: (a.explanation, a.topic.name),
        hit=lambda a: SearchHit(
            title=a.wording, url=a.get_absolute_url(), text=a.explanation, meta=a.topic.name
        ),
    )
