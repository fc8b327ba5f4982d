"""Reads: surveys, their questions, and results in a fixed number of queries."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from aufbruch.core.search import SearchHit, search_small
from aufbruch.organisation.models import District

from .models import (
    CHOICE_KINDS,
    Answer,
    Question,
    QuestionKind,
    Response,
    ResultsSnapshot,
    Survey,
    SurveyStatus,
)

# Results of a running survey are published after at least this many new or
# changed responses (and in full at the close).
RESULTS_BATCH = 10
BAR_MAX = 360  # px of the longest possible bar in the SVG charts
ROW_HEIGHT = 44


def survey_list_public() -> QuerySet[Survey]:
    return Survey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("-opens_at", "-id")


def survey_questions(survey: Survey) -> list[Question]:
    """All questions in order, with options and condition, in two queries."""
    return list(
        Question.objects.filter(survey=survey)
        .select_related("section", "condition_option__question")
        .prefetch_related("options")
        .order_by("section__position", "section_id", "position", "id")
    )


def group_by_section(questions: list[Question]) -> list[dict]:
    sections: dict[int, dict] = {}
    for q in questions:
        sections.setdefault(q.section_id, {"section": q.section, "questions": []})[
            "questions"
        ].append(q)
    return list(sections.values())


def user_response(survey: Survey, user) -> Response | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Response.objects.filter(survey=survey, user=user).first()


def response_as_data(response: Response | None) -> dict[str, list[str]]:
    """A stored response as form data (to show it again for changing)."""
    data: dict[str, list[str]] = defaultdict(list)
    if response is None:
        return data
    for a in response.answers.select_related("question"):
        name = a.question.field_name
        if a.rank is not None:
            data[f"{name}_{a.option_id}"] = [str(a.rank)]
        elif a.option_id:
            data[name].append(str(a.option_id))
        elif a.number is not None:
            data[name] = [format(a.number.normalize(), "f")]
        else:
            data[name] = [a.text]
    return data


@dataclass
class ResultRow:
    label: str
    count: int
    percent: float
    extra: str = ""
    y: int = 0

    @property
    def bar(self) -> int:
        return round(BAR_MAX * self.percent / 100)

    @property
    def bar_y(self) -> int:
        return self.y + 18

    @property
    def value_x(self) -> int:
        return self.bar + 8

    @property
    def value_y(self) -> int:
        return self.y + 33


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    rows: list[ResultRow] = field(default_factory=list)
    average: float | None = None
    stats: dict | None = None
    text_count: int = 0

    @property
    def chart_height(self) -> int:
        return ROW_HEIGHT * len(self.rows) + 4


def _pct(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0


def survey_results(survey: Survey, questions: list[Question]) -> list[QuestionResult]:
    """Counts and percentages for every question, in three queries."""
    answers = Answer.objects.filter(question_id__in=[q.pk for q in questions])
    respondents = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    option_stats = {
        (r["question_id"], r["option_id"]): r
        for r in answers.filter(option__isnull=False)
        .values("question_id", "option_id")
        .annotate(n=Count("id"), rank_sum=Sum("rank"), first=Count("id", filter=Q(rank=1)))
    }
    numbers = {
        r["question_id"]: r
        for r in answers.filter(number__isnull=False)
        .values("question_id")
        .annotate(n=Count("id"), avg=Avg("number"), low=Min("number"), high=Max("number"))
    }
    results = []
    for q in questions:
        total = respondents.get(q.pk, 0)
        res = QuestionResult(question=q, respondents=total)
        options = list(q.options.all())
        if q.kind in CHOICE_KINDS:
            for o in options:
                n = option_stats.get((q.pk, o.pk), {}).get("n", 0)
                res.rows.append(ResultRow(label=o.label, count=n, percent=_pct(n, total)))
            if q.kind == QuestionKind.LIKERT and total:
                weighted = sum(i * r.count for i, r in enumerate(res.rows, 1))
                res.average = round(weighted / total, 2)
        elif q.kind == QuestionKind.RANKING:
            averages = []
            for o in options:
                s = option_stats.get((q.pk, o.pk), {})
                avg = (s.get("rank_sum") or 0) / s["n"] if s.get("n") else None
                first = s.get("first", 0)
                extra = f"{avg:.2f}".replace(".", ",") if avg is not None else "–"
                averages.append(
                    (
                        avg if avg is not None else float("inf"),
                        o.position,
                        ResultRow(
                            label=o.label, count=first, percent=_pct(first, total), extra=extra
                        ),
                    )
                )
            res.rows = [row for _avg, _pos, row in sorted(averages, key=lambda t: (t[0], t[1]))]
        elif q.kind == QuestionKind.NUMBER and q.pk in numbers:
            s = numbers[q.pk]
            res.stats = {
                "count": s["n"],
                "average": Decimal(s["avg"]).quantize(Decimal("0.01")),
                "low": s["low"],
                "high": s["high"],
            }
        else:
            res.text_count = total
        for i, row in enumerate(res.rows):
            row.y = i * ROW_HEIGHT
        results.append(res)
    return results


def question_result(question: Question) -> QuestionResult | None:
    """The published result of one question (evidence for an assumption)."""
    results = published_question_results(question.survey, [question])
    return results[0] if results else None


def age_band(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    age = year - birth_year
    return "u30" if age < 30 else "30_59" if age < 60 else "60plus"


AGE_BANDS = [
    ("u30", gettext_lazy("under 30")),
    ("30_59", gettext_lazy("30 to 59")),
    ("60plus", gettext_lazy("60 and over")),
]


@dataclass
class CrossTab:
    question: Question
    groups: list[dict]  # {"label", "respondents", "enough"}
    rows: list[dict]  # {"label", "cells": [{"count", "percent"} | None]}


def survey_crosstabs(survey: Survey, questions: list[Question], dimension: str) -> list[CrossTab]:
    return survey_crosstabs_all(survey, questions)[dimension]


def survey_crosstabs_all(survey: Survey, questions: list[Question]) -> dict[str, list[CrossTab]]:
    """Choice questions by age band and by district, account responses only.

    A group (column) is shown only with at least SMALL_GROUP_THRESHOLD
    respondents to that question; smaller groups say "too few answers".
    Two grouped queries serve both dimensions: each response has one
    (birth year, district) pair, so summing those cells never counts twice.
    """
    year = timezone.localdate().year
    choice_questions = [q for q in questions if q.kind in CHOICE_KINDS]
    base = Answer.objects.filter(
        question_id__in=[q.pk for q in choice_questions],
        option__isnull=False,
        response__user__isnull=False,
    )
    by = ("response__user__birth_year", "response__user__district_id")
    members = {"age": defaultdict(int), "district": defaultdict(int)}
    for row in base.values("question_id", *by).annotate(n=Count("response_id", distinct=True)):
        for dim, key in (("age", age_band(row[by[0]], year)), ("district", row[by[1]])):
            if key is not None:
                members[dim][(row["question_id"], key)] += row["n"]
    counts = {"age": defaultdict(int), "district": defaultdict(int)}
    for row in base.values("question_id", "option_id", *by).annotate(n=Count("id")):
        for dim, key in (("age", age_band(row[by[0]], year)), ("district", row[by[1]])):
            if key is not None:
                counts[dim][(row["question_id"], row["option_id"], key)] += row["n"]
    groups = {
        "age": [(key, str(label)) for key, label in AGE_BANDS],
        "district": [(d.pk, d.name) for d in District.objects.order_by("name")],
    }
    return {
        dim: _tabs(
            choice_questions, groups[dim], members[dim], counts[dim], skip_empty=dim == "district"
        )
        for dim in groups
    }


def _tabs(questions, groups, members, counts, skip_empty: bool) -> list[CrossTab]:
    threshold = settings.SMALL_GROUP_THRESHOLD
    tabs = []
    for q in questions:
        cols = []
        for key, label in groups:
            n = members.get((q.pk, key), 0)
            if skip_empty and n == 0:
                continue
            cols.append({"key": key, "label": label, "respondents": n, "enough": n >= threshold})
        body = []
        for o in q.options.all():
            cells = [
                {
                    "count": counts[(q.pk, o.pk, c["key"])],
                    "percent": _pct(counts[(q.pk, o.pk, c["key"])], c["respondents"]),
                }
                if c["enough"]
                else None
                for c in cols
            ]
            body.append({"label": o.label, "cells": cells})
        tabs.append(CrossTab(question=q, groups=cols, rows=body))
    return tabs


def survey_results_page(survey: Survey, questions: list[Question]) -> dict:
    """Results and cross-tabs, cached until the next stored or changed response."""
    key = ":".join(
        map(
            str,
            (
                "surveys:results",
                survey.pk,
                survey.revision,
                survey.status,
                get_language(),
                settings.SMALL_GROUP_THRESHOLD,
                timezone.localdate().year,
                len(questions),
            ),
        )
    )
    data = cache.get(key)
    if data is None:
        tabs = survey_crosstabs_all(survey, questions)
        data = {
            "results": survey_results(survey, questions),
            "age_tabs": tabs["age"],
            "district_tabs": tabs["district"],
        }
        cache.set(key, data, timeout=3600)
    return data


def results_snapshot_data(survey: Survey, questions: list[Question]) -> dict:
    """Counts of every question and cross-tab as JSON, without any text
    that depends on the language (labels are looked up when shown)."""
    tabs = survey_crosstabs_all(survey, questions)

    def tab_data(tab: CrossTab) -> dict:
        return {
            "q": tab.question.pk,
            "groups": [
                {k: g[k] for k in ("key", "label", "respondents", "enough")} for g in tab.groups
            ],
            "cells": [row["cells"] for row in tab.rows],
        }

    return {
        "results": [
            {
                "q": r.question.pk,
                "respondents": r.respondents,
                "rows": [
                    {
                        "label": row.label,
                        "count": row.count,
                        "percent": row.percent,
                        "extra": row.extra,
                    }
                    for row in r.rows
                ],
                "average": r.average,
                "stats": {k: str(v) for k, v in r.stats.items()} if r.stats else None,
                "text_count": r.text_count,
            }
            for r in survey_results(survey, questions)
        ],
        "tabs": {dim: [tab_data(t) for t in tabs[dim]] for dim in ("age", "district")},
    }


def _from_snapshot(data: dict, questions: list[Question]) -> dict:
    by_pk = {q.pk: q for q in questions}
    results = []
    for r in data["results"]:
        q = by_pk.get(r["q"])
        if q is None:
            continue
        res = QuestionResult(
            question=q,
            respondents=r["respondents"],
            rows=[ResultRow(**row) for row in r["rows"]],
            average=r["average"],
            stats={k: Decimal(v) if k != "count" else int(v) for k, v in r["stats"].items()}
            if r["stats"]
            else None,
            text_count=r["text_count"],
        )
        for i, row in enumerate(res.rows):
            row.y = i * ROW_HEIGHT
        results.append(res)
    age_labels = {key: str(label) for key, label in AGE_BANDS}
    tabs: dict[str, list[CrossTab]] = {}
    for dim in ("age", "district"):
        tabs[dim] = []
        for t in data["tabs"][dim]:
            q = by_pk.get(t["q"])
            if q is None:
                continue
            groups = [
                g | {"label": age_labels.get(g["key"], g["label"])} if dim == "age" else g
                for g in t["groups"]
            ]
            rows = [
                {"label": o.label, "cells": cells}
                for o, cells in zip(q.options.all(), t["cells"], strict=False)
            ]
            tabs[dim].append(CrossTab(question=q, groups=groups, rows=rows))
    return {"results": results, "age_tabs": tabs["age"], "district_tabs": tabs["district"]}


def published_results_page(survey: Survey, questions: list[Question]) -> dict:
    """What the results page shows. A running survey shows its last
    published snapshot (none before RESULTS_BATCH responses); a closed one
    shows everything, because nothing can be added any more."""
    if survey.is_closed():
        return survey_results_page(survey, questions) | {
            "response_total": survey.response_count,
            "published_at": None,
            "batched": False,
        }
    snapshot = ResultsSnapshot.objects.filter(survey=survey).first()
    if snapshot is None:
        return {
            "results": [],
            "age_tabs": [],
            "district_tabs": [],
            "response_total": 0,
            "published_at": None,
            "batched": True,
        }
    return _from_snapshot(snapshot.data, questions) | {
        "response_total": snapshot.response_count,
        "published_at": snapshot.published_at,
        "batched": True,
    }


def published_question_results(survey: Survey, questions: list[Question]) -> list[QuestionResult]:
    """The published result of some questions (evidence for assumptions)."""
    return published_results_page(survey, questions)["results"]


def free_text_answers(survey: Survey, show: str = "visible") -> QuerySet[Answer]:
    qs = Answer.objects.filter(question__survey=survey).exclude(text="").select_related("question")
    if show == "visible":
        qs = qs.filter(is_hidden=False)
    elif show == "hidden":
        qs = qs.filter(is_hidden=True)
    # Not by id: the order of ids is the order in time.
    return qs.order_by("question__position", "question_id", "text")


def _shuffle_key(pk: int) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:response:{pk}".encode()).hexdigest()


def csv_rows(survey: Survey, questions: list[Question]):
    """Header and one row per response; no account, code or time finer than the day."""
    yield [_("No."), _("Source"), _("Date")] + [q.text for q in questions]
    sources = dict(Response._meta.get_field("source").choices)
    responses = sorted(
        Response.objects.filter(survey=survey).values_list("id", "source", "submitted_on"),
        key=lambda r: (r[2], _shuffle_key(r[0])),  # within a day in no telling order
    )
    cells: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    answers = (
        Answer.objects.filter(response__survey=survey)
        .values_list(
            "response_id", "question_id", "option__label", "rank", "number", "text", "is_hidden"
        )
        .order_by("response_id", "rank", "id")
    )
    for rid, qid, label, rank, number, text, hidden in answers:
        if label is not None:
            value = f"{rank}. {label}" if rank is not None else label
        elif number is not None:
            value = format(number.normalize(), "f")
        else:
            value = _("[hidden by moderation]") if hidden else text
        cells[rid][qid].append(value)
    for n, (rid, source, day) in enumerate(responses, 1):
        yield [n, str(sources.get(source, source)), day.isoformat()] + [
            " | ".join(cells[rid].get(q.pk, [])) for q in questions
        ]


def running_surveys(limit: int = 3, now=None) -> list[Survey]:
    """Published surveys open for answers now, closing soonest first (the home page)."""
    now = now or timezone.now()
    return list(
        Survey.objects.filter(status=SurveyStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now)
        .only("id", "title", "closes_at", "status", "opens_at")
        .order_by("closes_at", "id")[:limit]
    )


def responses_of(user, *, limit: int) -> list[Response]:
    """The surveys the person answered with their account, latest first."""
    return list(
        Response.objects.filter(user=user)
        .select_related("survey")
        .only("id", "submitted_on", "updated_on", "survey__id", "survey__title")
        .order_by("-updated_on", "-id")[:limit]
    )


def question_evidence(questions: list[Question]) -> dict[int, dict]:
    """Registered with core.evidence: each question with its survey and its
    published result (one results computation per survey)."""
    by_survey: dict[int, list[Question]] = defaultdict(list)
    for q in questions:
        by_survey[q.survey_id].append(q)
    results: dict[int, QuestionResult] = {}
    for group in by_survey.values():
        survey = group[0].survey
        wanted = {q.pk for q in group}
        full = [q for q in survey_questions(survey) if q.pk in wanted]
        for res in published_question_results(survey, full):
            results[res.question.pk] = res
    return {
        q.pk: {
            "url": q.survey.get_absolute_url(),
            "survey": q.survey,
            "result": results.get(q.pk),
            "results_public": q.survey.results_are_public(),
        }
        for q in questions
    }


def survey_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """Published surveys for the site-wide search (never drafts)."""
    return search_small(
        survey_list_public(),
        query,
        limit=limit,
        title=lambda s: s.title,
        parts=lambda s: (s.description,),
        hit=lambda s: SearchHit(title=s.title, url=s.get_absolute_url(), text=s.description),
    )
