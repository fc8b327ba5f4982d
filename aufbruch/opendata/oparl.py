"""Import from the council information system through OParl 1.1.

System → its body list → each Body's meeting list and paper list, every
list followed along ``links.next``. Meetings and papers are stored as
OParlMeeting / OParlPaper (upsert on the OParl id) and linked to our
committee meetings: a meeting on the same day whose OParl name or
organisation mentions our committee, and papers whose reference is our
meeting's reference (the committee paper's number).

``fetch(url) -> dict`` is injected: tests give a fake transport, production
uses ``http_fetch`` (https/http only, a timeout, a size limit)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.committees.models import CommitteeMeeting

from .models import OParlMeeting, OParlPaper

Fetch = Callable[[str], dict]
MAX_PAGES = 500  # per list: a bound against endless "next" chains
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 20


class OParlError(Exception):
    pass


def http_fetch(url: str) -> dict:
    if not url.startswith(("https://", "http://")):
        raise OParlError(f"not an http(s) URL: {url[:200]}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked
        body = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise OParlError(f"answer too large: {url[:200]}")
    try:
        return json.loads(body)
    except ValueError as exc:
        raise OParlError(f"not JSON: {url[:200]}") from exc


def iterate_list(fetch: Fetch, url: str) -> Iterator[dict]:
    """Every object of an external object list, following ``links.next``."""
    seen: set[str] = set()
    pages = 0
    while url and url not in seen and pages < MAX_PAGES:
        seen.add(url)
        pages += 1
        page = fetch(url)
        for obj in page.get("data", []) or []:
            if isinstance(obj, dict) and obj.get("id") and not obj.get("deleted"):
                yield obj
        url = (page.get("links") or {}).get("next") or ""


def _dt(value) -> datetime | None:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    return parsed


def _date(value) -> date | None:
    return parse_date(value) if isinstance(value, str) else None


def _text(value, limit: int) -> str:
    return str(value or "")[:limit]


@dataclass
class ImportResult:
    bodies: int = 0
    meetings: int = 0
    papers: int = 0
    linked_meetings: int = 0
    linked_papers: int = 0
    errors: list[str] = field(default_factory=list)


def _store_meeting(obj: dict) -> OParlMeeting:
    meeting, _created = OParlMeeting.objects.update_or_create(
        oparl_id=_text(obj["id"], 500),
        defaults={
            "name": _text(obj.get("name"), 300),
            "start": _dt(obj.get("start")),
            "end": _dt(obj.get("end")),
            "organizations": "\n".join(str(o) for o in obj.get("organization") or [])[:5000],
            "web_url": _text(obj.get("web"), 500),
            "cancelled": bool(obj.get("cancelled")),
            "modified": _dt(obj.get("modified")),
        },
    )
    return meeting


def _store_paper(obj: dict) -> OParlPaper:
    paper, _created = OParlPaper.objects.update_or_create(
        oparl_id=_text(obj["id"], 500),
        defaults={
            "name": _text(obj.get("name"), 500),
            "reference": _text(obj.get("reference"), 100),
            "date": _date(obj.get("date")),
            "paper_type": _text(obj.get("paperType"), 200),
            "web_url": _text(obj.get("web"), 500),
            "modified": _dt(obj.get("modified")),
        },
    )
    meeting_ids = [c.get("meeting") for c in obj.get("consultation") or [] if isinstance(c, dict)]
    paper.meetings.set(OParlMeeting.objects.filter(oparl_id__in=[m for m in meeting_ids if m]))
    return paper


def link_committee_meetings() -> tuple[int, int]:
    """Link OParl meetings and papers to our committee meetings (see module doc)."""
    linked_meetings = linked_papers = 0
    for ours in CommitteeMeeting.objects.order_by("date", "pk"):
        day_matches = list(
            OParlMeeting.objects.filter(start__date=ours.date, cancelled=False).order_by("pk")
        )
        name = ours.committee.casefold()
        best = [m for m in day_matches if name in m.name.casefold()] or (
            day_matches if len(day_matches) == 1 else []
        )
        if best:
            linked_meetings += OParlMeeting.objects.filter(pk=best[0].pk).update(
                committee_meeting=ours
            )
        if ours.reference:
            linked_papers += OParlPaper.objects.filter(reference=ours.reference).update(
                committee_meeting=ours
            )
    return linked_meetings, linked_papers


def import_oparl(
    *, fetch: Fetch = http_fetch, endpoint: str | None = None, actor=None
) -> ImportResult:
    """Import meetings and papers of every body of the OParl system at
    ``endpoint`` (default: settings.OPARL_ENDPOINT). Safe to repeat."""
    endpoint = (endpoint if endpoint is not None else settings.OPARL_ENDPOINT).strip()
    if not endpoint:
        raise ValidationError(_("No OParl endpoint is configured (setting OPARL_ENDPOINT)."))
    result = ImportResult()
    system = fetch(endpoint)
    body_list = system.get("body")
    if not isinstance(body_list, str):
        raise OParlError("the System object has no body list")
    for body in iterate_list(fetch, body_list):
        result.bodies += 1
        with transaction.atomic():
            if isinstance(body.get("meeting"), str):
                for obj in iterate_list(fetch, body["meeting"]):
                    _store_meeting(obj)
                    result.meetings += 1
            if isinstance(body.get("paper"), str):
                for obj in iterate_list(fetch, body["paper"]):
                    _store_paper(obj)
                    result.papers += 1
    with transaction.atomic():
        result.linked_meetings, result.linked_papers = link_committee_meetings()
        audit_log(
            action=AuditAction.OPARL_IMPORT,
            actor=actor,
            target=None,
            details={
                "endpoint": endpoint[:500],
                "bodies": result.bodies,
                "meetings": result.meetings,
                "papers": result.papers,
                "linked_meetings": result.linked_meetings,
                "linked_papers": result.linked_papers,
            },
        )
    return result
