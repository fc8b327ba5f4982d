"""The Sachstandsbericht for a period: what happened between its first and
its last day, read only from what is dated inside it (creation times,
recorded status changes, session dates), so the same period always gives
the same report. Issuing it (services.report_issue) archives the result."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.assumptions.models import Review
from aufbruch.comments.models import Comment
from aufbruch.committees.models import AgendaItem
from aufbruch.core.text import plain_text
from aufbruch.ideas.models import Idea, IdeaStatus, StatusChange, Support
from aufbruch.meetings.models import Meeting

from . import selectors

S = IdeaStatus
EXCERPT = 600


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return lo, hi


def _excerpt(text: str) -> str:
    text = plain_text(text or "").strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def report_data(*, start: dt.date, end: dt.date) -> dict:
    """All figures and lists of the period, as plain JSON-ready data."""
    lo, hi = _bounds(start, end)
    in_period = {"created_at__gte": lo, "created_at__lt": hi}
    counts = Idea.objects.order_by().aggregate(
        received=Count("id", filter=Q(**in_period)),
        answered=Count("id", filter=Q(first_response_at__gte=lo, first_response_at__lt=hi)),
    )
    moves: dict[str, int] = defaultdict(int)
    for row in (
        StatusChange.objects.filter(**in_period)
        .order_by()
        .values("to_status")
        .annotate(n=Count("id"))
    ):
        moves[row["to_status"]] += row["n"]
    last_change = StatusChange.objects.filter(idea=OuterRef("pk"), created_at__lt=hi).order_by(
        "-created_at", "-id"
    )
    pilots = list(
        Idea.objects.filter(is_hidden=False, created_at__lt=hi)
        .annotate(
            st=Subquery(last_change.values("to_status")[:1]),
            since=Subquery(last_change.values("created_at")[:1]),
        )
        .filter(st=S.PILOT)
        .order_by("since", "pk")
        .values("pk", "title", "since", "topic__name")
    )
    decisions = [
        {
            "date": item.meeting.date.isoformat(),
            "committee": item.meeting.committee,
            "reference": item.meeting.reference,
            "idea": item.idea_id,
            "title": item.idea.title,
            "decision": item.get_decision_display(),
            "explanation": _excerpt(item.explanation),
        }
        for item in AgendaItem.objects.filter(
            meeting__date__gte=start,
            meeting__date__lte=end,
            status_change__created_at__lt=hi,
            idea__is_hidden=False,
        )
        .exclude(decision="")
        .select_related("meeting", "idea")
        .order_by("meeting__date", "meeting_id", "position", "pk")
    ]
    reviews = [
        {
            "date": r.reviewed_on.isoformat(),
            "assumption": r.assumption_id,
            "before": r.previous_wording,
            "after": r.new_wording or r.previous_wording,
            "outcome": r.get_outcome_display(),
            "reasoning": _excerpt(r.reasoning),
        }
        for r in Review.objects.filter(reviewed_on__gte=start, reviewed_on__lte=end).order_by(
            "reviewed_on", "pk"
        )
    ]
    events = [
        {
            "date": timezone.localtime(m.starts_at).date().isoformat(),
            "title": m.title,
            "kind": m.get_kind_display(),
            "attended": m.attended_count,
            "results": _excerpt(m.results)
            if m.results_published_at and m.results_published_at < hi
            else "",
        }
        for m in Meeting.objects.filter(
            is_published=True, starts_at__gte=lo, ends_at__lt=hi
        ).order_by("starts_at", "pk")
    ]
    contributed = (
        Exists(Idea.objects.filter(author=OuterRef("pk"), **in_period))
        | Exists(Support.objects.filter(user=OuterRef("pk"), **in_period))
        | Exists(Comment.objects.filter(author=OuterRef("pk"), **in_period))
    )
    users = get_user_model().objects.filter(is_active=True).filter(contributed)
    people = selectors.participation(users=users, year=end.year)
    channels: dict[str, int] = defaultdict(int)
    for row in Idea.objects.filter(**in_period).order_by().values("source").annotate(n=Count("id")):
        channels[selectors.Channel.FROM_SOURCE.get(row["source"], selectors.Channel.ONLINE)] += row[
            "n"
        ]
    hidden_channels = selectors.suppress({c: channels.get(c, 0) for c in selectors.Channel.ORDER})
    channel_names = selectors.channel_labels()
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "figures": {
            "received": counts["received"],
            "answered": counts["answered"],
            "adopted": moves[S.DECIDED],
            "declined": moves[S.DECLINED],
            "to_pilot": moves[S.PILOT],
            "in_pilot_at_end": len(pilots),
            "implemented": moves[S.IMPLEMENTED],
        },
        "decisions": decisions,
        "pilots": [
            {
                "idea": p["pk"],
                "title": p["title"],
                "since": timezone.localtime(p["since"]).date().isoformat(),
                "topic": p["topic__name"],
            }
            for p in pilots
        ],
        "reviews": reviews,
        "events": events,
        "participation": {
            "total": people.total,
            "age": dataclasses.asdict(people.age),
            "district": dataclasses.asdict(people.district),
        },
        "channels": [
            {
                "label": channel_names[c],
                "count": None if c in hidden_channels else channels.get(c, 0),
            }
            for c in selectors.Channel.ORDER
        ],
    }


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def csv_rows(data: dict) -> list[list]:
    """The report's figures as rows (section, item, value, and the population where it applies)."""
    rows: list[list] = []
    labels = {
        "received": _("Ideas received"),
        "answered": _("Ideas answered for the first time"),
        "adopted": _("Ideas adopted by a committee"),
        "declined": _("Ideas declined"),
        "to_pilot": _("Ideas that started a pilot"),
        "in_pilot_at_end": _("Ideas in a pilot at the end of the period"),
        "implemented": _("Ideas implemented"),
    }
    for key, label in labels.items():
        rows.append([_("Ideas"), label, data["figures"][key], ""])
    for c in data["channels"]:
        rows.append([_("Channel"), c["label"], "" if c["count"] is None else c["count"], ""])
    for dim, section in (
        ("age", _("Participants by age band")),
        ("district", _("Participants by district")),
    ):
        for r in data["participation"][dim]["rows"]:
            rows.append(
                [
                    section,
                    r["label"],
                    "" if r["participants"] is None else r["participants"],
                    r["residents"] if r["residents"] is not None else "",
                ]
            )
    for d in data["decisions"]:
        rows.append(
            [
                _("Decision"),
                f"{d['date']} {d['committee']} {d['reference']}: #{d['idea']} {d['title']}",
                d["decision"],
                "",
            ]
        )
    return rows
