"""The idea page says at which event an idea came up ("Entstanden bei")."""

from .models import MeetingIdea


def idea_origin_context(request, idea) -> dict | None:
    link = (
        MeetingIdea.objects.filter(idea=idea, meeting__is_published=True)
        .select_related("meeting")
        .first()
    )
    return {"meeting": link.meeting} if link else None
