"""The idea page says at which event an idea came up ("Entstanden bei")."""

from aufbruch.ideas.models import IdeaSource

from .models import MeetingIdea


def idea_origin_context(request, idea) -> dict | None:
    if idea.source != IdeaSource.WORKSHOP:
        return None  # only live._link_idea links ideas, and it creates them as workshop ideas
    link = (
        MeetingIdea.objects.filter(idea=idea, meeting__is_published=True)
        .select_related("meeting")
        .first()
    )
    return {"meeting": link.meeting} if link else None


def ideas_showing(meeting, details: dict):
    """Registered with ideas.page_cache: the ideas that came up at an event
    show it (its title, once published)."""
    return MeetingIdea.objects.filter(meeting=meeting).values("idea_id")
