"""The board's workspace: threads and posts, documents and meeting records.
Members of the board and the programme office work here."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.core.text import render_markdown

from . import uploads
from .models import Board, BoardMeeting, Document, Post, Thread
from .services import clean_text, merge_errors


def _post(thread: Thread, author, body: str) -> Post:
    body = clean_text(body, field="body", max_length=5_000)
    post = Post.objects.create(
        thread=thread, author=author, body=body, body_html=render_markdown(body)
    )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    audit_log(
        action=AuditAction.BOARD_THREAD_POST, actor=author, target=thread, details={"post": post.pk}
    )
    return post


@transaction.atomic
def thread_create(*, board: Board, author, title: str, body: str) -> Thread:
    require(author, "boards.post_in_workspace", board)
    errors: dict[str, list[str]] = {}
    try:
        title = clean_text(title, field="title", max_length=140)
    except ValidationError as exc:
        merge_errors(errors, exc)
    try:
        clean_text(body, field="body", max_length=5_000)
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    thread = Thread.objects.create(board=board, title=title, author=author)
    _post(thread, author, body)
    thread.refresh_from_db()
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, body: str) -> Post:
    require(author, "boards.post_in_workspace", thread.board)
    return _post(thread, author, body)


@transaction.atomic
def document_upload(*, board: Board, actor, title: str, upload) -> Document:
    require(actor, "boards.post_in_workspace", board)
    errors: dict[str, list[str]] = {}
    try:
        title = clean_text(title, field="title", max_length=140)
    except ValidationError as exc:
        merge_errors(errors, exc)
    content_type = None
    if not upload:
        errors.setdefault("file", []).append(_("Please choose a file."))
    else:
        try:
            content_type, extension = uploads.document_type(upload)
        except ValidationError as exc:
            errors.setdefault("file", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    # Stored under a random name with the extension of the detected type;
    # the uploader's name is kept only as the download name (same fix).
    document = Document(
        board=board,
        title=title,
        original_name=uploads.download_name(upload.name, extension)[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    upload.seek(0)
    document.file.save(f"document.{extension}", ContentFile(upload.read()), save=False)
    document.save()
    audit_log(
        action=AuditAction.BOARD_DOCUMENT_UPLOAD,
        actor=actor,
        target=document,
        details={"board": board.pk},
    )
    return document


@transaction.atomic
def meeting_record(
    *, board: Board, actor, title: str, starts_at: datetime, minutes: str = ""
) -> BoardMeeting:
    require(actor, "boards.post_in_workspace", board)
    errors: dict[str, list[str]] = {}
    try:
        title = clean_text(title, field="title", max_length=140)
    except ValidationError as exc:
        merge_errors(errors, exc)
    try:
        minutes = clean_text(minutes, field="minutes", max_length=20_000, required=False)
    except ValidationError as exc:
        merge_errors(errors, exc)
    if not isinstance(starts_at, datetime):
        errors.setdefault("starts_at", []).append(_("Please enter a date and time."))
    if errors:
        raise ValidationError(errors)
    meeting = BoardMeeting.objects.create(
        board=board,
        title=title,
        starts_at=starts_at,
        minutes=minutes,
        minutes_html=render_markdown(minutes),
        recorded_by=actor,
    )
    audit_log(
        action=AuditAction.BOARD_MEETING_RECORD,
        actor=actor,
        target=meeting,
        details={"board": board.pk},
    )
    return meeting
