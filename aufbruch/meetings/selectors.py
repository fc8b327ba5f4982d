from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from aufbruch.core.search import SearchHit, search_small

from .models import (
    ContributionKind,
    ContributionStatus,
    LiveContribution,
    LiveVote,
    Meeting,
    MeetingIdea,
    Registration,
    RegistrationStatus,
    Session,
)


def meeting_list_public() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_published=True).prefetch_related("topics")


def meeting_filter(qs: QuerySet[Meeting], *, kind: str = "", topic: str = "") -> QuerySet[Meeting]:
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs


def meeting_upcoming(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")


def meeting_past(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


def meeting_visible_to(user) -> QuerySet[Meeting]:
    """Published events, plus unpublished ones for staff who may manage them."""
    if user.has_perm("meetings.create_meeting"):
        return Meeting.objects.all()
    if user.has_perm("meetings.view_manage_list"):  # organisers are staff (second factor)
        return Meeting.objects.filter(Q(is_published=True) | Q(organiser=user))
    return Meeting.objects.filter(is_published=True)


def meeting_sessions(meeting: Meeting) -> list[Session]:
    return list(
        meeting.sessions.select_related("track").order_by("starts_at", "track__position", "id")
    )


def meeting_ideas(meeting: Meeting) -> list[MeetingIdea]:
    return list(
        MeetingIdea.objects.filter(meeting=meeting, idea__is_hidden=False)
        .select_related("idea", "idea__topic")
        .order_by("id")
    )


def attendee_list(meeting: Meeting) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at", "created_at", "id")
    )


def attendance_figures(meeting: Meeting) -> dict[str, int]:
    counts = Registration.objects.filter(meeting=meeting).aggregate(
        confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
        unconfirmed=Count("id", filter=Q(status=RegistrationStatus.UNCONFIRMED)),
        attended=Count(
            "id", filter=Q(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False)
        ),
    )
    counts["no_shows"] = counts["confirmed"] - counts["attended"]
    return counts


def live_contributions(
    session: Session, *, approved_only: bool = True, limit: int = 100
) -> list[LiveContribution]:
    qs = session.contributions.all()
    if approved_only:
        qs = qs.filter(status=ContributionStatus.APPROVED)
    return list(qs.order_by("-vote_count", "created_at", "id")[:limit])


def live_session(meeting_id: int, session_id: int) -> Session | None:
    return (
        Session.objects.select_related("meeting", "track")
        .filter(pk=session_id, meeting_id=meeting_id, meeting__is_published=True)
        .first()
    )


def live_pending(session: Session) -> list[LiveContribution]:
    return list(
        session.contributions.filter(status=ContributionStatus.PENDING).order_by(
            "created_at", "id"
        )[:200]
    )


def live_voted_ids(client_id: str, contribution_ids: list[int]) -> set[int]:
    """Which of these contributions this browser has voted for."""
    if not contribution_ids:
        return set()
    return set(
        LiveVote.objects.filter(client_id=client_id, contribution__in=contribution_ids).values_list(
            "contribution_id", flat=True
        )
    )


def live_ideas_to_transfer(session: Session) -> list[LiveContribution]:
    """Approved idea cards that are not yet on the idea platform."""
    return list(
        session.contributions.filter(
            status=ContributionStatus.APPROVED, kind=ContributionKind.IDEA, idea_link__isnull=True
        ).order_by("-vote_count", "id")
    )


def upcoming_public(limit: int = 3) -> list[Meeting]:
    """The next published events, soonest first (the home page)."""
    return list(
        Meeting.objects.filter(is_published=True, ends_at__gte=timezone.now())
        .only("id", "title", "kind", "starts_at", "ends_at", "venue")
        .order_by("starts_at", "id")[:limit]
    )


def registrations_of(user, *, limit: int) -> list[Registration]:
    """The person's event registrations, latest event first."""
    return list(
        Registration.objects.filter(user=user, meeting__is_published=True)
        .select_related("meeting")
        .only("id", "status", "created_at", "meeting__id", "meeting__title", "meeting__starts_at")
        .order_by("-meeting__starts_at", "-id")[:limit]
    )


def meeting_evidence(meetings: list[Meeting]) -> dict[int, dict]:
    """Registered with core.evidence: an event as evidence shows its date and,
    once published, its results."""
    out = {}
    for m in meetings:
        out[m.pk] = {"url": m.get_absolute_url(), "meeting_date": m.starts_at}
        if m.results_published_at:
            out[m.pk]["meeting_results"] = m.results_html
    return out


def meeting_search(query: str, limit: int) -> tuple[list[SearchHit], int]:
    """Published events for the site-wide search, best match first."""
    return search_small(
        meeting_list_public().order_by("-starts_at"),
        query,
        limit=limit,
        title=lambda m: m.title,
        parts=lambda m: (m.description, m.venue),
        hit=lambda m: SearchHit(
            title=m.title,
            url=m.get_absolute_url(),
            text=m.description,
            meta=date_format(timezone.localtime(m.starts_at), "DATETIME_FORMAT"),
        ),
    )
