"""What the public may see, in one place: the querysets of public objects and
one row builder per entity (plain dicts of public fields). The API nests
these rows; the bulk export (aufbruch.opendata) writes the same rows as CSV;
the feeds read the same querysets. Nothing here reads internal notes, staff
drafts, authors, e-mail addresses or hidden content."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from aufbruch.assumptions.models import Assumption, Review
from aufbruch.boards.models import Recommendation, RecommendationAnswer
from aufbruch.committees.models import AgendaItem, CommitteeMeeting
from aufbruch.core.links import absolute_url
from aufbruch.guides.models import OfficialResponse
from aufbruch.ideas.models import Idea, StatusChange
from aufbruch.meetings.models import Meeting
from aufbruch.opinions.models import OpinionMap, Statement, StatementState
from aufbruch.projects.models import Milestone, Project, ProjectUpdate, ProjectUpdateImage
from aufbruch.surveys.models import Survey, SurveyStatus


def absolute(path: str) -> str:
    return absolute_url(path)


def license_info() -> dict[str, str]:
    return {
        "title": settings.OPEN_DATA_LICENSE,
        "url": settings.OPEN_DATA_LICENSE_URL,
        "attribution": settings.OPEN_DATA_ATTRIBUTION,
    }


def _float(value) -> float | None:
    return None if value is None else float(value)


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- querysets of public objects -------------------------------------------------------


def public_ideas() -> QuerySet[Idea]:
    return Idea.objects.filter(is_hidden=False)


def public_status_changes() -> QuerySet[StatusChange]:
    return StatusChange.objects.filter(idea__is_hidden=False)


def public_official_responses() -> QuerySet[OfficialResponse]:
    return OfficialResponse.objects.filter(idea__is_hidden=False).select_related("department")


def public_committee_meetings() -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.all()


def public_agenda_items() -> QuerySet[AgendaItem]:
    """Agenda items of ideas that are not hidden; their decision counts only
    once the meeting's decisions are recorded (see decision_row)."""
    return AgendaItem.objects.filter(idea__is_hidden=False).select_related("meeting", "idea")


def public_decisions() -> QuerySet[AgendaItem]:
    return public_agenda_items().filter(meeting__decided_at__isnull=False).exclude(decision="")


def public_projects() -> QuerySet[Project]:
    return Project.objects.select_related("department")


def public_milestones() -> QuerySet[Milestone]:
    return Milestone.objects.all()


def public_project_updates() -> QuerySet[ProjectUpdate]:
    return ProjectUpdate.objects.select_related("project")


def public_events() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_published=True)


def public_recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(published_at__isnull=False).select_related("board")


def public_recommendation_answers() -> QuerySet[RecommendationAnswer]:
    return RecommendationAnswer.objects.filter(
        recommendation__published_at__isnull=False
    ).select_related("department")


def public_surveys_with_results() -> list[Survey]:
    """Published surveys whose results the public may see right now."""
    surveys = Survey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("-opens_at", "-id")
    return [s for s in surveys if s.results_are_public()]


def public_opinion_maps() -> QuerySet[OpinionMap]:
    return OpinionMap.objects.select_related("topic")


def public_statements() -> QuerySet[Statement]:
    return Statement.objects.filter(state=StatementState.ACCEPTED)


def public_assumptions() -> QuerySet[Assumption]:
    return Assumption.objects.select_related("topic")


def public_reviews() -> QuerySet[Review]:
    return Review.objects.all()


# --- rows ---------------------------------------------------------------------------------


def status_change_row(c: StatusChange) -> dict[str, Any]:
    return {
        "id": c.pk,
        "idea_id": c.idea_id,
        "from_status": c.from_status,
        "to_status": c.to_status,
        "explanation_html": c.explanation_html,
        "decided_at": c.decided_at,
        "reference": c.reference,
        "created_at": c.created_at,
    }


def official_response_row(r: OfficialResponse) -> dict[str, Any]:
    return {
        "id": r.pk,
        "idea_id": r.idea_id,
        "department": r.department.name,
        "text_html": r.text_html,
        "version": r.version,
        "published_at": r.published_at,
        "edited_at": r.edited_at,
    }


def meeting_row(m: CommitteeMeeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "committee": m.committee,
        "date": m.date,
        "reference": m.reference,
        "decisions_recorded": m.decided_at is not None,
        "decisions_recorded_at": m.decided_at,
    }


def agenda_item_row(item: AgendaItem) -> dict[str, Any]:
    """A decision is public once the meeting's decisions are recorded."""
    recorded = item.meeting.decided_at is not None and bool(item.decision)
    return {
        "id": item.pk,
        "session_id": item.meeting_id,
        "position": item.position,
        "idea_id": item.idea_id,
        "idea_title": item.idea.title,
        "decision": item.decision if recorded else None,
        "explanation": item.explanation if recorded else None,
    }


def decision_row(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "session_id": item.meeting_id,
        "committee": item.meeting.committee,
        "date": item.meeting.date,
        "reference": item.meeting.reference,
        "idea_id": item.idea_id,
        "idea_title": item.idea.title,
        "decision": item.decision,
        "explanation": item.explanation,
    }


def project_row(p: Project, idea_ids: list[int]) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "goal_html": p.goal_html,
        "department": p.department.name,
        "status": p.status,
        "progress": p.progress,
        "budget_planned": _money(p.budget_planned),
        "budget_spent": _money(p.budget_spent),
        "starts_on": p.starts_on,
        "completed_at": p.completed_at,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "idea_ids": idea_ids,
        "url": absolute(p.get_absolute_url()),
    }


def milestone_row(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.pk,
        "project_id": m.project_id,
        "title": m.title,
        "due_on": m.due_on,
        "done_on": m.done_on,
    }


def image_row(i: ProjectUpdateImage) -> dict[str, Any]:
    return {
        "url": absolute(i.image.url),
        "alt_text": i.alt_text,
        "width": i.width,
        "height": i.height,
    }


def project_update_row(
    u: ProjectUpdate, images: list[ProjectUpdateImage] | None = None
) -> dict[str, Any]:
    return {
        "id": u.pk,
        "project_id": u.project_id,
        "title": u.title,
        "body_html": u.body_html,
        "progress": u.progress,
        "published_at": u.published_at,
        "url": absolute(u.get_absolute_url()),
        "images": [image_row(i) for i in (images or [])],
    }


def event_row(e: Meeting) -> dict[str, Any]:
    results = e.results_published_at is not None
    return {
        "id": e.pk,
        "title": e.title,
        "description_html": e.description_html,
        "kind": e.kind,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "venue": e.venue,
        "address": e.address,
        "latitude": _float(e.latitude),
        "longitude": _float(e.longitude),
        "online_url": e.online_url,
        "accessibility_info": e.accessibility_info,
        "capacity": e.capacity,
        "results_html": e.results_html if results else None,
        "results_published_at": e.results_published_at,
        "url": absolute(e.get_absolute_url()),
    }


def recommendation_row(r: Recommendation, idea_ids: list[int]) -> dict[str, Any]:
    return {
        "id": r.pk,
        "board": r.board.name,
        "board_slug": r.board.slug,
        "title": r.title,
        "body_html": r.body_html,
        "yes_count": r.yes_count,
        "no_count": r.no_count,
        "abstain_count": r.abstain_count,
        "member_count": r.member_count,
        "quorum_reached": r.quorum_reached,
        "adopted": r.adopted,
        "published_at": r.published_at,
        "answer_due_at": r.answer_due_at,
        "idea_ids": idea_ids,
        "url": absolute(r.public_url()),
    }


def recommendation_answer_row(a: RecommendationAnswer) -> dict[str, Any]:
    return {
        "id": a.pk,
        "recommendation_id": a.recommendation_id,
        "department": a.department.name,
        "body_html": a.body_html,
        "created_at": a.created_at,
    }


def opinion_map_row(m: OpinionMap) -> dict[str, Any]:
    return {
        "id": m.pk,
        "question": m.question,
        "description": m.description,
        "topic": m.topic.slug if m.topic_id else None,
        "is_open": m.is_open,
        "attribution": m.attribution,
        "source_url": m.source_url,
        "created_at": m.created_at,
        "url": absolute(m.get_absolute_url()),
    }


def statement_row(s: Statement) -> dict[str, Any]:
    return {
        "id": s.pk,
        "opinion_map_id": s.opinion_map_id,
        "text": s.text,
        "is_seed": s.is_seed,
        "created_at": s.created_at,
    }


def assumption_row(a: Assumption) -> dict[str, Any]:
    return {
        "id": a.pk,
        "wording": a.wording,
        "original_wording": a.original_wording,
        "explanation_html": a.explanation_html,
        "topic": a.topic.slug,
        "status": a.status,
        "review_due_on": a.review_due_on,
        "created_at": a.created_at,
        "url": absolute(a.get_absolute_url()),
    }


def review_row(r: Review) -> dict[str, Any]:
    return {
        "id": r.pk,
        "assumption_id": r.assumption_id,
        "reviewed_on": r.reviewed_on,
        "outcome": r.outcome,
        "reasoning_html": r.reasoning_html,
        "previous_wording": r.previous_wording,
        "new_wording": r.new_wording,
        "next_review_on": r.next_review_on,
    }


def images_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProjectUpdateImage.objects.order_by("position", "id"))


def idea_ids_prefetch(to_attr: str = "public_ideas") -> Prefetch:
    return Prefetch("ideas", queryset=public_ideas().only("pk").order_by("pk"), to_attr=to_attr)
