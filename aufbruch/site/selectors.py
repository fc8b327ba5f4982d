"""What the home page shows, read through the other apps' selectors (the
site app imports no domain models). Every part is one bounded query."""

from __future__ import annotations

from aufbruch.boards.selectors import applications_of, open_calls
from aufbruch.comments.selectors import recent_comments_by
from aufbruch.core.text import markdown_to_text
from aufbruch.guides.selectors import recent_outcomes
from aufbruch.ideas.models import IdeaStatus
from aufbruch.ideas.selectors import follows_of, idea_figures, ideas_of, supports_of
from aufbruch.meetings.selectors import registrations_of, upcoming_public
from aufbruch.opinions.selectors import open_opinion_maps
from aufbruch.organisation.selectors import active_topics
from aufbruch.surveys.selectors import responses_of, running_surveys

EXCERPT_CHARS = 180


def home_content() -> dict:
    outcomes = recent_outcomes(limit=4)
    for item in outcomes:
        item["excerpt"] = markdown_to_text(item.pop("text"), max_chars=EXCERPT_CHARS)
        item["status_label"] = IdeaStatus(item["status"]).label if item["status"] else ""
    events = upcoming_public(limit=3)
    calls = open_calls(limit=3)
    surveys = running_surveys(limit=3)
    opinion_maps = open_opinion_maps(limit=3)
    return {
        "events": events,
        "calls": calls,
        "surveys": surveys,
        "opinion_maps": opinion_maps,
        "has_open": bool(events or calls or surveys or opinion_maps),
        "outcomes": outcomes,
        "figures": idea_figures(),
        "topics": active_topics(),
        "statuses": status_labels(),
    }


def status_labels() -> dict[str, str]:
    """The idea statuses by value, for the status path on the home and explanation pages."""
    return {s.value: s.label for s in IdeaStatus}


ACTIVITY_LIMIT = 20


def my_activity(user) -> dict:
    """A person's own activity, newest first, at most ACTIVITY_LIMIT per kind
    (one query each)."""
    return {
        "ideas": ideas_of(user, limit=ACTIVITY_LIMIT),
        "supports": supports_of(user, limit=ACTIVITY_LIMIT),
        "comments": [
            {"comment": c, "excerpt": markdown_to_text(c.body, max_chars=140)}
            for c in recent_comments_by(user=user, limit=ACTIVITY_LIMIT)
        ],
        "follows": follows_of(user, limit=ACTIVITY_LIMIT),
        "registrations": registrations_of(user, limit=ACTIVITY_LIMIT),
        "applications": applications_of(user, limit=ACTIVITY_LIMIT),
        "responses": responses_of(user, limit=ACTIVITY_LIMIT),
        "limit": ACTIVITY_LIMIT,
    }
