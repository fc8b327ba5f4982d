"""The bulk export: one CSV per public entity plus a Frictionless data
package (``datapackage.json`` with a schema per table), zipped into one
archive with the licence. The rows are the API's rows (aufbruch.api.public),
so the export never shows more than the API.

Written atomically (temporary file, then rename) under
MEDIA_ROOT/private/opendata/ and served by the /open-data/ view."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from aufbruch.agenda import selectors as agenda_selectors
from aufbruch.agenda.models import Amendment, Paragraph, Section
from aufbruch.api import public
from aufbruch.api.selectors import opinion_results_row, survey_result
from aufbruch.core.csv import write_open_data_csv
from aufbruch.organisation.models import District, Topic

ARCHIVE_NAME = "aufbruch-open-data.zip"
CHUNK = 2_000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: integer, number, string, boolean, date, datetime
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"


def C(name: str, type_: str, description: str) -> Column:  # noqa: N802 - reads like a table
    return Column(name, type_, description)


ID = C("id", "integer", "Kennung")
HTML = "bereinigtes HTML"


def _idea_rows() -> Iterator[dict]:
    qs = public.public_ideas().select_related("topic", "district").order_by("pk")
    for i in qs.iterator(chunk_size=CHUNK):
        yield {
            "id": i.pk,
            "title": i.title,
            "body_html": i.body_html,
            "topic": i.topic.slug,
            "district": i.district.slug if i.district_id else None,
            "status": i.status,
            "source": i.source,
            "support_count": i.support_count,
            "comment_count": i.comment_count,
            "created_at": i.created_at,
            "latitude": None if i.latitude is None else float(i.latitude),
            "longitude": None if i.longitude is None else float(i.longitude),
            "url": public.absolute(i.get_absolute_url()),
        }


def _rows(qs, row: Callable) -> Iterator[dict]:
    for obj in qs.iterator(chunk_size=CHUNK):
        yield row(obj)


def _projects() -> Iterator[dict]:
    qs = public.public_projects().prefetch_related(public.idea_ids_prefetch()).order_by("pk")
    for p in qs.iterator(chunk_size=CHUNK):
        yield public.project_row(p, [i.pk for i in p.public_ideas])


def _recommendations() -> Iterator[dict]:
    qs = public.public_recommendations().prefetch_related(public.idea_ids_prefetch()).order_by("pk")
    for r in qs.iterator(chunk_size=CHUNK):
        yield public.recommendation_row(r, [i.pk for i in r.public_ideas])


def _survey_results() -> Iterator[dict]:
    """One row per survey, question and option (counts as published)."""
    for survey in public.public_surveys_with_results():
        for q in survey_result(survey)["questions"]:
            for n, row in enumerate(q["rows"], 1):
                yield {
                    "survey_id": survey.pk,
                    "survey_title": survey.title,
                    "question_id": q["id"],
                    "question": q["text"],
                    "kind": q["kind"],
                    "respondents": q["respondents"],
                    "option_position": n,
                    "option": row["label"],
                    "count": row["count"],
                    "percent": row["percent"],
                }


def _opinion_groups() -> Iterator[dict]:
    for m in public.public_opinion_maps().order_by("pk"):
        results = opinion_results_row(m)
        for g in (results or {}).get("groups", []):
            yield {
                "opinion_map_id": m.pk,
                "group": g["label"],
                "size": g["size"],
                "shown": g["shown"],
            }


def _agenda_documents() -> Iterator[dict]:
    for d in agenda_selectors.public_documents().order_by("pk"):
        yield {
            "id": d.pk,
            "title": d.title,
            "status": d.status,
            "is_sample": d.is_sample,
            "published_at": d.published_at,
            "url": public.absolute(d.get_absolute_url()),
        }


def _agenda_document_ids():
    return agenda_selectors.public_documents().values("pk")


def _agenda_sections() -> Iterator[dict]:
    qs = Section.objects.filter(document__in=_agenda_document_ids()).order_by(
        "document_id", "position"
    )
    for s in qs.iterator(chunk_size=CHUNK):
        yield {
            "id": s.pk,
            "document_id": s.document_id,
            "number": s.number,
            "title": s.title,
            "agree": s.agree_count,
            "disagree": s.disagree_count,
            "abstain": s.abstain_count,
        }


def _agenda_paragraphs() -> Iterator[dict]:
    qs = Paragraph.objects.filter(document__in=_agenda_document_ids()).order_by(
        "document_id", "section__position", "position"
    )
    for p in qs.iterator(chunk_size=CHUNK):
        yield {
            "id": p.pk,
            "document_id": p.document_id,
            "section_id": p.section_id,
            "position": p.position,
            "text": p.text,
            "comment_count": p.comment_count,
        }


def _agenda_amendments() -> Iterator[dict]:
    """Amendments as residents see them: never hidden ones, never who wrote them."""
    qs = Amendment.objects.filter(
        paragraph__document__in=_agenda_document_ids(), is_hidden=False
    ).order_by("pk")
    for a in qs.iterator(chunk_size=CHUNK):
        yield {
            "id": a.pk,
            "paragraph_id": a.paragraph_id,
            "status": a.status,
            "text": a.text,
            "reason": a.reason,
            "decision_reason": a.decision_reason,
            "support_count": a.support_count,
            "created_at": a.created_at,
            "decided_at": a.decided_at,
        }


def _topics() -> Iterator[dict]:
    for t in Topic.objects.filter(is_active=True).order_by("position", "name"):
        yield {"id": t.pk, "slug": t.slug, "name": t.name, "description": t.description}


def _districts() -> Iterator[dict]:
    for d in District.objects.order_by("name"):
        yield {
            "id": d.pk,
            "slug": d.slug,
            "name": d.name,
            "latitude": None if d.latitude is None else float(d.latitude),
            "longitude": None if d.longitude is None else float(d.longitude),
        }


STATUS = "Status auf dem Entscheidungsweg (submitted, in_review, pool, decided, declined, feasibility, pilot, implemented, merged)"
IDS = "Kennungen der Ideen, durch Leerzeichen getrennt"

TABLES: tuple[Table, ...] = (
    Table(
        "topics",
        "Handlungsfelder",
        "Die Handlungsfelder der Digitalen Agenda.",
        (
            ID,
            C("slug", "string", "Kürzel"),
            C("name", "string", "Name"),
            C("description", "string", "Beschreibung"),
        ),
        _topics,
    ),
    Table(
        "districts",
        "Stadtteile",
        "Die Stadtteile.",
        (
            ID,
            C("slug", "string", "Kürzel"),
            C("name", "string", "Name"),
            C("latitude", "number", "Breitengrad"),
            C("longitude", "number", "Längengrad"),
        ),
        _districts,
    ),
    Table(
        "ideas",
        "Ideen",
        "Alle öffentlichen Ideen (ohne von der Moderation ausgeblendete), ohne Angaben zu Personen.",
        (
            ID,
            C("title", "string", "Titel"),
            C("body_html", "string", f"Text ({HTML})"),
            C("topic", "string", "Kürzel des Handlungsfelds"),
            C("district", "string", "Kürzel des Stadtteils"),
            C("status", "string", STATUS),
            C("source", "string", "Eingang (online, paper, workshop, phone, in_person)"),
            C("support_count", "integer", "Unterstützungen"),
            C("comment_count", "integer", "Kommentare"),
            C("created_at", "datetime", "Eingereicht (UTC)"),
            C("latitude", "number", "Breitengrad"),
            C("longitude", "number", "Längengrad"),
            C("url", "string", "Öffentliche Seite"),
        ),
        _idea_rows,
    ),
    Table(
        "status_changes",
        "Statusverlauf",
        "Jeder öffentliche Schritt einer Idee auf dem Entscheidungsweg.",
        (
            ID,
            C("idea_id", "integer", "Idee"),
            C("from_status", "string", STATUS),
            C("to_status", "string", STATUS),
            C("explanation_html", "string", f"Begründung ({HTML})"),
            C("decided_at", "date", "Datum des Beschlusses"),
            C("reference", "string", "Aktenzeichen"),
            C("created_at", "datetime", "Zeitpunkt (UTC)"),
        ),
        lambda: _rows(public.public_status_changes().order_by("pk"), public.status_change_row),
    ),
    Table(
        "official_responses",
        "Stellungnahmen",
        "Öffentliche Stellungnahmen der Verwaltung zu Ideen.",
        (
            ID,
            C("idea_id", "integer", "Idee"),
            C("department", "string", "Fachbereich"),
            C("text_html", "string", f"Text ({HTML})"),
            C("version", "integer", "Version"),
            C("published_at", "datetime", "Veröffentlicht (UTC)"),
            C("edited_at", "datetime", "Zuletzt geändert (UTC)"),
        ),
        lambda: _rows(
            public.public_official_responses().order_by("pk"), public.official_response_row
        ),
    ),
    Table(
        "committee_sessions",
        "Ausschusssitzungen",
        "Sitzungen des Ausschusses, der über Ideen entscheidet.",
        (
            ID,
            C("committee", "string", "Ausschuss"),
            C("date", "date", "Sitzungstag"),
            C("reference", "string", "Vorlagennummer"),
            C("decisions_recorded", "boolean", "Beschlüsse erfasst"),
            C("decisions_recorded_at", "datetime", "Beschlüsse erfasst am (UTC)"),
        ),
        lambda: _rows(public.public_committee_meetings().order_by("pk"), public.meeting_row),
    ),
    Table(
        "committee_decisions",
        "Beschlüsse",
        "Die erfassten Beschlüsse je Idee und Sitzung.",
        (
            ID,
            C("session_id", "integer", "Sitzung"),
            C("committee", "string", "Ausschuss"),
            C("date", "date", "Sitzungstag"),
            C("reference", "string", "Vorlagennummer"),
            C("idea_id", "integer", "Idee"),
            C("idea_title", "string", "Titel der Idee"),
            C("decision", "string", "adopted, pool oder declined"),
            C("explanation", "string", "Begründung"),
        ),
        lambda: _rows(public.public_decisions().order_by("pk"), public.decision_row),
    ),
    Table(
        "projects",
        "Projekte",
        "Projekte und Reallabore aus beschlossenen Ideen.",
        (
            ID,
            C("title", "string", "Titel"),
            C("goal_html", "string", f"Ziel ({HTML})"),
            C("department", "string", "Federführender Fachbereich"),
            C("status", "string", "running, completed oder stopped"),
            C("progress", "integer", "Fortschritt in Prozent"),
            C("budget_planned", "number", "Geplantes Budget (Euro)"),
            C("budget_spent", "number", "Ausgegebenes Budget (Euro)"),
            C("starts_on", "date", "Beginn"),
            C("completed_at", "datetime", "Abgeschlossen (UTC)"),
            C("created_at", "datetime", "Angelegt (UTC)"),
            C("updated_at", "datetime", "Geändert (UTC)"),
            C("idea_ids", "string", IDS),
            C("url", "string", "Öffentliche Seite"),
        ),
        _projects,
    ),
    Table(
        "project_milestones",
        "Meilensteine",
        "Meilensteine der Projekte.",
        (
            ID,
            C("project_id", "integer", "Projekt"),
            C("title", "string", "Meilenstein"),
            C("due_on", "date", "Geplant für"),
            C("done_on", "date", "Erreicht am"),
        ),
        lambda: _rows(public.public_milestones().order_by("pk"), public.milestone_row),
    ),
    Table(
        "project_updates",
        "Projektberichte",
        "Datierte Berichte aus den Projekten.",
        (
            ID,
            C("project_id", "integer", "Projekt"),
            C("title", "string", "Titel"),
            C("body_html", "string", f"Text ({HTML})"),
            C("progress", "integer", "Fortschritt in Prozent"),
            C("published_at", "datetime", "Veröffentlicht (UTC)"),
            C("url", "string", "Öffentliche Seite"),
        ),
        lambda: _rows(public.public_project_updates().order_by("pk"), public.project_update_row),
    ),
    Table(
        "events",
        "Veranstaltungen",
        "Veröffentlichte Veranstaltungen (ohne Anmeldungen).",
        (
            ID,
            C("title", "string", "Titel"),
            C("description_html", "string", f"Beschreibung ({HTML})"),
            C("kind", "string", "Art"),
            C("starts_at", "datetime", "Beginn (UTC)"),
            C("ends_at", "datetime", "Ende (UTC)"),
            C("venue", "string", "Ort"),
            C("address", "string", "Adresse"),
            C("latitude", "number", "Breitengrad"),
            C("longitude", "number", "Längengrad"),
            C("online_url", "string", "Online-Link"),
            C("accessibility_info", "string", "Barrierefreiheit"),
            C("capacity", "integer", "Plätze"),
            C("results_html", "string", f"Ergebnisse ({HTML})"),
            C("results_published_at", "datetime", "Ergebnisse veröffentlicht (UTC)"),
            C("url", "string", "Öffentliche Seite"),
        ),
        lambda: _rows(public.public_events().order_by("pk"), public.event_row),
    ),
    Table(
        "board_recommendations",
        "Empfehlungen der Beiräte",
        "Veröffentlichte Empfehlungen mit Abstimmungsergebnis.",
        (
            ID,
            C("board", "string", "Beirat"),
            C("board_slug", "string", "Kürzel des Beirats"),
            C("title", "string", "Titel"),
            C("body_html", "string", f"Text ({HTML})"),
            C("yes_count", "integer", "Ja"),
            C("no_count", "integer", "Nein"),
            C("abstain_count", "integer", "Enthaltungen"),
            C("member_count", "integer", "Mitglieder"),
            C("quorum_reached", "boolean", "Beschlussfähig"),
            C("adopted", "boolean", "Angenommen"),
            C("published_at", "datetime", "Veröffentlicht (UTC)"),
            C("answer_due_at", "datetime", "Antwort fällig (UTC)"),
            C("idea_ids", "string", IDS),
            C("url", "string", "Öffentliche Seite"),
        ),
        _recommendations,
    ),
    Table(
        "board_answers",
        "Antworten der Verwaltung",
        "Antworten der Fachbereiche auf veröffentlichte Empfehlungen.",
        (
            ID,
            C("recommendation_id", "integer", "Empfehlung"),
            C("department", "string", "Fachbereich"),
            C("body_html", "string", f"Text ({HTML})"),
            C("created_at", "datetime", "Zeitpunkt (UTC)"),
        ),
        lambda: _rows(
            public.public_recommendation_answers().order_by("pk"), public.recommendation_answer_row
        ),
    ),
    Table(
        "survey_results",
        "Umfrageergebnisse",
        "Veröffentlichte Ergebnisse je Frage und Antwortmöglichkeit (keine Freitexte).",
        (
            C("survey_id", "integer", "Umfrage"),
            C("survey_title", "string", "Titel"),
            C("question_id", "integer", "Frage"),
            C("question", "string", "Frage"),
            C("kind", "string", "Fragetyp"),
            C("respondents", "integer", "Antwortende"),
            C("option_position", "integer", "Position der Antwortmöglichkeit"),
            C("option", "string", "Antwortmöglichkeit"),
            C("count", "integer", "Anzahl"),
            C("percent", "number", "Anteil in Prozent"),
        ),
        _survey_results,
    ),
    Table(
        "opinion_maps",
        "Meinungslandkarten",
        "Meinungslandkarten.",
        (
            ID,
            C("question", "string", "Frage"),
            C("description", "string", "Beschreibung"),
            C("topic", "string", "Handlungsfeld"),
            C("is_open", "boolean", "Offen"),
            C("attribution", "string", "Quelle und Lizenz importierter Daten"),
            C("source_url", "string", "Quelle"),
            C("created_at", "datetime", "Angelegt (UTC)"),
            C("url", "string", "Öffentliche Seite"),
        ),
        lambda: _rows(public.public_opinion_maps().order_by("pk"), public.opinion_map_row),
    ),
    Table(
        "opinion_statements",
        "Aussagen",
        "Angenommene Aussagen der Meinungslandkarten (keine Einzelstimmen).",
        (
            ID,
            C("opinion_map_id", "integer", "Meinungslandkarte"),
            C("text", "string", "Aussage"),
            C("is_seed", "boolean", "Von den Veranstaltenden gesetzt"),
            C("created_at", "datetime", "Zeitpunkt (UTC)"),
        ),
        lambda: _rows(public.public_statements().order_by("pk"), public.statement_row),
    ),
    Table(
        "opinion_groups",
        "Meinungsgruppen",
        "Gruppen je Karte mit ihrer Größe; Ergebnisse kleiner Gruppen werden nicht gezeigt.",
        (
            C("opinion_map_id", "integer", "Meinungslandkarte"),
            C("group", "string", "Gruppe"),
            C("size", "integer", "Personen"),
            C("shown", "boolean", "Groß genug, um Ergebnisse zu zeigen"),
        ),
        _opinion_groups,
    ),
    Table(
        "assumptions",
        "Annahmen",
        "Die Annahmen der Stadt und ihr Stand.",
        (
            ID,
            C("wording", "string", "Heutige Fassung"),
            C("original_wording", "string", "Erste Fassung"),
            C("explanation_html", "string", f"Begründung ({HTML})"),
            C("topic", "string", "Handlungsfeld"),
            C("status", "string", "open, confirmed, adjusted oder discarded"),
            C("review_due_on", "date", "Nächste Überprüfung"),
            C("created_at", "datetime", "Angelegt (UTC)"),
            C("url", "string", "Öffentliche Seite"),
        ),
        lambda: _rows(public.public_assumptions().order_by("pk"), public.assumption_row),
    ),
    Table(
        "assumption_reviews",
        "Überprüfungen",
        "Jede Überprüfung einer Annahme.",
        (
            ID,
            C("assumption_id", "integer", "Annahme"),
            C("reviewed_on", "date", "Überprüft am"),
            C("outcome", "string", "confirmed, adjusted oder discarded"),
            C("reasoning_html", "string", f"Begründung ({HTML})"),
            C("previous_wording", "string", "Fassung vorher"),
            C("new_wording", "string", "Neue Fassung"),
            C("next_review_on", "date", "Nächste Überprüfung"),
        ),
        lambda: _rows(public.public_reviews().order_by("pk"), public.review_row),
    ),
    Table(
        "agenda_documents",
        "Digitale Agenda: Dokumente",
        "Veröffentlichte Entwürfe der Digitalen Agenda (Beispieltexte sind markiert).",
        (
            ID,
            C("title", "string", "Titel"),
            C("status", "string", "Stand des Dokuments"),
            C("is_sample", "boolean", "Beispieltext"),
            C("published_at", "datetime", "Veröffentlicht (UTC)"),
            C("url", "string", "Öffentliche Seite"),
        ),
        _agenda_documents,
    ),
    Table(
        "agenda_sections",
        "Digitale Agenda: Abschnitte",
        "Abschnitte mit den Stimmen (Zustimmung, Ablehnung, Enthaltung).",
        (
            ID,
            C("document_id", "integer", "Dokument"),
            C("number", "string", "Nummer"),
            C("title", "string", "Überschrift"),
            C("agree", "integer", "Zustimmung"),
            C("disagree", "integer", "Ablehnung"),
            C("abstain", "integer", "Enthaltung"),
        ),
        _agenda_sections,
    ),
    Table(
        "agenda_paragraphs",
        "Digitale Agenda: Absätze",
        "Die heutige Fassung jedes Absatzes.",
        (
            ID,
            C("document_id", "integer", "Dokument"),
            C("section_id", "integer", "Abschnitt"),
            C("position", "integer", "Reihenfolge im Abschnitt"),
            C("text", "string", "Text (Markdown)"),
            C("comment_count", "integer", "Kommentare"),
        ),
        _agenda_paragraphs,
    ),
    Table(
        "agenda_amendments",
        "Digitale Agenda: Änderungsvorschläge",
        "Vorschläge mit Begründung und Entscheidung; ausgeblendete erscheinen nie, Verfasser nie.",
        (
            ID,
            C("paragraph_id", "integer", "Absatz"),
            C("status", "string", "Stand des Vorschlags"),
            C("text", "string", "Vorgeschlagene Fassung"),
            C("reason", "string", "Begründung"),
            C("decision_reason", "string", "Begründung der Entscheidung"),
            C("support_count", "integer", "Unterstützungen"),
            C("created_at", "datetime", "Eingereicht (UTC)"),
            C("decided_at", "datetime", "Entschieden (UTC)"),
        ),
        _agenda_amendments,
    ),
)


def datapackage(generated_at: datetime) -> dict[str, Any]:
    return {
        "name": "aufbruch-open-data",
        "title": f"{settings.PLATFORM_NAME} {settings.CITY_NAME}: offene Daten",
        "description": "Alle öffentlichen Daten der Beteiligungsplattform. Keine personenbezogenen Daten.",
        "homepage": public.absolute("/open-data/"),
        "created": generated_at.isoformat(),
        "licenses": [
            {
                "name": settings.OPEN_DATA_LICENSE_ID,
                "path": settings.OPEN_DATA_LICENSE_URL,
                "title": settings.OPEN_DATA_LICENSE,
            }
        ],
        "sources": [{"title": settings.OPEN_DATA_ATTRIBUTION, "path": settings.SITE_URL}],
        "resources": [
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": t.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "description": c.description}
                        for c in t.columns
                    ],
                    **({"primaryKey": ["id"]} if t.columns[0].name == "id" else {}),
                    "missingValues": [""],
                },
            }
            for t in TABLES
        ],
    }


def _write_table(archive: zipfile.ZipFile, table: Table) -> int:
    """Stream one table into the archive (never the whole CSV in memory)."""
    names = [c.name for c in table.columns]
    with archive.open(table.path, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        count = write_open_data_csv(
            text, names, ([row.get(n) for n in names] for row in table.rows())
        )
        text.flush()
        text.detach()
    return count


def archive_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "private" / "opendata"


def archive_path() -> Path:
    return archive_dir() / ARCHIVE_NAME


def readme(generated_at: datetime) -> str:
    return (
        f"{settings.PLATFORM_NAME} {settings.CITY_NAME} – offene Daten\n\n"
        f"Stand: {generated_at.isoformat()}\n"
        f"Lizenz: {settings.OPEN_DATA_LICENSE} ({settings.OPEN_DATA_LICENSE_URL})\n"
        f"Quellenangabe: {settings.OPEN_DATA_ATTRIBUTION}\n\n"
        "Eine CSV-Datei je Tabelle (UTF-8, Komma, Kopfzeile); datapackage.json beschreibt\n"
        "jede Tabelle (Frictionless Data Package). Texte, die mit = + - @ beginnen, stehen\n"
        "mit vorangestelltem Apostroph in der Datei, damit Tabellenprogramme sie nicht als\n"
        "Formel ausführen.\n"
    )


def export_open_data(*, now: datetime | None = None) -> tuple[Path, dict[str, int]]:
    """Write the archive; returns its path and the row count per table."""
    generated_at = (now or timezone.now()).replace(microsecond=0)
    target = archive_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".zip.tmp")
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in TABLES:
                counts[table.name] = _write_table(archive, table)
            package = datapackage(generated_at)
            archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
            archive.writestr("LIESMICH.txt", readme(generated_at))
        # The file's time is the archive's stamp, the one its datapackage.json names,
        # so its freshness is judged by the clock that wrote it.
        os.utime(tmp, (generated_at.timestamp(), generated_at.timestamp()))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target, counts


def archive_info() -> dict[str, Any] | None:
    path = archive_path()
    if not path.exists():
        return None
    stat = path.stat()
    return {
        "size": stat.st_size,
        "generated_at": datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone()),
    }
