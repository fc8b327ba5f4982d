"""A user's part in opinion maps: exported on request, unlinked on deletion."""

from __future__ import annotations

from .models import Participant, Statement, Vote


def export_user_data(user) -> dict:
    return {
        "statements": [
            {
                "map": s.opinion_map.question,
                "text": s.text,
                "state": s.state,
                "created_at": s.created_at.isoformat(),
            }
            for s in Statement.objects.filter(author=user).select_related("opinion_map")
        ],
        "votes": [
            {
                "map": v.statement.opinion_map.question,
                "statement": v.statement.text,
                "value": v.value,
            }
            for v in Vote.objects.filter(participant__user=user).select_related(
                "statement__opinion_map"
            )
        ],
    }


def anonymise_user(user) -> None:
    """Votes stay (the map keeps its numbers) but no longer point to the account."""
    Participant.objects.filter(user=user).update(user=None)
