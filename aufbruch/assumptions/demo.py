"""Demo: the city's first assumptions, with evidence and reviews — one of
them adjusted after the survey "Digitale Verwaltung"."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from aufbruch.core.demo import DemoContext

from . import services
from .models import Assumption, EvidenceKind

# (wording, topic slug, explanation[, review due in days])
ASSUMPTIONS = [
    (
        "Ältere Menschen wollen Termine online buchen",
        "guter-service",
        "Im Bürgerbüro bilden sich morgens Schlangen. Wir nehmen an, dass eine Online-Terminbuchung auch für ältere Menschen das Warten verkürzt.",
    ),
    (
        "Die Innenstadt braucht freies WLAN",
        "zukunft-im-quartier",
        "Händlerinnen und Händler wünschen sich mehr Aufenthaltsqualität; freies WLAN gilt als Teil davon.",
    ),
    (
        "Junge Menschen beteiligen sich lieber online als in Versammlungen",
        "mitmachstadt",
        "Bei Bürgerversammlungen sind unter 30-Jährige kaum vertreten.",
        30,
    ),
    (
        "Papierformulare werden bald nicht mehr gebraucht",
        "guter-service",
        "Wenn alle Anträge online gehen, braucht niemand mehr Papier.",
    ),
    (
        "Digitale Lotsinnen und Lotsen in jedem Fachbereich beschleunigen die Antworten auf Ideen",
        "guter-service",
        "Eine feste Ansprechperson je Fachbereich soll Ideen schneller beantworten.",
    ),
]


def _first(model_label: tuple[str, str], **filters):
    try:
        model = apps.get_model(*model_label)
    except LookupError:
        return None
    return model._default_manager.filter(**filters).order_by("pk").first()


def _link(assumption, office, kind, obj, note=""):
    if obj is None:
        return None
    try:
        return services.evidence_link(
            assumption=assumption, actor=office, kind=kind, object_id=obj.pk, note=note
        )
    except Exception:  # noqa: BLE001 - optional evidence from apps that may be missing in a small demo
        return None


def seed(ctx: DemoContext) -> None:
    if Assumption.objects.exists():
        return
    office = ctx.shared["staff"]["office"]
    guides = ctx.shared["staff"].get("guides", {})
    topics = {t.slug: t for t in ctx.shared["topics"]}
    fallback_topic = ctx.shared["topics"][0]
    owner = guides.get("buergerservice") or office
    today = timezone.localdate()
    created = [
        services.assumption_create(
            actor=office,
            wording=wording,
            topic=topics.get(slug, fallback_topic),
            owner=owner,
            review_due_on=today + timedelta(days=rest[0] if rest else 0),
            explanation=explanation,
        )
        for wording, slug, explanation, *rest in ASSUMPTIONS
    ]
    booking, wifi, youth, paper, _due = created

    survey_question = _first(
        ("surveys", "Question"), survey__title="Digitale Verwaltung", kind="likert"
    )
    used_question = _first(
        ("surveys", "Question"), survey__title="Digitale Verwaltung", kind="single"
    )
    e_booking = _link(
        booking,
        office,
        EvidenceKind.SURVEY_QUESTION,
        survey_question,
        "Antworten nach Alter siehe Ergebnisseite.",
    )
    e_used = _link(booking, office, EvidenceKind.SURVEY_QUESTION, used_question)
    idea = _first(("ideas", "Idea"), is_hidden=False, title__icontains="Termin") or _first(
        ("ideas", "Idea"), is_hidden=False
    )
    _link(booking, office, EvidenceKind.IDEA, idea)
    services.assumption_review(
        assumption=booking,
        actor=owner,
        outcome="adjusted",
        reasoning="Die Umfrage *Digitale Verwaltung* zeigt: Jüngere wollen online buchen, ältere Menschen sind geteilter "
        "Meinung und nennen oft das Telefon. Wir bieten die Online-Buchung an **und** behalten eine telefonische Terminvergabe.",
        new_wording="Ältere Menschen buchen Termine online, wenn es zusätzlich eine telefonische Terminvergabe gibt",
        next_review_on=today + timedelta(days=180),
        evidence_ids=[e.pk for e in (e_booking, e_used) if e],
    )

    wifi_idea = _first(("ideas", "Idea"), is_hidden=False, title__icontains="WLAN")
    e_wifi = _link(
        wifi, office, EvidenceKind.IDEA, wifi_idea, "Viel Unterstützung aus der Innenstadt."
    )
    meeting = _first(("meetings", "Meeting"), is_published=True)
    _link(wifi, office, EvidenceKind.MEETING, meeting)
    services.assumption_review(
        assumption=wifi,
        actor=owner,
        outcome="confirmed",
        reasoning="Die Idee für freies WLAN am Berliner Platz gehört zu den meistunterstützten, und beim Digitalgipfel kam der Wunsch immer wieder.",
        next_review_on=today + timedelta(days=365),
        evidence_ids=[e_wifi.pk] if e_wifi else [],
    )

    statement = _first(("opinions", "Statement"), state="accepted")
    _link(youth, office, EvidenceKind.STATEMENT, statement, "Aus dem Meinungsbild.")

    e_paper = _link(
        paper,
        office,
        EvidenceKind.SURVEY_QUESTION,
        used_question,
        "15 von 165 Antworten kamen auf Papier.",
    )
    services.assumption_review(
        assumption=paper,
        actor=owner,
        outcome="discarded",
        reasoning="In der Umfrage kamen viele Antworten auf Papierbögen, vor allem von älteren Menschen. Papier bleibt ein Weg in die Verwaltung.",
        evidence_ids=[e_paper.pk] if e_paper else [],
    )
    # The last one stays due today, so its owner gets a reminder.
    services.assumptions_remind_due(today=today)
