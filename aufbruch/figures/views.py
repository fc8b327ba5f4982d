"""The public figures page "Was aus den Ideen wird": no login, no JavaScript,
the same cached figures for everyone."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aufbruch.committees.models import Decision

from . import charts, selectors


def _pick(choices: list[dict], slug: str | None) -> dict | None:
    if not slug:
        return None
    found = next((c for c in choices if c["slug"] == slug), None)
    if found is None:
        raise Http404
    return found


def figures_context(data: selectors.Figures) -> dict:
    decision_css = {
        Decision.ADOPTED: "ab-status-decided",
        Decision.BACK_TO_POOL: "ab-status-pool",
        Decision.DECLINED: "ab-status-declined",
    }
    decision_labels = dict(Decision.choices)
    series = [(d, decision_css[d], str(decision_labels[d])) for d in Decision.values]
    late = data.due - data.on_time
    return {
        "data": data,
        "status_chart": charts.bar_chart(
            [(s.label, s.count, f"ab-status-{s.status}") for s in data.statuses]
        ),
        "answer_chart": charts.bar_chart(
            [
                (_("answered on time"), data.on_time, "ab-status-decided"),
                (_("answered late or overdue"), late, "ab-status-declined"),
            ]
        ),
        "late": late,
        "decision_series": series,
        "session_chart": charts.stacked_bars(
            [
                (
                    f"{s.date:%d.%m.%Y} {s.reference}",
                    [(css, label, s.counts.get(d, 0)) for d, css, label in series],
                )
                for s in data.sessions
            ]
        ),
        "session_rows": [
            (s, [s.counts.get(d, 0) for d, _css, _label in series]) for s in data.sessions
        ],
        "channel_chart": charts.bar_chart(
            [
                (c.label, c.count, "ab-status-submitted")
                for c in data.channels
                if c.count is not None
            ]
        ),
    }


def participation_context(people: selectors.Participation) -> dict:
    threshold = settings.SMALL_GROUP_THRESHOLD
    return {
        "people": people,
        "threshold": threshold,
        "age_chart": charts.paired_chart(people.age.rows, threshold),
        "district_chart": charts.paired_chart(people.district.rows, threshold),
    }


def _content_key(data, people, choices, topic, district) -> str:
    """The rendering is a function of the cached figures (named by the time
    they were computed), the filter choices, the selection and the language:
    it is exactly as fresh as the "As of" time it shows."""
    raw = repr(
        (
            data.computed_at.isoformat(),
            people.computed_at.isoformat() if people is not None else None,
            choices,
            topic["pk"] if topic else None,
            district["pk"] if district else None,
            get_language(),
            settings.SMALL_GROUP_THRESHOLD,
        )
    )
    return "figures:page:v1:" + hashlib.sha256(raw.encode()).hexdigest()


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The figures come from the cache (recomputed every few minutes); their
    rendering is shared too, keyed by the figures it shows, so a view costs
    the cache reads and the page frame."""
    choices = selectors.filter_choices()
    topic = _pick(choices["topics"], request.GET.get("topic"))
    district = _pick(choices["districts"], request.GET.get("district"))
    data = selectors.cached_figures(
        topic=topic["pk"] if topic else None, district=district["pk"] if district else None
    )
    people = None
    if topic is None and district is None:
        people = selectors.cached_participation()

    def render_content() -> str:
        context = figures_context(data) | {
            "choices": choices,
            "topic": topic,
            "district": district,
            "threshold": settings.SMALL_GROUP_THRESHOLD,
        }
        if people is not None:
            context |= participation_context(people)
        return render_to_string("figures/_figures_content.html", context, request)

    key = _content_key(data, people, choices, topic, district)
    content = cache.get_or_set(key, render_content, selectors.CACHE_SECONDS)
    return render(
        request,
        "figures/figures.html",
        {
            "content_html": mark_safe(content),  # noqa: S308 - our own rendering
            "topic": topic,
            "district": district,
        },
    )
