"""State changes of the Digital Agenda: create and import, publish versions,
adopt; comment, vote, amend, support; accept, reject and merge amendments;
cite evidence. One typed function per change, each in one transaction with
its audit entry; counters move with F() in the same transaction.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.committees.models import CommitteeMeeting
from aufbruch.core.permissions import require
from aufbruch.core.text import plain_text, render_markdown
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from .importers import MAX_PARAGRAPH, ImportedSection, numbering
from .models import (
    CITATION_MODELS,
    AgendaComment,
    Amendment,
    AmendmentStatus,
    AmendmentSupport,
    Citation,
    CitationKind,
    Document,
    DocumentStatus,
    Paragraph,
    Section,
    SectionVote,
    Version,
    VersionParagraph,
    VoteChoice,
)

TITLE_MAX = 200
INTRO_MAX = 10_000
COMMENT_MAX = 5_000
REASON_MAX = 5_000
NOTE_MAX = 5_000
REFERENCE_MAX = 100
DOUBLE_SUBMIT_SECONDS = 120

# --- notifications: quiet while the demo is seeded ------------------------------

_quiet = contextvars.ContextVar("agenda_quiet", default=False)


@contextlib.contextmanager
def without_notifications() -> Iterator[None]:
    """The demo seeder writes through these services without notifying anyone
    (no in-app rows, no mail task)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _notify(**kwargs) -> None:
    if not _quiet.get():
        notify(**kwargs)


# --- helpers --------------------------------------------------------------------


def _text(value: str, *, field: str, max_length: int, empty: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: empty})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("At most %(max)d characters, please (this has %(count)d).")
                % {"max": max_length, "count": len(value)}
            }
        )
    return value


def _lock_document(document_id: int) -> Document:
    return Document.objects.select_for_update(no_key=True).get(pk=document_id)


def _changed(document_id: int) -> None:
    Document.objects.filter(pk=document_id).update(revision=F("revision") + 1)


def _require_allows(document: Document, what: str) -> None:
    if not document.allows(what):
        messages = {
            "comment": _("Comments on this text are closed."),
            "amend": _("Amendments to this text are closed."),
            "vote": _("Voting on this text is closed."),
        }
        raise ValidationError(messages[what])


# --- documents ------------------------------------------------------------------


def _clean_period(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The end must be after the start.")})


@transaction.atomic
def document_create(
    *,
    actor,
    title: str,
    intro: str = "",
    sections: list[ImportedSection] | None = None,
    is_sample: bool = False,
) -> Document:
    require(actor, "agenda.manage_document")
    title = _text(title, field="title", max_length=TITLE_MAX, empty=_("Please give a title."))
    intro = (intro or "").strip()
    if len(intro) > INTRO_MAX:
        raise ValidationError(
            {"intro": _("At most %(max)d characters, please.") % {"max": INTRO_MAX}}
        )
    document = Document.objects.create(
        title=title,
        intro=intro,
        intro_html=render_markdown(intro),
        created_by=actor,
        is_sample=is_sample,
    )
    if sections:
        _replace_content(document, sections)
    audit_log(
        action=AuditAction.AGENDA_DOCUMENT_CREATE,
        actor=actor,
        target=document,
        details={"sections": len(sections or []), "sample": is_sample},
    )
    return document


def _replace_content(document: Document, sections: list[ImportedSection]) -> None:
    Paragraph.objects.filter(document=document).delete()
    Section.objects.filter(document=document).delete()
    numbers = numbering([(s.level, s.title) for s in sections])
    made = Section.objects.bulk_create(
        [
            Section(document=document, position=i, level=s.level, number=numbers[i], title=s.title)
            for i, s in enumerate(sections)
        ]
    )
    rows = []
    position = 0
    for section, imported in zip(made, sections, strict=True):
        for text in imported.paragraphs:
            rows.append(
                Paragraph(
                    section=section,
                    document=document,
                    position=position,
                    text=text,
                    text_html=render_markdown(text),
                )
            )
            position += 1
    Paragraph.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def document_import(*, document: Document, actor, sections: list[ImportedSection]) -> Document:
    """Replace the whole text of a draft (before its first publication)."""
    require(actor, "agenda.manage_document")
    document = _lock_document(document.pk)
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(
            _("A published text cannot be replaced; change it paragraph by paragraph.")
        )
    _replace_content(document, sections)
    _changed(document.pk)
    audit_log(
        action=AuditAction.AGENDA_DOCUMENT_IMPORT,
        actor=actor,
        target=document,
        details={"sections": len(sections), "paragraphs": sum(len(s.paragraphs) for s in sections)},
    )
    return Document.objects.get(pk=document.pk)


@transaction.atomic
def document_update(
    *,
    document: Document,
    actor,
    title: str,
    intro: str,
    comments_open: bool,
    amendments_open: bool,
    voting_open: bool,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> Document:
    require(actor, "agenda.manage_document")
    document = _lock_document(document.pk)
    if document.status == DocumentStatus.ADOPTED:
        raise ValidationError(_("An adopted text cannot be changed."))
    title = _text(title, field="title", max_length=TITLE_MAX, empty=_("Please give a title."))
    intro = (intro or "").strip()
    if len(intro) > INTRO_MAX:
        raise ValidationError(
            {"intro": _("At most %(max)d characters, please.") % {"max": INTRO_MAX}}
        )
    _clean_period(opens_at, closes_at)
    Document.objects.filter(pk=document.pk).update(
        title=title,
        intro=intro,
        intro_html=render_markdown(intro),
        comments_open=comments_open,
        amendments_open=amendments_open,
        voting_open=voting_open,
        opens_at=opens_at,
        closes_at=closes_at,
        revision=F("revision") + 1,
    )
    audit_log(
        action=AuditAction.AGENDA_DOCUMENT_UPDATE,
        actor=actor,
        target=document,
        details={
            "comments_open": comments_open,
            "amendments_open": amendments_open,
            "voting_open": voting_open,
            "opens_at": opens_at.isoformat() if opens_at else None,
            "closes_at": closes_at.isoformat() if closes_at else None,
        },
    )
    return Document.objects.get(pk=document.pk)


def _snapshot(document: Document, *, actor, note: str) -> Version:
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version.objects.create(
        document=document, number=number, note=note, published_by=actor
    )
    paragraphs = list(
        Paragraph.objects.filter(document=document)
        .select_related("section")
        .order_by("position", "id")
    )
    VersionParagraph.objects.bulk_create(
        [
            VersionParagraph(
                version=version,
                paragraph=p,
                position=p.position,
                section_number=p.section.number,
                section_title=p.section.title,
                text=p.text,
                amendment_id=p.pending_amendment_id,
                change_reason=p.pending_reason,
            )
            for p in paragraphs
        ],
        batch_size=500,
    )
    Paragraph.objects.filter(document=document).exclude(
        pending_amendment__isnull=True, pending_reason=""
    ).update(pending_amendment=None, pending_reason="")
    return version


@transaction.atomic
def document_publish(*, document: Document, actor, note: str = "") -> Version:
    """Make a draft public; its text becomes version 1."""
    require(actor, "agenda.manage_document")
    document = _lock_document(document.pk)
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(_("This text is already published."))
    if not Paragraph.objects.filter(document=document).exists():
        raise ValidationError(_("The text has no paragraphs yet; import or write it first."))
    note = (note or "").strip()[:NOTE_MAX]
    version = _snapshot(document, actor=actor, note=note)
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.PUBLISHED, published_at=timezone.now(), revision=F("revision") + 1
    )
    audit_log(
        action=AuditAction.AGENDA_DOCUMENT_PUBLISH,
        actor=actor,
        target=document,
        details={"version": version.number},
    )
    return version


def pending_changes(document: Document) -> int:
    """Paragraphs whose wording differs from the latest version."""
    latest = document.versions.order_by("-number").first()
    if latest is None:
        return 0
    return (
        VersionParagraph.objects.filter(version=latest).exclude(text=F("paragraph__text")).count()
    )


@transaction.atomic
def version_publish(*, document: Document, actor, note: str) -> Version:
    """Publish the current wording as a new version; the changes since the
    last one keep the amendment or the reason that caused them."""
    require(actor, "agenda.manage_document")
    document = _lock_document(document.pk)
    if document.status != DocumentStatus.PUBLISHED:
        raise ValidationError(_("Only a published text that is not adopted gets new versions."))
    note = _text(
        note,
        field="note",
        max_length=NOTE_MAX,
        empty=_("Please say in a sentence what changed in this version."),
    )
    if not pending_changes(document):
        raise ValidationError(_("Nothing has changed since the last version."))
    version = _snapshot(document, actor=actor, note=note)
    _changed(document.pk)
    audit_log(
        action=AuditAction.AGENDA_VERSION_PUBLISH,
        actor=actor,
        target=document,
        details={"version": version.number},
    )
    return version


@transaction.atomic
def document_adopt(
    *,
    version: Version,
    actor,
    adopted_on: date,
    reference: str,
    committee_meeting: CommitteeMeeting | None = None,
) -> Version:
    """Mark a published version as the one the council adopted; participation ends."""
    require(actor, "agenda.manage_document")
    document = _lock_document(version.document_id)
    if document.status == DocumentStatus.ADOPTED:
        raise ValidationError(_("A version of this text has already been adopted."))
    if document.status != DocumentStatus.PUBLISHED:
        raise ValidationError(_("Only a published text can be adopted."))
    reference = _text(
        reference,
        field="reference",
        max_length=REFERENCE_MAX,
        empty=_("Please give the reference of the council decision."),
    )
    if not isinstance(adopted_on, date):
        raise ValidationError({"adopted_on": _("Please give the date of the decision.")})
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The decision cannot lie in the future.")})
    Version.objects.filter(pk=version.pk).update(
        adopted_on=adopted_on, decision_reference=reference, committee_meeting=committee_meeting
    )
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.ADOPTED, revision=F("revision") + 1
    )
    audit_log(
        action=AuditAction.AGENDA_ADOPT,
        actor=actor,
        target=document,
        details={
            "version": version.number,
            "adopted_on": adopted_on.isoformat(),
            "reference": reference,
            "committee_meeting": committee_meeting.pk if committee_meeting else None,
        },
    )
    return Version.objects.get(pk=version.pk)


@transaction.atomic
def paragraph_edit(*, paragraph: Paragraph, actor, text: str, reason: str = "") -> Paragraph:
    """The office changes a wording: freely in a draft, with a public reason later."""
    require(actor, "agenda.manage_document")
    document = _lock_document(paragraph.document_id)
    if document.status == DocumentStatus.ADOPTED:
        raise ValidationError(_("An adopted text cannot be changed."))
    text = _text(
        text, field="text", max_length=MAX_PARAGRAPH, empty=_("Please write the paragraph.")
    )
    reason = (reason or "").strip()
    published = document.status == DocumentStatus.PUBLISHED
    if published and not reason:
        raise ValidationError({"reason": _("Please give a reason; it is shown with the change.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("At most %(max)d characters, please.") % {"max": REASON_MAX}}
        )
    current = Paragraph.objects.get(pk=paragraph.pk)
    if current.text == text:
        raise ValidationError({"text": _("The wording is unchanged.")})
    Paragraph.objects.filter(pk=paragraph.pk).update(
        text=text,
        text_html=render_markdown(text),
        pending_amendment=None,
        pending_reason=reason if published else "",
    )
    _changed(document.pk)
    audit_log(
        action=AuditAction.AGENDA_PARAGRAPH_EDIT,
        actor=actor,
        target=current,
        details={"document": document.pk, "reason": reason},
    )
    return Paragraph.objects.get(pk=paragraph.pk)


# --- comments -------------------------------------------------------------------


def _lock_paragraph(paragraph_id: int) -> Paragraph:
    return (
        Paragraph.objects.select_for_update(no_key=True)
        .select_related("document", "section")
        .get(pk=paragraph_id)
    )


@transaction.atomic
def comment_create(
    *,
    paragraph: Paragraph,
    author,
    body: str,
    parent: AgendaComment | None = None,
    amendment: Amendment | None = None,
) -> AgendaComment:
    """A comment on a paragraph, or on one of its amendments (``amendment``)."""
    require(author, "agenda.participate")
    body = _text(body, field="body", max_length=COMMENT_MAX, empty=_("Please write a comment."))
    paragraph = _lock_paragraph(paragraph.pk)  # serialises the counter and double submits
    _require_allows(paragraph.document, "comment")
    if amendment is not None:
        if amendment.paragraph_id != paragraph.pk:
            raise ValidationError({"parent": _("This amendment belongs to another paragraph.")})
        if amendment.is_hidden:
            raise ValidationError(_("This amendment was hidden by the moderation."))
    if parent is not None:
        parent = AgendaComment.objects.get(pk=parent.pk)
        if parent.paragraph_id != paragraph.pk or parent.amendment_id != (
            amendment.pk if amendment else None
        ):
            raise ValidationError({"parent": _("You can only reply within the same discussion.")})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Replies cannot be answered; please reply to the comment above.")}
            )
        if parent.is_deleted or parent.is_hidden:
            raise ValidationError({"parent": _("This comment cannot be answered any more.")})
    recent = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    if AgendaComment.objects.filter(
        paragraph=paragraph,
        amendment=amendment,
        author=author,
        parent=parent,
        body=body,
        created_at__gte=recent,
    ).exists():
        raise ValidationError({"body": _("You have just published this comment.")})
    comment = AgendaComment.objects.create(
        paragraph=paragraph,
        amendment=amendment,
        parent=parent,
        author=author,
        body=body,
        body_html=render_markdown(body),
    )
    if amendment is not None:
        Amendment.objects.filter(pk=amendment.pk).update(comment_count=F("comment_count") + 1)
    else:
        Paragraph.objects.filter(pk=paragraph.pk).update(comment_count=F("comment_count") + 1)
    _changed(paragraph.document_id)
    audit_log(
        action=AuditAction.AGENDA_COMMENT_CREATE,
        actor=author,
        target=comment,
        details={
            "paragraph": paragraph.pk,
            "amendment": amendment.pk if amendment else None,
            "parent": parent.pk if parent else None,
        },
    )
    if parent is not None:
        with override(settings.LANGUAGE_CODE):
            _notify(
                recipients=[parent.author],
                kind=NotificationKind.REPLY,
                event_key=f"agenda:comment:{comment.pk}",
                exclude=author,
                url=comment.get_absolute_url(),
                title=_("%(name)s replied to your comment on the %(document)s")
                % {"name": author.public_name, "document": paragraph.document.title},
                body=plain_text(body)[:300],
            )
    return comment


def comment_lock(comment: AgendaComment) -> AgendaComment:
    """Moderation's lock order: the paragraph first, then the comment."""
    _lock_paragraph(comment.paragraph_id)
    return AgendaComment.objects.select_for_update(no_key=True).get(pk=comment.pk)


@transaction.atomic
def comment_delete(*, comment: AgendaComment, actor) -> AgendaComment:
    """The author removes their text; a tombstone keeps the thread together."""
    comment = comment_lock(comment)
    require(actor, "agenda.delete_own_comment", comment)
    if comment.is_deleted:
        return comment
    if comment.is_hidden:
        raise ValidationError(
            _(
                "A comment hidden by the moderation cannot be deleted; it is kept as the moderation's record."
            )
        )
    AgendaComment.objects.filter(pk=comment.pk).update(
        is_deleted=True, deleted_at=timezone.now(), body="", body_html=""
    )
    comment_recount(comment=comment)
    audit_log(action=AuditAction.AGENDA_COMMENT_DELETE, actor=actor, target=comment)
    return AgendaComment.objects.get(pk=comment.pk)


def comment_recount(*, comment: AgendaComment) -> None:
    """Recount the visible comments of the comment's paragraph or amendment,
    under the paragraph's lock (after deleting, hiding or restoring)."""
    paragraph = _lock_paragraph(comment.paragraph_id)
    visible = Q(is_deleted=False, is_hidden=False)
    if comment.amendment_id:
        n = AgendaComment.objects.filter(visible, amendment_id=comment.amendment_id).count()
        Amendment.objects.filter(pk=comment.amendment_id).update(comment_count=n)
    else:
        n = AgendaComment.objects.filter(
            visible, paragraph_id=paragraph.pk, amendment__isnull=True
        ).count()
        Paragraph.objects.filter(pk=paragraph.pk).update(comment_count=n)
    _changed(paragraph.document_id)


# --- votes ----------------------------------------------------------------------


@transaction.atomic
def section_vote(*, section: Section, user, choice: str) -> SectionVote:
    """Agree, disagree or abstain, once per person and section; a new choice
    replaces the old one. The unique constraint decides under concurrency."""
    require(user, "agenda.participate")
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Please choose agree, disagree or abstain.")})
    section = Section.objects.select_related("document").get(pk=section.pk)
    _require_allows(section.document, "vote")
    try:
        with transaction.atomic():
            vote = SectionVote.objects.create(section=section, user=user, choice=choice)
    except IntegrityError:
        vote = None
    if vote is not None:
        Section.objects.filter(pk=section.pk).update(
            **{f"{choice}_count": F(f"{choice}_count") + 1}
        )
        old = None
    else:
        vote = SectionVote.objects.select_for_update().get(section=section, user=user)
        old = vote.choice
        if old == choice:
            return vote
        SectionVote.objects.filter(pk=vote.pk).update(choice=choice, changed_at=timezone.now())
        Section.objects.filter(pk=section.pk).update(
            **{
                f"{old}_count": F(f"{old}_count") - 1,
                f"{choice}_count": F(f"{choice}_count") + 1,
            }
        )
        vote.choice = choice
    # No Document.revision bump: the counts and the reader's vote are read fresh.
    audit_log(
        action=AuditAction.AGENDA_VOTE,
        actor=user,
        target=section,
        details={"choice": choice, "previous": old},
    )
    return vote


# --- amendments -----------------------------------------------------------------


@transaction.atomic
def amendment_propose(*, paragraph: Paragraph, author, text: str, reason: str) -> Amendment:
    require(author, "agenda.participate")
    text = _text(
        text, field="text", max_length=MAX_PARAGRAPH, empty=_("Please write the new wording.")
    )
    reason = _text(
        reason, field="reason", max_length=REASON_MAX, empty=_("Please explain why you propose it.")
    )
    paragraph = _lock_paragraph(paragraph.pk)
    _require_allows(paragraph.document, "amend")
    if text == paragraph.text.strip():
        raise ValidationError({"text": _("The new wording is the same as the current one.")})
    if Amendment.objects.filter(
        paragraph=paragraph, author=author, text=text, status=AmendmentStatus.OPEN
    ).exists():
        raise ValidationError({"text": _("You have already proposed this wording.")})
    amendment = Amendment.objects.create(
        paragraph=paragraph,
        author=author,
        base_text=paragraph.text,
        text=text,
        reason=reason,
        reason_html=render_markdown(reason),
    )
    Paragraph.objects.filter(pk=paragraph.pk).update(
        open_amendment_count=F("open_amendment_count") + 1
    )
    _changed(paragraph.document_id)
    audit_log(
        action=AuditAction.AGENDA_AMENDMENT_PROPOSE,
        actor=author,
        target=amendment,
        details={"paragraph": paragraph.pk},
    )
    return amendment


@transaction.atomic
def amendment_support(*, amendment: Amendment, user) -> AmendmentSupport:
    """Support once; a second call returns the existing support."""
    require(user, "agenda.participate")
    amendment = Amendment.objects.select_related("paragraph__document").get(pk=amendment.pk)
    if amendment.author_id == user.pk:
        raise ValidationError(_("You cannot support your own amendment."))
    if amendment.status != AmendmentStatus.OPEN or amendment.is_hidden:
        raise ValidationError(_("This amendment can no longer be supported."))
    _require_allows(amendment.paragraph.document, "amend")
    try:
        with transaction.atomic():
            support = AmendmentSupport.objects.create(amendment=amendment, user=user)
    except IntegrityError:
        return AmendmentSupport.objects.get(amendment=amendment, user=user)
    Amendment.objects.filter(pk=amendment.pk).update(support_count=F("support_count") + 1)
    _changed(amendment.paragraph.document_id)
    audit_log(action=AuditAction.AGENDA_AMENDMENT_SUPPORT, actor=user, target=amendment)
    return support


@transaction.atomic
def amendment_withdraw_support(*, amendment: Amendment, user) -> None:
    require(user, "agenda.participate")
    amendment = Amendment.objects.select_related("paragraph").get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.OPEN:
        raise ValidationError(_("The decision on this amendment has been taken."))
    deleted, _unused = AmendmentSupport.objects.filter(amendment=amendment, user=user).delete()
    if not deleted:
        return
    Amendment.objects.filter(pk=amendment.pk).update(support_count=F("support_count") - 1)
    _changed(amendment.paragraph.document_id)
    audit_log(action=AuditAction.AGENDA_AMENDMENT_SUPPORT_WITHDRAW, actor=user, target=amendment)


def _lock_open_amendment(amendment: Amendment) -> tuple[Amendment, Paragraph]:
    paragraph = _lock_paragraph(amendment.paragraph_id)
    amendment = Amendment.objects.select_for_update(no_key=True).get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.OPEN:
        raise ValidationError(_("This amendment has already been decided."))
    if paragraph.document.status != DocumentStatus.PUBLISHED:
        raise ValidationError(
            _("Amendments can only be decided while the text is published and not adopted.")
        )
    return amendment, paragraph


def _decide(amendment: Amendment, *, actor, status: str, reason: str) -> None:
    Amendment.objects.filter(pk=amendment.pk).update(
        status=status, decision_reason=reason, decided_by=actor, decided_at=timezone.now()
    )


def _tell(amendment: Amendment, *, paragraph: Paragraph, title: str, reason: str) -> None:
    supporters = [
        s.user for s in AmendmentSupport.objects.filter(amendment=amendment).select_related("user")
    ]
    _notify(
        recipients=[amendment.author, *supporters],
        kind=NotificationKind.STATUS,
        event_key=f"agenda:amendment:{amendment.pk}:{amendment.status}",
        url=amendment.get_absolute_url(),
        title=title,
        body=plain_text(reason)[:500],
    )


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError(
            {"reason": _("Please give the reasons; the author and supporters read them.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("At most %(max)d characters, please.") % {"max": REASON_MAX}}
        )
    return reason


def _apply(paragraph: Paragraph, *, text: str, amendment: Amendment, reason: str) -> None:
    Paragraph.objects.filter(pk=paragraph.pk).update(
        text=text,
        text_html=render_markdown(text),
        pending_amendment=amendment,
        pending_reason=reason,
    )


def _recount_open(paragraph_id: int) -> None:
    n = Amendment.objects.filter(paragraph_id=paragraph_id, status=AmendmentStatus.OPEN).count()
    Paragraph.objects.filter(pk=paragraph_id).update(open_amendment_count=n)


@transaction.atomic
def amendment_accept(*, amendment: Amendment, actor, reason: str = "") -> Amendment:
    """The paragraph takes the proposed wording; the next version shows why."""
    require(actor, "agenda.decide_amendment", amendment)
    reason = _clean_reason(reason, required=False)
    amendment, paragraph = _lock_open_amendment(amendment)
    _decide(amendment, actor=actor, status=AmendmentStatus.ACCEPTED, reason=reason)
    _apply(paragraph, text=amendment.text, amendment=amendment, reason=reason)
    _recount_open(paragraph.pk)
    _changed(paragraph.document_id)
    audit_log(
        action=AuditAction.AGENDA_AMENDMENT_ACCEPT,
        actor=actor,
        target=amendment,
        details={"paragraph": paragraph.pk, "reason": reason},
    )
    amendment.status = AmendmentStatus.ACCEPTED
    with override(settings.LANGUAGE_CODE):
        _tell(
            amendment,
            paragraph=paragraph,
            reason=reason,
            title=_("Amendment accepted: section %(number)s of the %(document)s")
            % {"number": paragraph.section.number, "document": paragraph.document.title},
        )
    return Amendment.objects.get(pk=amendment.pk)


@transaction.atomic
def amendment_reject(*, amendment: Amendment, actor, reason: str) -> Amendment:
    require(actor, "agenda.decide_amendment", amendment)
    reason = _clean_reason(reason, required=True)
    amendment, paragraph = _lock_open_amendment(amendment)
    _decide(amendment, actor=actor, status=AmendmentStatus.REJECTED, reason=reason)
    _recount_open(paragraph.pk)
    _changed(paragraph.document_id)
    audit_log(
        action=AuditAction.AGENDA_AMENDMENT_REJECT,
        actor=actor,
        target=amendment,
        details={"paragraph": paragraph.pk, "reason": reason},
    )
    amendment.status = AmendmentStatus.REJECTED
    with override(settings.LANGUAGE_CODE):
        _tell(
            amendment,
            paragraph=paragraph,
            reason=reason,
            title=_("Amendment not accepted: section %(number)s of the %(document)s")
            % {"number": paragraph.section.number, "document": paragraph.document.title},
        )
    return Amendment.objects.get(pk=amendment.pk)


@transaction.atomic
def amendment_merge(
    *, amendments: Iterable[Amendment], actor, text: str, reason: str
) -> list[Amendment]:
    """Several proposals for one paragraph become one wording written by the office."""
    require(actor, "agenda.decide_amendment")
    amendments = list(amendments)
    if len({a.pk for a in amendments}) < 2:
        raise ValidationError({"amendments": _("Please choose at least two amendments to merge.")})
    if len({a.paragraph_id for a in amendments}) != 1:
        raise ValidationError(
            {"amendments": _("Only amendments to the same paragraph can be merged.")}
        )
    text = _text(
        text, field="text", max_length=MAX_PARAGRAPH, empty=_("Please write the merged wording.")
    )
    reason = _clean_reason(reason, required=True)
    locked = []
    paragraph = None
    for a in sorted(amendments, key=lambda a: a.pk):
        a, paragraph = _lock_open_amendment(a)
        locked.append(a)
    for a in locked:
        _decide(a, actor=actor, status=AmendmentStatus.MERGED, reason=reason)
    _apply(paragraph, text=text, amendment=locked[0], reason=reason)
    _recount_open(paragraph.pk)
    _changed(paragraph.document_id)
    audit_log(
        action=AuditAction.AGENDA_AMENDMENT_MERGE,
        actor=actor,
        target=paragraph,
        details={"amendments": [a.pk for a in locked], "reason": reason},
    )
    with override(settings.LANGUAGE_CODE):
        for a in locked:
            a.status = AmendmentStatus.MERGED
            _tell(
                a,
                paragraph=paragraph,
                reason=reason,
                title=_(
                    "Amendment merged into a new wording: section %(number)s of the %(document)s"
                )
                % {"number": paragraph.section.number, "document": paragraph.document.title},
            )
    return list(Amendment.objects.filter(pk__in=[a.pk for a in locked]).order_by("pk"))


def amendment_lock(amendment: Amendment) -> Amendment:
    _lock_paragraph(amendment.paragraph_id)
    return Amendment.objects.select_for_update(no_key=True).get(pk=amendment.pk)


def after_amendment_moderation(amendment: Amendment) -> None:
    _changed(
        Paragraph.objects.filter(pk=amendment.paragraph_id).values_list("document_id", flat=True)[0]
    )


# --- evidence -------------------------------------------------------------------


def citation_target_queryset(kind: str):
    """What may be cited: only what the public can see."""
    app_label, model = CITATION_MODELS[CitationKind(kind)]
    qs = apps.get_model(app_label, model)._default_manager.all()
    if kind == CitationKind.IDEA:
        qs = qs.filter(is_hidden=False)
    elif kind == CitationKind.RECOMMENDATION:
        qs = qs.filter(published_at__isnull=False)
    elif kind == CitationKind.SURVEY:
        qs = qs.filter(status="published")
    return qs


@transaction.atomic
def citation_add(*, paragraph: Paragraph, actor, kind: str, object_id: int) -> Citation:
    require(actor, "agenda.manage_document")
    if kind not in CitationKind.values:
        raise ValidationError({"kind": _("Please choose what kind of evidence this is.")})
    target = citation_target_queryset(kind).filter(pk=object_id).first()
    if target is None:
        raise ValidationError({"object_id": _("There is no public entry with this number.")})
    ct = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            citation = Citation.objects.create(
                paragraph=paragraph, kind=kind, content_type=ct, object_id=target.pk, added_by=actor
            )
    except IntegrityError:
        raise ValidationError({"object_id": _("This paragraph already cites it.")}) from None
    _cited_changed(citation)
    audit_log(
        action=AuditAction.AGENDA_CITATION_ADD,
        actor=actor,
        target=paragraph,
        details={"kind": kind, "object_id": target.pk},
    )
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, actor) -> None:
    require(actor, "agenda.manage_document")
    paragraph = citation.paragraph
    Citation.objects.filter(pk=citation.pk).delete()
    _cited_changed(citation)
    audit_log(
        action=AuditAction.AGENDA_CITATION_REMOVE,
        actor=actor,
        target=paragraph,
        details={"kind": citation.kind, "object_id": citation.object_id},
    )


def _cited_changed(citation: Citation) -> None:
    _changed(
        Paragraph.objects.filter(pk=citation.paragraph_id).values_list("document_id", flat=True)[0]
    )


# --- accounts -------------------------------------------------------------------


def anonymise_user(user) -> None:
    """Account deletion: comments and amendments stay with "gelöschtes Konto";
    votes and supports stay so that published counts do not change after
    the fact (without the account they no longer point to a person). The
    renderings that show the name are refreshed."""
    documents = set(
        AgendaComment.objects.filter(author=user).values_list("paragraph__document_id", flat=True)
    ) | set(Amendment.objects.filter(author=user).values_list("paragraph__document_id", flat=True))
    documents |= set(
        SectionVote.objects.filter(user=user).values_list("section__document_id", flat=True)
    )
    Document.objects.filter(pk__in=documents).update(revision=F("revision") + 1)


def vote_totals(section_ids) -> dict[int, dict[str, int]]:
    """Counted from the rows, to check the stored counters."""
    out: dict[int, dict[str, int]] = {}
    for row in (
        SectionVote.objects.filter(section_id__in=section_ids)
        .values("section_id", "choice")
        .annotate(n=Count("id"))
    ):
        out.setdefault(row["section_id"], {})[row["choice"]] = row["n"]
    return out
