"""Reads for the Digital Agenda. The reading view of a document of any
length costs a fixed number of queries: sections, paragraphs, citations
(one query per kind of cited object) and, for a logged-in reader, their votes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.core.citations import CitedBy
from aufbruch.organisation.models import District
from aufbruch.surveys.selectors import AGE_BANDS, age_band

from .diff import word_diff
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


def public_documents():
    return Document.objects.exclude(status=DocumentStatus.DRAFT).order_by("-published_at", "-id")


def visible_document(user, pk: int) -> Document | None:
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        return None
    if document.is_public or user.has_perm("agenda.manage_document"):
        return document
    return None


# --- citations ----------------------------------------------------------------


@dataclass
class CitedItem:
    kind: str
    label: str
    url: str


def _citation_label(kind: str, obj) -> tuple[str, str]:
    if kind == CitationKind.IDEA:
        return _("Idea: %(title)s") % {"title": obj.title}, obj.get_absolute_url()
    if kind == CitationKind.RECOMMENDATION:
        return (
            _("Recommendation of the %(board)s: %(title)s")
            % {"board": obj.board.name, "title": obj.title},
            obj.public_url(),
        )
    if kind == CitationKind.SURVEY:
        return _("Survey results: %(title)s") % {"title": obj.title}, reverse(
            "surveys:results", args=[obj.pk]
        )
    return _("Assumption: %(wording)s") % {"wording": obj.wording}, obj.get_absolute_url()


def citations_for(paragraph_ids) -> dict[int, list[CitedItem]]:
    """The evidence each paragraph cites: one query for the links, one per kind."""
    rows = list(
        Citation.objects.filter(paragraph_id__in=paragraph_ids).values_list(
            "paragraph_id", "kind", "object_id"
        )
    )
    wanted: dict[str, set[int]] = defaultdict(set)
    for _p, kind, oid in rows:
        wanted[kind].add(oid)
    objects: dict[tuple[str, int], object] = {}
    for kind, ids in wanted.items():
        app_label, model_name = CITATION_MODELS[CitationKind(kind)]
        qs = apps.get_model(app_label, model_name)._default_manager.filter(pk__in=ids)
        if kind == CitationKind.IDEA:
            qs = qs.filter(is_hidden=False)
        if kind == CitationKind.RECOMMENDATION:
            qs = qs.select_related("board")
        for obj in qs:
            objects[(kind, obj.pk)] = obj
    out: dict[int, list[CitedItem]] = defaultdict(list)
    for pid, kind, oid in rows:
        obj = objects.get((kind, oid))
        if obj is not None:
            label, url = _citation_label(kind, obj)
            out[pid].append(CitedItem(kind=kind, label=label, url=url))
    return out


def cited_by_source(model, ids: list[int]) -> dict[int, list[CitedBy]]:
    """Registered with core.citations: where the agenda cites these objects."""
    meta = (model._meta.app_label, model._meta.model_name)
    if meta not in CITATION_MODELS.values():
        return {}
    ct = ContentType.objects.get_for_model(model)
    out: dict[int, list[CitedBy]] = defaultdict(list)
    seen = set()
    rows = (
        Citation.objects.filter(content_type=ct, object_id__in=ids)
        .exclude(paragraph__document__status=DocumentStatus.DRAFT)
        .values_list(
            "object_id",
            "paragraph__document_id",
            "paragraph__document__title",
            "paragraph__section_id",
            "paragraph__section__number",
        )
        .order_by("paragraph__document_id", "paragraph__position")
    )
    for oid, doc_id, title, section_id, number in rows:
        if (oid, section_id) in seen:
            continue
        seen.add((oid, section_id))
        out[oid].append(
            CitedBy(
                label=_("%(document)s, section %(number)s") % {"document": title, "number": number},
                url=reverse("agenda:detail", args=[doc_id]) + f"#section-{section_id}",
            )
        )
    return out


def idea_panel(request, idea) -> dict | None:
    links = cited_by_source(type(idea), [idea.pk]).get(idea.pk)
    return {"links": links} if links else None


def ideas_citing_document(document, details: dict):
    """Registered with ideas.page_cache: the ideas a document cites show its
    title once it is published."""
    return Citation.objects.filter(paragraph__document=document, kind=CitationKind.IDEA).values(
        "object_id"
    )


def ideas_citing_paragraph(paragraph, details: dict) -> list[int]:
    """Registered with ideas.page_cache: a citation just added or removed
    names its idea in the audit entry's details."""
    return [details["object_id"]] if details.get("kind") == CitationKind.IDEA else []


# --- reading view -------------------------------------------------------------


@dataclass
class SectionView:
    section: Section
    body: str = ""
    my_vote: str | None = None


def reading_sections(document: Document, user) -> list[SectionView]:
    """Sections with the reader's own vote; the paragraphs come from rendering.py."""
    sections = [
        SectionView(section=s)
        for s in Section.objects.filter(document=document).order_by("position", "id")
    ]
    if user.is_authenticated and sections:
        by_id = {v.section.pk: v for v in sections}
        for sid, choice in SectionVote.objects.filter(
            user=user, section__document=document
        ).values_list("section_id", "choice"):
            by_id[sid].my_vote = choice
    return sections


def paragraphs_by_section(document: Document) -> list[dict]:
    """For the office's overview: every section with its paragraphs (two queries)."""
    sections = {
        s.pk: {"section": s, "paragraphs": []}
        for s in Section.objects.filter(document=document).order_by("position", "id")
    }
    for p in (
        Paragraph.objects.filter(document=document)
        .order_by("position", "id")
        .only("id", "section_id", "text")
    ):
        sections[p.section_id]["paragraphs"].append(p)
    return list(sections.values())


def paragraph_detail(document: Document, pk: int) -> Paragraph | None:
    return Paragraph.objects.filter(document=document, pk=pk).select_related("section").first()


def thread(*, paragraph: Paragraph, amendment: Amendment | None = None) -> list[AgendaComment]:
    """Top-level comments with their replies: two queries."""
    replies = AgendaComment.objects.select_related("author").order_by("created_at", "id")
    return list(
        AgendaComment.objects.filter(paragraph=paragraph, amendment=amendment, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def amendments_of(paragraph: Paragraph, user) -> list[Amendment]:
    qs = Amendment.objects.filter(paragraph=paragraph).select_related("author")
    if not user.has_perm("agenda.view_hidden"):
        qs = qs.filter(Q(is_hidden=False) | Q(author_id=getattr(user, "pk", None)))
    items = list(qs.order_by("status", "-support_count", "-created_at"))
    for a in items:
        a.diff = word_diff(a.base_text, a.text)
    return items


def supported_ids(user, amendments) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        AmendmentSupport.objects.filter(user=user, amendment__in=amendments).values_list(
            "amendment_id", flat=True
        )
    )


# --- versions -----------------------------------------------------------------


def versions(document: Document) -> list[Version]:
    return list(
        Version.objects.filter(document=document)
        .select_related("committee_meeting")
        .annotate(paragraph_total=Count("paragraphs"))
        .order_by("number")
    )


@dataclass
class ParagraphChange:
    paragraph_id: int
    section_number: str
    section_title: str
    kind: str  # "changed", "added", "removed"
    diff: object
    causes: list


def compare(older: Version, newer: Version) -> list[ParagraphChange]:
    """What changed between two versions, paragraph by paragraph, with the
    amendments and reasons recorded in the versions in between."""
    if older.number > newer.number:
        older, newer = newer, older
    old = {
        vp.paragraph_id: vp
        for vp in VersionParagraph.objects.filter(version=older).only(
            "paragraph_id", "position", "section_number", "section_title", "text"
        )
    }
    new = {
        vp.paragraph_id: vp
        for vp in VersionParagraph.objects.filter(version=newer).only(
            "paragraph_id", "position", "section_number", "section_title", "text"
        )
    }
    causes: dict[int, list] = defaultdict(list)
    between = (
        VersionParagraph.objects.filter(
            version__document_id=newer.document_id,
            version__number__gt=older.number,
            version__number__lte=newer.number,
        )
        .filter(Q(amendment__isnull=False) | ~Q(change_reason=""))
        .select_related("amendment", "version")
        .order_by("version__number")
    )
    for vp in between:
        causes[vp.paragraph_id].append(
            {"version": vp.version.number, "amendment": vp.amendment, "reason": vp.change_reason}
        )
    changes = []
    for pid, vp in sorted(new.items(), key=lambda item: item[1].position):
        before = old.get(pid)
        if before is None:
            changes.append(
                ParagraphChange(
                    pid,
                    vp.section_number,
                    vp.section_title,
                    "added",
                    word_diff("", vp.text),
                    causes[pid],
                )
            )
        elif before.text != vp.text:
            changes.append(
                ParagraphChange(
                    pid,
                    vp.section_number,
                    vp.section_title,
                    "changed",
                    word_diff(before.text, vp.text),
                    causes[pid],
                )
            )
    for pid, vp in old.items():
        if pid not in new:
            changes.append(
                ParagraphChange(
                    pid, vp.section_number, vp.section_title, "removed", word_diff(vp.text, ""), []
                )
            )
    return changes


def version_text(version: Version) -> list[dict]:
    """A published version as sections with their paragraphs' wording."""
    out: list[dict] = []
    for vp in VersionParagraph.objects.filter(version=version).order_by("position"):
        if (
            not out
            or out[-1]["number"] != vp.section_number
            or out[-1]["title"] != vp.section_title
        ):
            out.append({"number": vp.section_number, "title": vp.section_title, "paragraphs": []})
        out[-1]["paragraphs"].append(vp.text)
    return out


# --- results ------------------------------------------------------------------


def _pct(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def section_results(document: Document) -> list[dict]:
    """Votes per section, and breakdowns by age band and district for groups
    of at least SMALL_GROUP_THRESHOLD voters (smaller groups are not shown)."""
    sections = list(Section.objects.filter(document=document).order_by("position", "id"))
    threshold = settings.SMALL_GROUP_THRESHOLD
    year = timezone.localdate().year
    age: dict = defaultdict(lambda: defaultdict(int))
    district: dict = defaultdict(lambda: defaultdict(int))
    for row in (
        SectionVote.objects.filter(section__document=document)
        .values("section_id", "choice", "user__birth_year", "user__district_id")
        .annotate(n=Count("id"))
    ):
        band = age_band(row["user__birth_year"], year)
        if band:
            age[(row["section_id"], band)][row["choice"]] += row["n"]
        if row["user__district_id"]:
            district[(row["section_id"], row["user__district_id"])][row["choice"]] += row["n"]
    districts = list(District.objects.order_by("name").values_list("pk", "name"))
    comments = dict(
        Paragraph.objects.filter(document=document)
        .values("section_id")
        .annotate(
            n=Count("comments", filter=Q(comments__is_deleted=False, comments__is_hidden=False))
        )
        .values_list("section_id", "n")
    )

    def groups(store, keys):
        out = []
        for key, label in keys:
            counts = store.get(key, {})
            total = sum(counts.values())
            if total == 0:
                continue
            enough = total >= threshold
            out.append(
                {
                    "label": str(label),
                    "total": total,
                    "enough": enough,
                    "cells": [
                        {"count": counts.get(c, 0), "percent": _pct(counts.get(c, 0), total)}
                        for c in VoteChoice.values
                    ]
                    if enough
                    else None,
                }
            )
        return out

    results = []
    for s in sections:
        total = s.vote_count
        results.append(
            {
                "section": s,
                "total": total,
                "choices": [
                    {
                        "label": label,
                        "key": key,
                        "count": getattr(s, f"{key}_count"),
                        "percent": _pct(getattr(s, f"{key}_count"), total),
                    }
                    for key, label in VoteChoice.choices
                ],
                "comments": comments.get(s.pk, 0),
                "by_age": groups({k[1]: v for k, v in age.items() if k[0] == s.pk}, AGE_BANDS),
                "by_district": groups(
                    {k[1]: v for k, v in district.items() if k[0] == s.pk}, districts
                ),
            }
        )
    return results


def decided_amendments(document: Document) -> list[Amendment]:
    items = list(
        Amendment.objects.filter(paragraph__document=document, is_hidden=False)
        .exclude(status=AmendmentStatus.OPEN)
        .select_related("paragraph__section")
        .order_by("paragraph__position", "decided_at")
    )
    for a in items:
        a.diff = word_diff(a.base_text, a.text)
    return items


def comment_summary(document: Document, limit: int = 3) -> list[dict]:
    """Per section: visible comments and the most recent few, as a plain summary."""
    per_section: dict[int, list] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for c in (
        AgendaComment.objects.filter(
            paragraph__document=document, is_deleted=False, is_hidden=False
        )
        .select_related("paragraph")
        .only("body", "created_at", "paragraph__section_id", "amendment_id")
        .order_by("-created_at")[:5_000]
    ):
        sid = c.paragraph.section_id
        counts[sid] += 1
        if len(per_section[sid]) < limit:
            per_section[sid].append(c)
    return [
        {"section_id": sid, "count": n, "latest": per_section[sid]} for sid, n in counts.items()
    ]


def csv_rows(document: Document):
    yield [
        _("Section"),
        _("Heading"),
        _("Agree"),
        _("Disagree"),
        _("Abstain"),
        _("Comments"),
        _("Amendments accepted"),
        _("Amendments rejected"),
        _("Amendments merged"),
    ]
    decided = defaultdict(lambda: defaultdict(int))
    for sid, status, n in (
        Amendment.objects.filter(paragraph__document=document, is_hidden=False)
        .values_list("paragraph__section_id", "status")
        .annotate(n=Count("id"))
    ):
        decided[sid][status] = n
    for r in section_results(document):
        s = r["section"]
        yield [
            s.number,
            s.title,
            s.agree_count,
            s.disagree_count,
            s.abstain_count,
            r["comments"],
            decided[s.pk][AmendmentStatus.ACCEPTED],
            decided[s.pk][AmendmentStatus.REJECTED],
            decided[s.pk][AmendmentStatus.MERGED],
        ]
    yield []
    yield [
        _("Amendment"),
        _("Section"),
        _("Status"),
        _("Proposed wording"),
        _("Reason"),
        _("Reasons for the decision"),
    ]
    for a in decided_amendments(document):
        yield [
            a.pk,
            a.paragraph.section.number,
            a.get_status_display(),
            a.text,
            a.reason,
            a.decision_reason,
        ]


# --- feed ---------------------------------------------------------------------


def changes(document: Document, limit: int = 50) -> list[dict]:
    """Published versions and decided amendments, newest first."""
    items = [
        {"kind": "version", "when": v.published_at, "object": v}
        for v in Version.objects.filter(document=document).order_by("-published_at")[:limit]
    ]
    items += [
        {"kind": "amendment", "when": a.decided_at, "object": a}
        for a in Amendment.objects.filter(paragraph__document=document, is_hidden=False)
        .exclude(status=AmendmentStatus.OPEN)
        .select_related("paragraph__section")
        .order_by("-decided_at")[:limit]
    ]
    items.sort(key=lambda i: i["when"], reverse=True)
    return items[:limit]


# --- data export --------------------------------------------------------------


def export_user(user) -> dict:
    return {
        "comments": [
            {
                "id": c.pk,
                "paragraph": c.paragraph_id,
                "amendment": c.amendment_id,
                "reply_to": c.parent_id,
                "text": c.body,
                "written_at": c.created_at.isoformat(),
                "deleted": c.is_deleted,
                "hidden_by_moderation": c.is_hidden,
                "hidden_reason": c.hidden_reason,
            }
            for c in AgendaComment.objects.filter(author=user).order_by("pk")
        ],
        "amendments": [
            {
                "id": a.pk,
                "paragraph": a.paragraph_id,
                "wording": a.text,
                "reason": a.reason,
                "status": a.status,
                "decision_reason": a.decision_reason,
                "proposed_at": a.created_at.isoformat(),
            }
            for a in Amendment.objects.filter(author=user).order_by("pk")
        ],
        "votes": [
            {"section": v.section_id, "choice": v.choice, "changed_at": v.changed_at.isoformat()}
            for v in SectionVote.objects.filter(user=user).order_by("pk")
        ],
        "supports": list(
            AmendmentSupport.objects.filter(user=user)
            .order_by("pk")
            .values_list("amendment_id", flat=True)
        ),
    }
