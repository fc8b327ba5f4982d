"""Open data of the Digital Agenda: published documents with their sections,
paragraphs and vote counts, versions, and decided amendments with reasons.
Public fields only: no author, no voter, nothing of a draft."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Schema

from aufbruch.agenda.models import (
    Amendment,
    AmendmentStatus,
    Document,
    DocumentStatus,
    Paragraph,
    Section,
    Version,
)

from .schemas import MAX_ID, NotFoundOut, ValidationErrorOut

router = Router(tags=["digital agenda"])
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="The document's id")]
ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}


class VersionOut(Schema):
    number: int
    published_at: datetime
    note: str
    adopted_on: date | None
    decision_reference: str


class DocumentOut(Schema):
    id: int
    title: str
    status: str
    is_sample: bool
    published_at: datetime | None
    url: str
    versions: list[VersionOut]


class ParagraphOut(Schema):
    id: int
    text: str
    comment_count: int


class SectionOut(Schema):
    id: int
    number: str
    title: str
    agree: int
    disagree: int
    abstain: int
    paragraphs: list[ParagraphOut]


class DocumentTextOut(DocumentOut):
    sections: list[SectionOut]


class AmendmentOut(Schema):
    id: int
    paragraph_id: int
    section_number: str
    status: str
    original_wording: str
    proposed_wording: str
    reason: str
    decision_reason: str
    decided_at: datetime | None
    supports: int


def _public():
    return Document.objects.exclude(status=DocumentStatus.DRAFT)


def _document_out(d: Document, versions: list[Version]) -> dict:
    return {
        "id": d.pk,
        "title": d.title,
        "status": d.status,
        "is_sample": d.is_sample,
        "published_at": d.published_at,
        "url": d.get_absolute_url(),
        "versions": [
            {
                "number": v.number,
                "published_at": v.published_at,
                "note": v.note,
                "adopted_on": v.adopted_on,
                "decision_reference": v.decision_reference,
            }
            for v in versions
        ],
    }


@router.get(
    "/documents",
    response={200: list[DocumentOut], 422: ValidationErrorOut},
    summary="Published agenda documents",
)
def list_documents(request: HttpRequest):
    documents = list(_public().order_by("-published_at", "-id")[:100])
    versions: dict[int, list[Version]] = {}
    for v in Version.objects.filter(document__in=documents).order_by("number"):
        versions.setdefault(v.document_id, []).append(v)
    return [_document_out(d, versions.get(d.pk, [])) for d in documents]


@router.get(
    "/documents/{document_id}",
    response={200: DocumentTextOut, **ERRORS},
    summary="One document with its text and votes",
)
def get_document(request: HttpRequest, document_id: DocumentId):
    document = _public().filter(pk=document_id).first()
    if document is None:
        return 404, {"detail": "Not found"}
    out = _document_out(document, list(document.versions.order_by("number")))
    paragraphs: dict[int, list[dict]] = {}
    for p in (
        Paragraph.objects.filter(document=document)
        .order_by("position")
        .values("id", "section_id", "text", "comment_count")
    ):
        paragraphs.setdefault(p.pop("section_id"), []).append(p)
    out["sections"] = [
        {
            "id": s.pk,
            "number": s.number,
            "title": s.title,
            "agree": s.agree_count,
            "disagree": s.disagree_count,
            "abstain": s.abstain_count,
            "paragraphs": paragraphs.get(s.pk, []),
        }
        for s in Section.objects.filter(document=document).order_by("position")
    ]
    return 200, out


@router.get(
    "/documents/{document_id}/amendments",
    response={200: list[AmendmentOut], **ERRORS},
    summary="Decided amendments with reasons",
)
def list_amendments(request: HttpRequest, document_id: DocumentId):
    if not _public().filter(pk=document_id).exists():
        return 404, {"detail": "Not found"}
    items = (
        Amendment.objects.filter(paragraph__document_id=document_id, is_hidden=False)
        .exclude(status=AmendmentStatus.OPEN)
        .select_related("paragraph__section")
        .order_by("paragraph__position", "decided_at")
    )
    return 200, [
        {
            "id": a.pk,
            "paragraph_id": a.paragraph_id,
            "section_number": a.paragraph.section.number,
            "status": a.status,
            "original_wording": a.base_text,
            "proposed_wording": a.text,
            "reason": a.reason,
            "decision_reason": a.decision_reason,
            "decided_at": a.decided_at,
            "supports": a.support_count,
        }
        for a in items
    ]
