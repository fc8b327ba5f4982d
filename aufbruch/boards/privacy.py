"""A user's part of the data export, and what account deletion does here.

Decision (documented in the privacy notice of the board): on deletion
- applications are deleted with their photo and video (they served only the
  decision; the audit log keeps that a decision happened, without content);
- memberships are deleted, including the guardian consent record;
- votes stay counted but lose their voter (voter = NULL), so closed and
  running results do not change;
- posts, comments, documents, drafts and answers stay, shown as
  "gelöschtes Konto" like every other contribution.
"""

from __future__ import annotations

from typing import Any

from .models import BoardApplication, Membership, Post, RecommendationComment, Vote


def export_user_boards(user) -> dict[str, Any]:
    return {
        "applications": [
            {
                "board": a.board.name,
                "submitted_at": a.created_at.isoformat(),
                "motivation": a.motivation,
                "birth_year": a.birth_year,
                "link": a.link,
                "has_photo": bool(a.photo),
                "has_video": bool(a.video),
                "status": a.status,
                "decision_message": a.decision_message,
            }
            for a in BoardApplication.objects.filter(applicant=user).select_related("board")
        ],
        "memberships": [
            {
                "board": m.board.name,
                "status": m.status,
                "show_publicly": m.show_publicly,
                "guardian_consent": (
                    {
                        "guardian": m.consent_guardian_name,
                        "given_on": m.consent_given_on.isoformat(),
                        "method": m.consent_method,
                    }
                    if m.consent_given_on
                    else None
                ),
            }
            for m in Membership.objects.filter(user=user).select_related("board")
        ],
        "posts": [
            {"thread": p.thread.title, "written_at": p.created_at.isoformat(), "text": p.body}
            for p in Post.objects.filter(author=user).select_related("thread")
        ],
        "recommendation_comments": [
            {
                "recommendation": c.recommendation.title,
                "written_at": c.created_at.isoformat(),
                "text": c.body,
            }
            for c in RecommendationComment.objects.filter(author=user).select_related(
                "recommendation"
            )
        ],
        "votes": [
            {
                "recommendation": v.recommendation.title,
                "choice": v.choice,
                "cast_at": v.updated_at.isoformat(),
            }
            for v in Vote.objects.filter(voter=user).select_related("recommendation")
        ],
    }


def anonymise_user_boards(user) -> None:
    for application in BoardApplication.objects.filter(applicant=user):
        for f in (application.photo, application.video):
            if f:
                f.delete(save=False)
    Membership.objects.filter(user=user).delete()
    BoardApplication.objects.filter(applicant=user).delete()
    Vote.objects.filter(voter=user).update(voter=None)
