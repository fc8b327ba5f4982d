"""Response and query schemas of the open-data API. Only public fields: an
idea's author, e-mail addresses, birth years, internal notes, staff drafts
and individual votes never appear. Descriptions are German: they are the
documentation of the German open-data offer (docs page and OpenAPI)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema

from aufbruch.assumptions.models import AssumptionStatus, ReviewOutcome
from aufbruch.committees.models import Decision
from aufbruch.ideas.models import IdeaSource, IdeaStatus
from aufbruch.meetings.models import MeetingKind
from aufbruch.projects.models import ProjectStatus
from aufbruch.surveys.models import QuestionKind

from .public import absolute

MAX_ID = 9_223_372_036_854_775_807


def object_id(what: str):
    return Annotated[int, Path(ge=1, le=MAX_ID, description=f"ID {what}")]


IdeaId = object_id("der Idee")
StatusCode = Literal[tuple(IdeaStatus.values)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(IdeaSource.values)]  # type: ignore[valid-type]
DecisionCode = Literal[tuple(Decision.values)]  # type: ignore[valid-type]
ProjectStatusCode = Literal[tuple(ProjectStatus.values)]  # type: ignore[valid-type]
EventKind = Literal[tuple(MeetingKind.values)]  # type: ignore[valid-type]
AssumptionStatusCode = Literal[tuple(AssumptionStatus.values)]  # type: ignore[valid-type]
ReviewOutcomeCode = Literal[tuple(ReviewOutcome.values)]  # type: ignore[valid-type]
QuestionKindCode = Literal[tuple(QuestionKind.values)]  # type: ignore[valid-type]
SortKey = Literal["new", "supported", "discussed"]
Slug = Field(None, max_length=100)
# Free-text query values: no control characters (PostgreSQL refuses a NUL in
# a string, and none belongs in a slug, a name or a search); such a value is
# answered with 422 like any other invalid parameter.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


class PageParams(Schema):
    page: int = Field(1, ge=1, le=10_000, description="Seitennummer, beginnt bei 1")
    page_size: int = Field(20, ge=1, le=100, description="Einträge pro Seite (höchstens 100)")


class IdeaFilters(PageParams):
    topic: str | None = Field(
        None,
        max_length=100,
        pattern=PRINTABLE,
        description="Kürzel eines Handlungsfelds, siehe /topics",
    )
    district: str | None = Field(
        None,
        max_length=100,
        pattern=PRINTABLE,
        description="Kürzel eines Stadtteils, siehe /districts",
    )
    status: StatusCode | None = Field(None, description="Status auf dem Entscheidungsweg")
    q: str | None = Field(
        None,
        max_length=200,
        pattern=PRINTABLE,
        description="Volltextsuche (findet auch gebeugte Formen)",
    )
    sort: SortKey = Field(
        "new",
        description="new: neueste zuerst; supported: meiste Unterstützungen; discussed: meiste Kommentare",
    )


class SessionFilters(PageParams):
    committee: str | None = Field(
        None, max_length=150, pattern=PRINTABLE, description="Name des Ausschusses (genau)"
    )
    date_from: date | None = Field(None, description="Sitzungen ab diesem Tag (JJJJ-MM-TT)")
    date_to: date | None = Field(None, description="Sitzungen bis zu diesem Tag (JJJJ-MM-TT)")


class DecisionFilters(SessionFilters):
    decision: DecisionCode | None = Field(None, description="Nur Beschlüsse dieser Art")


class ProjectFilters(PageParams):
    status: ProjectStatusCode | None = Field(
        None, description="running: läuft; completed: umgesetzt; stopped: beendet"
    )


class UpdateFilters(PageParams):
    project: int | None = Field(
        None, ge=1, le=MAX_ID, description="Nur Berichte dieses Projekts (ID)"
    )


class EventFilters(PageParams):
    kind: EventKind | None = Field(None, description="Art der Veranstaltung")
    upcoming: bool | None = Field(None, description="true: nur kommende; false: nur vergangene")


class BoardFilters(PageParams):
    board: str | None = Field(
        None, max_length=80, pattern=PRINTABLE, description="Kürzel eines Beirats"
    )


class AssumptionFilters(PageParams):
    topic: str | None = Field(
        None, max_length=100, pattern=PRINTABLE, description="Kürzel eines Handlungsfelds"
    )
    status: AssumptionStatusCode | None = Field(None, description="Stand der Annahme")


class LicenseOut(Schema):
    title: str = Field(description="Name der Lizenz")
    url: str = Field(description="Lizenztext")
    attribution: str = Field(description="So ist die Quelle zu nennen")


class ListMeta(Schema):
    count: int = Field(description="Anzahl der Treffer, gezählt bis count_cap")
    count_is_capped: bool = Field(description="true, wenn mehr als count_cap Einträge passen")
    count_cap: int
    page: int
    page_size: int
    has_next: bool = Field(description="true, wenn es eine weitere Seite gibt")
    license: LicenseOut


class TopicOut(Schema):
    id: int
    slug: str
    name: str
    description: str


class TopicRef(Schema):
    id: int
    slug: str
    name: str


class DistrictOut(Schema):
    id: int
    slug: str
    name: str
    latitude: float | None
    longitude: float | None


class DistrictRef(Schema):
    id: int
    slug: str
    name: str


class IdeaOut(Schema):
    id: int
    title: str
    body_html: str = Field(description="Text der Idee als bereinigtes HTML")
    topic: TopicRef
    district: DistrictRef | None
    status: StatusCode
    support_count: int
    comment_count: int
    created_at: datetime
    latitude: float | None
    longitude: float | None
    source: SourceCode = Field(
        description="Wie die Idee zur Stadt kam (online, Papierkarte, Werkstatt …)"
    )
    url: str = Field(description="Öffentliche Seite der Idee")


class StatusChangeOut(Schema):
    id: int
    idea_id: int
    from_status: StatusCode
    to_status: StatusCode
    explanation_html: str = Field(description="Öffentliche Begründung des Schritts")
    decided_at: date | None = Field(
        description="Datum des Beschlusses, falls ein Gremium entschieden hat"
    )
    reference: str = Field(description="Aktenzeichen oder Vorlagennummer")
    created_at: datetime


class OfficialResponseOut(Schema):
    id: int
    idea_id: int
    department: str = Field(description="Antwortender Fachbereich")
    text_html: str
    version: int
    published_at: datetime
    edited_at: datetime | None


class IdeaDetailOut(IdeaOut):
    status_history: list[StatusChangeOut] = Field(
        description="Alle Schritte auf dem Entscheidungsweg"
    )
    official_responses: list[OfficialResponseOut] = Field(
        description="Stellungnahmen der Verwaltung"
    )
    project_ids: list[int] = Field(description="Projekte, die die Idee umsetzen")
    merged_into_id: int | None = Field(description="Idee, mit der diese zusammengeführt wurde")


class IdeaListOut(ListMeta):
    items: list[IdeaOut]


class AgendaItemOut(Schema):
    id: int
    session_id: int
    position: int
    idea_id: int
    idea_title: str
    decision: DecisionCode | None = Field(
        description="Beschluss; leer, solange er nicht erfasst ist"
    )
    explanation: str | None


class OParlRefOut(Schema):
    oparl_id: str = Field(description="OParl-ID (URL) im Ratsinformationssystem")
    web_url: str = Field(description="Seite im Ratsinformationssystem")
    name: str


class SessionOut(Schema):
    id: int
    committee: str
    date: date
    reference: str = Field(description="Nummer der Vorlage")
    decisions_recorded: bool
    decisions_recorded_at: datetime | None


class SessionDetailOut(SessionOut):
    agenda: list[AgendaItemOut]
    oparl_meeting: OParlRefOut | None = Field(
        description="Die Sitzung im Ratsinformationssystem (OParl)"
    )
    oparl_papers: list[OParlRefOut] = Field(
        description="Drucksachen im Ratsinformationssystem (OParl)"
    )


class SessionListOut(ListMeta):
    items: list[SessionOut]


class DecisionOut(Schema):
    id: int
    session_id: int
    committee: str
    date: date
    reference: str
    idea_id: int
    idea_title: str
    decision: DecisionCode
    explanation: str


class DecisionListOut(ListMeta):
    items: list[DecisionOut]


class MilestoneOut(Schema):
    id: int
    project_id: int
    title: str
    due_on: date
    done_on: date | None


class ImageOut(Schema):
    url: str
    alt_text: str
    width: int
    height: int


class ProjectUpdateOut(Schema):
    id: int
    project_id: int
    title: str
    body_html: str
    progress: int | None
    published_at: datetime
    url: str
    images: list[ImageOut]


class ProjectOut(Schema):
    id: int
    title: str
    goal_html: str
    department: str = Field(description="Federführender Fachbereich")
    status: ProjectStatusCode
    progress: int = Field(description="Fortschritt in Prozent")
    budget_planned: float | None = Field(description="Geplantes Budget in Euro")
    budget_spent: float | None = Field(description="Ausgegebenes Budget in Euro")
    starts_on: date | None
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    idea_ids: list[int]
    url: str


class ProjectDetailOut(ProjectOut):
    milestones: list[MilestoneOut]
    updates: list[ProjectUpdateOut]


class ProjectListOut(ListMeta):
    items: list[ProjectOut]


class ProjectUpdateListOut(ListMeta):
    items: list[ProjectUpdateOut]


class EventOut(Schema):
    id: int
    title: str
    description_html: str
    kind: EventKind
    starts_at: datetime
    ends_at: datetime
    venue: str
    address: str
    latitude: float | None
    longitude: float | None
    online_url: str
    accessibility_info: str
    capacity: int
    results_html: str | None = Field(description="Ergebnisse, sobald veröffentlicht")
    results_published_at: datetime | None
    url: str


class EventListOut(ListMeta):
    items: list[EventOut]


class RecommendationAnswerOut(Schema):
    id: int
    recommendation_id: int
    department: str
    body_html: str
    created_at: datetime


class RecommendationOut(Schema):
    id: int
    board: str
    board_slug: str
    title: str
    body_html: str
    yes_count: int
    no_count: int
    abstain_count: int
    member_count: int
    quorum_reached: bool | None
    adopted: bool | None
    published_at: datetime
    answer_due_at: datetime | None
    idea_ids: list[int]
    url: str
    answers: list[RecommendationAnswerOut] = Field(description="Antworten der Verwaltung")


class RecommendationListOut(ListMeta):
    items: list[RecommendationOut]


class ResultRowOut(Schema):
    label: str
    count: int
    percent: float


class NumberStatsOut(Schema):
    count: int
    average: float
    low: float
    high: float


class CellOut(Schema):
    count: int
    percent: float


class CrossTabGroupOut(Schema):
    label: str
    shown: bool = Field(
        description="false: weniger als die Mindestzahl an Antworten, Werte ausgeblendet"
    )
    respondents: int | None


class CrossTabRowOut(Schema):
    label: str
    cells: list[CellOut | None]


class CrossTabOut(Schema):
    groups: list[CrossTabGroupOut]
    rows: list[CrossTabRowOut]


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: QuestionKindCode
    respondents: int
    rows: list[ResultRowOut]
    average: float | None
    number_stats: NumberStatsOut | None
    by_age: CrossTabOut | None
    by_district: CrossTabOut | None


class SurveyResultOut(Schema):
    id: int
    title: str
    description_html: str
    opens_at: datetime
    closes_at: datetime
    small_group_threshold: int = Field(
        description="Gruppen mit weniger Antworten werden nicht gezeigt"
    )
    url: str
    questions: list[QuestionResultOut]


class SurveyListOut(ListMeta):
    items: list[SurveyResultOut]


class StatementOut(Schema):
    id: int
    opinion_map_id: int
    text: str
    is_seed: bool
    created_at: datetime


class GroupShareOut(Schema):
    group: str
    shown: bool
    agree: int | None
    disagree: int | None
    seen: int | None


class StatementResultOut(Schema):
    text: str
    groups: list[GroupShareOut]


class RepresentativeOut(Schema):
    text: str
    direction: str
    percent: int
    seen: int


class OpinionGroupOut(Schema):
    label: str
    size: int
    shown: bool
    representative: list[RepresentativeOut]


class OpinionResultsOut(Schema):
    computed_at: datetime
    n_participants: int
    groups: list[OpinionGroupOut]
    consensus: list[StatementResultOut]
    divisive: list[StatementResultOut]


class OpinionMapOut(Schema):
    id: int
    question: str
    description: str
    topic: str | None
    is_open: bool
    attribution: str
    source_url: str
    created_at: datetime
    url: str


class OpinionMapDetailOut(OpinionMapOut):
    statements: list[StatementOut]
    results: OpinionResultsOut | None = Field(
        description="Ergebnisse je Gruppe; kleine Gruppen ausgeblendet"
    )


class OpinionMapListOut(ListMeta):
    items: list[OpinionMapOut]


class ReviewOut(Schema):
    id: int
    assumption_id: int
    reviewed_on: date
    outcome: ReviewOutcomeCode
    reasoning_html: str
    previous_wording: str
    new_wording: str
    next_review_on: date | None


class AssumptionOut(Schema):
    id: int
    wording: str
    original_wording: str
    explanation_html: str
    topic: str
    status: AssumptionStatusCode
    review_due_on: date
    created_at: datetime
    url: str
    reviews: list[ReviewOut]


class AssumptionListOut(ListMeta):
    items: list[AssumptionOut]


class NotFoundOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


def _float(value) -> float | None:
    return None if value is None else float(value)


def idea_out(idea) -> dict[str, Any]:
    """The public fields of one idea (topic and district must be selected)."""
    return {
        "id": idea.pk,
        "title": idea.title,
        "body_html": idea.body_html,
        "topic": {"id": idea.topic.pk, "slug": idea.topic.slug, "name": idea.topic.name},
        "district": (
            {"id": idea.district.pk, "slug": idea.district.slug, "name": idea.district.name}
            if idea.district_id
            else None
        ),
        "status": idea.status,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "created_at": idea.created_at,
        "latitude": _float(idea.latitude),
        "longitude": _float(idea.longitude),
        "source": idea.source,
        "url": absolute(idea.get_absolute_url()),
    }
