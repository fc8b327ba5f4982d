from __future__ import annotations

from datetime import datetime

import rules
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS

from aufbruch.core.compiled import CompiledQuery

from .models import Comment, HelpfulMark

User = get_user_model()


THREAD_FIELDS = (
    "id",
    "parent_id",
    "author_id",
    "author__display_name",
    "author__is_deleted",
    "body_html",
    "created_at",
    "edited_at",
    "is_deleted",
    "is_hidden",
    "hidden_reason",
    "helpful_count",
)

# ?comments=… on the idea page: how the top-level comments are ordered
# (replies always follow their comment in the order they were written).
THREAD_ORDERS = ("oldest", "newest", "helpful")
DEFAULT_ORDER = "oldest"


def thread_order(value: str | None) -> str:
    return value if value in THREAD_ORDERS else DEFAULT_ORDER


def comment_thread(*, idea_id: int, order: str = DEFAULT_ORDER) -> list[dict]:
    """The whole thread of an idea in one query, as rows: top-level comments
    in ``order`` (oldest first, newest first, or most helpful first), each with
    its replies under "replies". No model instances are built, so a thread of
    200 comments stays cheap."""
    rows = list(
        Comment.objects.filter(idea_id=idea_id).order_by("created_at", "id").values(*THREAD_FIELDS)
    )
    top, by_id = [], {}
    for row in rows:
        row["replies"] = []
        by_id[row["id"]] = row
    for row in rows:
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        if parent is not None:
            parent["replies"].append(row)
        elif row["parent_id"] is None:
            top.append(row)
    if order == "newest":
        top.reverse()
    elif order == "helpful":
        # Stable: equally helpful comments keep their order of writing.
        top.sort(key=lambda row: row["helpful_count"], reverse=True)
    return top


# Compiled once per process (core.compiled): building it cost ~3 ms a page.
_VIEWER_ROWS = CompiledQuery(
    lambda _shape, idea_id, user_id: (
        Comment.objects.filter(idea_id=idea_id)
        .annotate(
            marked=Exists(HelpfulMark.objects.filter(comment=OuterRef("pk"), user_id=user_id))
        )
        .filter(Q(author_id=user_id) | Q(marked=True))
        .values(*THREAD_FIELDS, "marked")
    )
)


def viewer_thread_rows(*, idea_id: int, user) -> tuple[list[dict], set[int]]:
    """What of an idea's thread is the viewer's own, in one query: the rows
    of their comments (each without replies, for thread_items) and the ids
    of the comments they marked helpful."""
    if not getattr(user, "is_authenticated", False):
        return [], set()
    rows = _VIEWER_ROWS.run(None, idea_id=idea_id, user_id=user.pk)
    own = [{**row, "replies": []} for row in rows if row["author_id"] == user.pk]
    return own, {row["id"] for row in rows if row["marked"]}


def thread_participants(*, idea_id: int) -> frozenset[int]:
    """The ids of everybody who wrote or marked a comment of the idea, in one
    query: only they have something of their own in its thread."""
    authors = Comment.objects.filter(idea_id=idea_id).order_by().values_list("author_id", flat=True)
    markers = (
        HelpfulMark.objects.filter(comment__idea_id=idea_id)
        .order_by()
        .values_list("user_id", flat=True)
    )
    return frozenset(authors.union(markers))


class _Dates:
    """German dates for many comments: month names translated once, not per comment."""

    def __init__(self) -> None:
        self.months = [""] + [str(MONTHS[i]) for i in range(1, 13)]

    def display(self, value: datetime) -> str:
        local = timezone.localtime(value)
        return f"{local.day}. {self.months[local.month]} {local.year}, {local.hour:02d}:{local.minute:02d}"


def _url_maker(name: str, *args):
    marker = 987654321
    prefix, suffix = reverse(name, args=[*args, marker]).split(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _as_comment(row: dict) -> Comment:
    """A model instance for the permission rules (only for the few rows that need one)."""
    return Comment(
        id=row["id"],
        parent_id=row["parent_id"],
        author_id=row["author_id"],
        created_at=row["created_at"],
        is_deleted=row["is_deleted"],
        is_hidden=row["is_hidden"],
    )


def thread_items(rows: list[dict], user, *, shared: bool = False) -> list[dict]:
    """What the thread shows, with what ``user`` may do with each comment;
    with ``shared``, as everybody with the rights of ``user`` sees it (none of
    the comments counts as theirs), for a rendering they share.

    Permissions come from rules.py. Replying is "an active participant and a
    live top-level comment" (comments.reply_to_comment); it is decided once for
    the user and then per row, which tests/test_rules.py checks against the rule.
    """
    dates = _Dates()
    urls = {
        "reply": _url_maker("comments:reply"),
        "edit": _url_maker("comments:edit"),
        "delete": _url_maker("comments:delete"),
        "report": _url_maker("moderation:report", "comment"),
        "moderate": _url_maker("moderation_staff:item", "comment"),
    }
    logged_in = user.is_authenticated
    can_write = logged_in and user.has_perm("comments.add_comment")
    # rules.has_perm: the rule alone, without the database permission backend.
    can_moderate = logged_in and rules.has_perm("moderation.moderate", user)
    names: dict[int, str] = {}

    def author_name(row: dict) -> str:
        if row["author_id"] not in names:
            person = User(
                pk=row["author_id"],
                display_name=row["author__display_name"] or "",
                is_deleted=row["author__is_deleted"],
            )
            names[row["author_id"]] = person.public_name
        return names[row["author_id"]]

    def item(row: dict) -> dict:
        own = logged_in and not shared and row["author_id"] == user.pk
        if row["is_deleted"]:
            state = "deleted"
        elif row["is_hidden"]:
            comment = _as_comment(row)
            if shared:
                comment.author_id = None  # nobody's: as any viewer with these rights
            state = (
                "hidden_visible"
                if user.has_perm("comments.view_hidden_comment", comment)
                else "hidden"
            )
        else:
            state = "visible"
        actions = []
        if can_write and row["parent_id"] is None and state == "visible":
            actions.append("reply")
        if own:
            comment = _as_comment(row)
            actions += [
                a
                for a in ("edit", "delete")
                if user.has_perm(f"comments.{'change' if a == 'edit' else a}_comment", comment)
            ]
        return {
            "pk": row["id"],
            "author": author_name(row),
            "iso": row["created_at"].isoformat(),
            "when": dates.display(row["created_at"]),
            "edited": bool(row["edited_at"]) and not row["is_deleted"],
            "state": state,
            "html": row["body_html"] if state in ("visible", "hidden_visible") else "",
            "reason": row["hidden_reason"] if state == "hidden_visible" else "",
            "urls": {a: urls[a](row["id"]) for a in actions},
            "report_url": urls["report"](row["id"]) if not own and state == "visible" else "",
            "moderate_url": urls["moderate"](row["id"])
            if can_moderate and state != "deleted"
            else "",
            "helpful_count": row["helpful_count"],
            # A form to mark it helpful (filled in per viewer, see rendering.py).
            "can_mark_helpful": can_write and not own and state == "visible",
        }

    return [{**item(row), "replies": [item(r) for r in row["replies"]]} for row in rows]


def comments_by(*, user) -> QuerySet[Comment]:
    return Comment.objects.filter(author=user).order_by("created_at")


def export_comments(user) -> list[dict]:
    """The user's comments for their data export (DSGVO Art. 15/20)."""
    return [
        {
            "id": c.pk,
            "idea": c.idea_id,
            "reply_to": c.parent_id,
            "text": c.body,
            "written_at": c.created_at.isoformat(),
            "edited_at": c.edited_at.isoformat() if c.edited_at else None,
            "deleted": c.is_deleted,
            "hidden_by_moderation": c.is_hidden,
            "hidden_reason": c.hidden_reason,
        }
        for c in comments_by(user=user)
    ]


def recent_comments_by(*, user, limit: int) -> list[Comment]:
    """The person's comments that are still there, newest first, with their idea."""
    return list(
        Comment.objects.filter(author=user, is_deleted=False, idea__is_hidden=False)
        .select_related("idea")
        .only("id", "body", "created_at", "is_hidden", "idea__id", "idea__title")
        .order_by("-created_at", "-id")[:limit]
    )
