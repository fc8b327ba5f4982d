"""The public figures: what became of the ideas, and who takes part.

Every function runs a fixed number of aggregate queries, whatever the number
of ideas. Hidden ideas are left out. Groups of people smaller than
``settings.SMALL_GROUP_THRESHOLD`` are never shown (see ``suppress``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aufbruch.comments.models import Comment
from aufbruch.committees.models import AgendaItem, Decision
from aufbruch.core.statistics import AgeBand, age_band, suppress
from aufbruch.dashboards.selectors import response_days, response_medians
from aufbruch.ideas.models import Idea, IdeaSource, IdeaStatus, Support
from aufbruch.organisation.models import District, Topic

from .models import PopulationFigure

S = IdeaStatus
# The decision path in its order, then the two ways off it.
PATH = [S.SUBMITTED, S.IN_REVIEW, S.POOL, S.DECIDED, S.FEASIBILITY, S.PILOT, S.IMPLEMENTED]
OFF_PATH = [S.DECLINED, S.MERGED]
CACHE_SECONDS = 300
LIST_LENGTH = 10
UNDER, OVER = 0.8, 1.25  # participation share / population share


class Channel:
    """How an idea reached the platform; phone and in-person both mean a
    member of staff typed it in for the resident."""

    ONLINE, PAPER, WORKSHOP, ASSISTED = "online", "paper", "workshop", "assisted"
    FROM_SOURCE = {
        IdeaSource.ONLINE: ONLINE,
        IdeaSource.PAPER: PAPER,
        IdeaSource.WORKSHOP: WORKSHOP,
        IdeaSource.PHONE: ASSISTED,
        IdeaSource.IN_PERSON: ASSISTED,
    }
    ORDER = [ONLINE, PAPER, WORKSHOP, ASSISTED]


def channel_labels() -> dict[str, str]:
    return {
        Channel.ONLINE: _("online"),
        Channel.PAPER: _("on paper"),
        Channel.WORKSHOP: _("at a workshop"),
        Channel.ASSISTED: _("with the help of staff (phone, in person)"),
    }


# --- the small-group rule -------------------------------------------------------------


# --- the decision path ----------------------------------------------------------------


@dataclass
class StatusRow:
    status: str
    label: str
    count: int
    on_path: bool


@dataclass
class SessionRow:
    meeting_id: int
    committee: str
    date: dt.date
    reference: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ChannelRow:
    channel: str
    label: str
    count: int | None  # None: fewer than the threshold


@dataclass
class Figures:
    total: int
    statuses: list[StatusRow]
    response_days: int
    due: int  # ideas whose answer deadline has passed or which were answered
    on_time: int
    median_days: float | None
    answered: int
    sessions: list[SessionRow]
    pilots: list[dict]
    implemented: list[dict]
    channels: list[ChannelRow]
    computed_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.due, 1) if self.due else None

    def count(self, status: str) -> int:
        return next((r.count for r in self.statuses if r.status == status), 0)

    @property
    def pilot_count(self) -> int:
        return self.count(S.PILOT)

    @property
    def implemented_count(self) -> int:
        return self.count(S.IMPLEMENTED)


def public_ideas(*, topic: int | None = None, district: int | None = None) -> QuerySet[Idea]:
    """Ideas that are not hidden, optionally of one field of action (id) and district (id)."""
    ideas = Idea.objects.filter(is_hidden=False)
    if topic is not None:
        ideas = ideas.filter(topic_id=topic)
    if district is not None:
        ideas = ideas.filter(district_id=district)
    return ideas.order_by()


def deadline_expression(days: int):
    """The idea's answer deadline; ideas from before deadlines were stored get the setting's."""
    return Coalesce(
        F("response_due_at"),
        ExpressionWrapper(F("created_at") + dt.timedelta(days=days), output_field=DateTimeField()),
    )


def programme_figures(*, topic: int | None = None, district: int | None = None) -> Figures:
    """Five queries (six with the guides' settings)."""
    days = response_days()
    now = timezone.now()
    ideas = public_ideas(topic=topic, district=district).annotate(
        deadline=deadline_expression(days)
    )
    answered_q = Q(first_response_at__isnull=False)
    by_status: dict[str, int] = defaultdict(int)
    by_channel: dict[str, int] = defaultdict(int)
    due = on_time = 0
    for row in ideas.values("status", "source").annotate(
        n=Count("id"),
        due=Count("id", filter=answered_q | Q(deadline__lt=now)),
        on_time=Count("id", filter=answered_q & Q(first_response_at__lte=F("deadline"))),
    ):
        by_status[row["status"]] += row["n"]
        by_channel[Channel.FROM_SOURCE.get(row["source"], Channel.ONLINE)] += row["n"]
        due += row["due"]
        on_time += row["on_time"]
    labels = dict(IdeaStatus.choices)
    statuses = [
        StatusRow(s, str(labels[s]), by_status.get(s, 0), s in PATH) for s in PATH + OFF_PATH
    ]
    median_days, answered = response_medians(public_ideas(topic=topic, district=district)).get(
        None, (None, 0)
    )
    hidden = suppress({c: by_channel.get(c, 0) for c in Channel.ORDER})
    channel_names = channel_labels()
    channels = [
        ChannelRow(c, channel_names[c], None if c in hidden else by_channel.get(c, 0))
        for c in Channel.ORDER
    ]
    return Figures(
        total=sum(by_status.values()),
        statuses=statuses,
        response_days=days,
        due=due,
        on_time=on_time,
        median_days=None if median_days is None else round(median_days, 1),
        answered=answered,
        sessions=decisions_by_session(topic=topic, district=district),
        pilots=_latest(topic, district, S.PILOT),
        implemented=_latest(topic, district, S.IMPLEMENTED),
        channels=channels,
    )


def _latest(topic, district, status) -> list[dict]:
    return list(
        public_ideas(topic=topic, district=district)
        .filter(status=status)
        .order_by("-updated_at", "-pk")
        .values("id", "title", "updated_at", "topic__name", "district__name")[:LIST_LENGTH]
    )


def decisions_by_session(*, topic=None, district=None, limit: int = 12) -> list[SessionRow]:
    """Decisions per committee session (the latest ``limit`` sessions with decisions). One query."""
    items = AgendaItem.objects.filter(
        meeting__decided_at__isnull=False, idea__is_hidden=False
    ).exclude(decision="")
    if topic is not None:
        items = items.filter(idea__topic_id=topic)
    if district is not None:
        items = items.filter(idea__district_id=district)
    sessions: dict[int, SessionRow] = {}
    for row in (
        items.order_by()
        .values(
            "meeting_id", "meeting__committee", "meeting__date", "meeting__reference", "decision"
        )
        .annotate(n=Count("id"))
    ):
        session = sessions.setdefault(
            row["meeting_id"],
            SessionRow(
                row["meeting_id"],
                row["meeting__committee"],
                row["meeting__date"],
                row["meeting__reference"],
                {d: 0 for d in Decision.values},
            ),
        )
        session.counts[row["decision"]] += row["n"]
    rows = sorted(sessions.values(), key=lambda s: (s.date, s.meeting_id), reverse=True)[:limit]
    return list(reversed(rows))


def cached_figures(*, topic: int | None = None, district: int | None = None) -> Figures:
    """The same for everyone for a few minutes: at 100,000 ideas the
    aggregates scan the idea table; the cached figures are served at once."""
    key = ":".join(
        map(
            str,
            (
                "figures:programme:v1",
                topic or "-",
                district or "-",
                get_language(),
                settings.SMALL_GROUP_THRESHOLD,
            ),
        )
    )
    return cache.get_or_set(
        key, lambda: programme_figures(topic=topic, district=district), CACHE_SECONDS
    )


# --- who takes part -------------------------------------------------------------------


@dataclass
class GroupRow:
    key: str
    label: str
    participants: int | None  # None: hidden by the small-group rule
    participant_share: float | None  # percent of participants who stated this dimension
    residents: int | None
    resident_share: float | None
    verdict: str  # "under", "over", "even" or "" (unknown)


@dataclass
class Comparison:
    rows: list[GroupRow]
    participants: int  # everybody counted in this dimension
    not_stated: int | None  # None: hidden
    residents: int
    is_demo: bool

    @property
    def under_represented(self) -> list[GroupRow]:
        return [r for r in self.rows if r.verdict == "under"]


@dataclass
class Participation:
    total: int
    age: Comparison
    district: Comparison
    computed_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def is_demo(self) -> bool:
        return self.age.is_demo or self.district.is_demo


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def compare(
    groups: list[tuple[str, str]],
    counts: dict[str, int],
    not_stated: int,
    population: dict[str, int],
    is_demo: bool,
) -> Comparison:
    """Participants per group against the residents per group (hand-checkable: see the tests)."""
    threshold = settings.SMALL_GROUP_THRESHOLD
    stated = sum(counts.get(key, 0) for key, _label in groups)
    hidden = suppress({**{key: counts.get(key, 0) for key, _label in groups}, None: not_stated})
    residents = sum(population.get(key, 0) for key, _label in groups)
    rows = []
    for key, label in groups:
        n = counts.get(key, 0)
        pop = population.get(key)
        pop_share = _percent(pop, residents) if pop is not None else None
        part_share = None if key in hidden else _percent(n, stated)
        verdict = ""
        if pop_share:
            if part_share is not None:
                ratio = part_share / pop_share
                verdict = "under" if ratio < UNDER else "over" if ratio > OVER else "even"
            elif stated and 100 * threshold / stated < UNDER * pop_share:
                verdict = "under"  # even the largest hidden number would be too few
        rows.append(
            GroupRow(
                key=str(key),
                label=label,
                participants=None if key in hidden else n,
                participant_share=part_share,
                residents=pop,
                resident_share=pop_share,
                verdict=verdict,
            )
        )
    return Comparison(
        rows=rows,
        participants=stated,
        not_stated=None if None in hidden else not_stated,
        residents=residents,
        is_demo=is_demo,
    )


def participants() -> QuerySet:
    """Active accounts that have submitted, supported or commented on an idea."""
    User = get_user_model()
    return User.objects.filter(is_active=True).filter(
        Exists(Idea.objects.filter(author=OuterRef("pk")))
        | Exists(Support.objects.filter(user=OuterRef("pk")))
        | Exists(Comment.objects.filter(author=OuterRef("pk")))
    )


def participation(*, users: QuerySet | None = None, year: int | None = None) -> Participation:
    """Participants by age band and district against the population. Three queries."""
    year = timezone.localdate().year if year is None else year
    users = participants() if users is None else users
    by_age: dict[str, int] = defaultdict(int)
    by_district: dict[str, int] = defaultdict(int)
    total = 0
    for row in users.order_by().values("birth_year", "district_id").annotate(n=Count("id")):
        total += row["n"]
        by_age[age_band(row["birth_year"], year)] += row["n"]
        by_district[row["district_id"]] += row["n"]
    pop_age: dict[str, int] = {}
    pop_district: dict[int, int] = {}
    demo_age = demo_district = False
    for fig in PopulationFigure.objects.all():
        if fig.age_band:
            pop_age[fig.age_band] = fig.residents
            demo_age |= fig.is_demo
        else:
            pop_district[fig.district_id] = fig.residents
            demo_district |= fig.is_demo
    districts = list(District.objects.order_by("name").values_list("pk", "name"))
    age = compare(
        [(band.value, str(band.label)) for band in AgeBand],
        by_age,
        by_age.get(None, 0),
        pop_age,
        demo_age,
    )
    district = compare(
        [(pk, name) for pk, name in districts],
        by_district,
        by_district.get(None, 0),
        pop_district,
        demo_district,
    )
    return Participation(total=total, age=age, district=district)


def cached_participation() -> Participation:
    key = f"figures:participation:v1:{get_language()}:{settings.SMALL_GROUP_THRESHOLD}"
    return cache.get_or_set(key, participation, CACHE_SECONDS)


def forget_participation() -> None:
    """After the office changed the population figures (cache invalidation only)."""
    for code, _name in settings.LANGUAGES:
        cache.delete(f"figures:participation:v1:{code}:{settings.SMALL_GROUP_THRESHOLD}")


def filter_choices() -> dict:
    """Fields of action and districts for the filter (cached with the figures)."""

    def load():
        return {
            "topics": list(Topic.objects.order_by("name").values("pk", "slug", "name")),
            "districts": list(District.objects.order_by("name").values("pk", "slug", "name")),
        }

    return cache.get_or_set("figures:choices:v1", load, CACHE_SECONDS)
