"""Reads for the register: public lists, the timeline, and evidence with live data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from aufbruch.surveys.selectors import survey_questions, survey_results

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
        for res in survey_results(survey, full):
            results[res.question.pk] = res
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
            if e.kind == EvidenceKind.STATEMENT:
                item["votes"] = {
                    name: getattr(target, name)
                    for name in ("agree_count", "disagree_count", "pass_count")
                    if isinstance(getattr(target, name, None), int)
                }
        elif e.kind == EvidenceKind.DOCUMENT and e.document:
            item["url"] = e.document.url
        items.append(item)
    return items
