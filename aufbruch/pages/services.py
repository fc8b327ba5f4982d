"""State changes of the site pages: save a revision, publish one, save or
remove a sign language video. Only the programme office may do any of it."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.core.text import render_markdown

from .catalogue import PAGES_BY_SLUG, PICTOGRAMS, SIGN_TOPICS_BY_KEY
from .models import Page, PageRevision, SignVideo
from .rendering import render_page, unknown_pictograms
from .uploads import clean_captions, clean_video_url, sign_video_type

TITLE_MAX = PageRevision._meta.get_field("title").max_length
BODY_MAX = PageRevision._meta.get_field("body").max_length
TRANSCRIPT_MAX = SignVideo._meta.get_field("transcript").max_length


def _too_long(max_length: int) -> str:
    return _("The text is too long (at most %(max)s characters).") % {"max": max_length}


def _clean_control(value: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r" for c in value)


@transaction.atomic
def page_revision_save(
    *, slug: str, actor, title: str, body: str, is_sample: bool = False
) -> PageRevision:
    """Save the office's text as the page's next revision; it is not public
    until it is published (after a preview)."""
    require(actor, "pages.manage_pages")
    spec = PAGES_BY_SLUG.get(slug)
    if spec is None:
        raise ValidationError({"slug": [_("There is no such page.")]})
    title, body = (title or "").strip(), (body or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Please give the page a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_too_long(TITLE_MAX)]
    elif _clean_control(title) or "\n" in title or "\r" in title:
        errors["title"] = [_("The title must not contain line breaks or control characters.")]
    if not body:
        errors["body"] = [_("Please write the text of the page.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_too_long(BODY_MAX)]
    elif _clean_control(body):
        errors["body"] = [_("The text contains control characters; please remove them.")]
    elif unknown := unknown_pictograms(body):
        errors["body"] = [
            _("Unknown picture: %(names)s. Available: %(available)s.")
            % {"names": ", ".join(unknown), "available": ", ".join(PICTOGRAMS)}
        ]
    if errors:
        raise ValidationError(errors)
    page, _created = Page.objects.get_or_create(slug=slug, defaults={"kind": spec.kind})
    page = Page.objects.select_for_update().get(pk=page.pk)
    latest = page.revisions.order_by("-number").first()
    if latest and latest.title == title and latest.body == body and latest.is_sample == is_sample:
        raise ValidationError(
            _("The text has not changed since version %(n)s.") % {"n": latest.number}
        )
    Page.objects.filter(pk=page.pk).update(revision_count=F("revision_count") + 1)
    revision = PageRevision.objects.create(
        page=page,
        number=page.revision_count + 1,
        title=title,
        body=body,
        body_html=render_page(body),
        is_sample=is_sample,
        author=actor,
    )
    audit_log(
        action=AuditAction.PAGE_REVISION_SAVE,
        actor=actor,
        target=page,
        details={"revision": revision.number, "title": title, "sample": is_sample},
    )
    return revision


@transaction.atomic
def page_publish(*, revision: PageRevision, actor) -> Page:
    """Make this revision the public one; the one shown before stays in the history."""
    require(actor, "pages.manage_pages")
    page = Page.objects.select_for_update().get(pk=revision.page_id)
    if page.published_revision_id == revision.pk:
        raise ValidationError(_("This version is already published."))
    previous = page.published_revision_id
    now = timezone.now()
    PageRevision.objects.filter(pk=revision.pk).update(published_at=now)
    page.published_revision_id = revision.pk
    page.save(update_fields=["published_revision"])
    audit_log(
        action=AuditAction.PAGE_PUBLISH,
        actor=actor,
        target=page,
        details={
            "revision": revision.number,
            "previous_revision_id": previous,
        },
    )
    return Page.objects.select_related("published_revision").get(pk=page.pk)


@transaction.atomic
def sign_video_save(
    *,
    topic: str,
    actor,
    transcript: str,
    video=None,
    video_url: str = "",
    captions=None,
) -> SignVideo:
    """Put a DGS video (an upload or an address on the city's video host) with
    its captions and transcript into a topic's slot. All three are required."""
    require(actor, "pages.manage_pages")
    if topic not in SIGN_TOPICS_BY_KEY:
        raise ValidationError(_("There is no such topic."))
    existing = SignVideo.objects.select_for_update().filter(topic=topic).first()
    errors: dict[str, list[str]] = {}
    video_type = ""
    video_url = (video_url or "").strip()
    if video is not None and video_url:
        errors["video_url"] = [_("Please either upload a file or give an address, not both.")]
    elif video is not None:
        try:
            video_type = sign_video_type(video)
        except ValidationError as exc:
            errors["video"] = exc.messages
    elif video_url:
        try:
            video_url = clean_video_url(video_url)
        except ValidationError as exc:
            errors["video_url"] = exc.messages
    elif not (existing and (existing.video or existing.video_url)):
        errors["video"] = [_("Please upload the video or give its address on the video host.")]
    captions_bytes = None
    if captions is not None:
        try:
            captions_bytes = clean_captions(captions)
        except ValidationError as exc:
            errors["captions"] = exc.messages
    elif not (existing and existing.captions):
        errors["captions"] = [_("Please upload the captions as a WebVTT file.")]
    transcript = (transcript or "").strip()
    if not transcript:
        errors["transcript"] = [_("Please write the transcript of the video.")]
    elif len(transcript) > TRANSCRIPT_MAX:
        errors["transcript"] = [_too_long(TRANSCRIPT_MAX)]
    if errors:
        raise ValidationError(errors)

    slot = existing or SignVideo(topic=topic)
    old_files = []
    if video is not None:
        old_files.append(slot.video.name if slot.video else "")
        ext = {"video/webm": "webm", "video/quicktime": "mov"}.get(video_type, "mp4")
        slot.video.save(f"{uuid.uuid4().hex}.{ext}", video, save=False)
        slot.video_type, slot.video_url = video_type, ""
    elif video_url:
        old_files.append(slot.video.name if slot.video else "")
        slot.video, slot.video_type, slot.video_url = "", "", video_url
    if captions_bytes is not None:
        old_files.append(slot.captions.name if slot.captions else "")
        slot.captions.save(f"{uuid.uuid4().hex}.vtt", ContentFile(captions_bytes), save=False)
    slot.transcript, slot.transcript_html = transcript, render_markdown(transcript)
    slot.updated_by = actor
    slot.save()
    _delete_after_commit([name for name in old_files if name])
    audit_log(
        action=AuditAction.SIGN_VIDEO_SAVE,
        actor=actor,
        target=slot,
        details={
            "topic": topic,
            "video": slot.video.name if slot.video else slot.video_url,
            "captions": slot.captions.name,
        },
    )
    return slot


@transaction.atomic
def sign_video_remove(*, topic: str, actor) -> None:
    """Empty a slot: the page shows the placeholder again."""
    require(actor, "pages.manage_pages")
    slot = SignVideo.objects.select_for_update().filter(topic=topic).first()
    if slot is None:
        raise ValidationError(_("This slot has no video."))
    names = [f.name for f in (slot.video, slot.captions) if f]
    audit_log(
        action=AuditAction.SIGN_VIDEO_REMOVE, actor=actor, target=slot, details={"topic": topic}
    )
    slot.delete()
    _delete_after_commit(names)


def _delete_after_commit(names: list[str]) -> None:
    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def export_page_work(user) -> dict:
    """A staff member's part of the data export: the page versions they wrote."""
    revisions = [
        {
            "page": slug,
            "version": number,
            "title": title,
            "saved_at": created_at.isoformat(),
        }
        for slug, number, title, created_at in PageRevision.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values_list("page__slug", "number", "title", "created_at")
    ]
    return {"page_versions": revisions}
