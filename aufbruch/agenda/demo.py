"""Demo (seeder order 95): a short sample draft of a Digital Agenda for
Gütersloh across the nine fields of action the council adopted in 2021.

The text is written for the demo and marked as sample text on every page;
it is not the city's agenda. Everything goes through the services, without
notifying anyone (no in-app rows, no mail).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from aufbruch.assumptions.models import Assumption
from aufbruch.boards.models import Recommendation
from aufbruch.core.demo import DemoContext
from aufbruch.ideas.models import Idea

from .importers import parse_markdown
from .models import Document
from .services import (
    amendment_accept,
    amendment_propose,
    amendment_reject,
    amendment_support,
    citation_add,
    comment_create,
    document_create,
    document_publish,
    section_vote,
    version_publish,
    without_notifications,
)

TITLE = "Digitale Agenda Gütersloh – Entwurf (Beispieltext)"

INTRO = (
    "**Beispieltext für die Demo.** Dieser Entwurf wurde für die Vorführung der Plattform geschrieben "
    "und ist nicht die Digitale Agenda der Stadt Gütersloh. Er zeigt, wie Einwohnerinnen und Einwohner "
    "einen Strategietext Absatz für Absatz kommentieren, Änderungen vorschlagen und über Abschnitte "
    "abstimmen."
)

SOURCE = """
# Lernende Stadt

Gütersloh will eine Stadt sein, in der alle Generationen digitale Kompetenzen erwerben können: in Schulen, in der Stadtbibliothek, in der Volkshochschule und in offenen Lernorten im Quartier.

Die Stadt richtet gemeinsam mit Partnern offene Werkstätten ein, in denen Menschen digitale Geräte ausprobieren und sich gegenseitig helfen.

# Kulturelle Vielfalt

Digitale Angebote sollen die kulturelle Vielfalt der Stadt sichtbar machen und Vereinen, Initiativen und Kulturschaffenden eine gemeinsame Bühne geben.

# Mitmachstadt

Beteiligung soll niedrigschwellig sein: ohne Vereinsmitgliedschaft, auf dem Smartphone, in einfacher Sprache und auch ohne Internet in den Stadtteilbüros.

Jede Idee von Einwohnerinnen und Einwohnern erhält eine öffentliche Antwort der Verwaltung mit Begründung.

# Gutes Stadtklima

Daten zu Energieverbrauch, Luftqualität und Grünflächen werden als offene Daten veröffentlicht, damit Stadt und Zivilgesellschaft Klimaschutz gemeinsam planen können.

# Vernetzte Mobilität

Eine Mobilitäts-App bündelt alle Wege durch die Stadt: Bus, Rad, Carsharing und Fußwege, mit Echtzeitinformationen.

Sichere Radwege und digitale Parkinformationen sollen den Verkehr in der Innenstadt entlasten.

# Zukunft der Arbeit

Die Stadt unterstützt Unternehmen und Beschäftigte beim digitalen Wandel, etwa mit Coworking-Räumen und Weiterbildungsangeboten.

# Wohlergehen für alle

Digitale Gesundheits- und Pflegeangebote ergänzen die persönliche Versorgung, ersetzen sie aber nicht.

# Zukunft im Quartier

In jedem Stadtteil gibt es einen digitalen Treffpunkt, an dem Nachbarschaften sich organisieren und Hilfe finden.

# Guter Service

Verwaltungsleistungen sollen online, barrierefrei und rund um die Uhr erreichbar sein; wer Hilfe braucht, bekommt sie persönlich im Bürgerbüro.
"""

COMMENTS = [
    "Bitte auch an ältere Menschen ohne Smartphone denken.",
    "Gute Idee – das sollte zuerst in einem Stadtteil ausprobiert werden.",
    "Wer bezahlt das auf Dauer? Gibt es Fördermittel?",
    "In Bielefeld gibt es so etwas schon, dort funktioniert es gut.",
]


def seed_agenda(ctx: DemoContext) -> None:
    if Document.objects.filter(title=TITLE).exists():
        return
    staff = ctx.shared.get("staff") or {}
    office = staff.get("office")
    people = [
        u
        for u in ctx.shared.get("participants", [])
        if u.is_active and not u.is_deleted and not u.is_blocked
    ]
    if office is None or len(people) < 10:
        return
    rng = ctx.rng
    with without_notifications():
        document = document_create(
            actor=office, title=TITLE, intro=INTRO, sections=parse_markdown(SOURCE), is_sample=True
        )
        document_publish(
            document=document, actor=office, note="Erster Entwurf zur Online-Beteiligung."
        )
        document.refresh_from_db()
        paragraphs = list(document.paragraphs.select_related("section").order_by("position"))
        sections = list(document.sections.order_by("position"))
        for i, paragraph in enumerate(paragraphs):
            for j in range(rng.choice([0, 1, 1, 2])):
                comment_create(
                    paragraph=paragraph,
                    author=people[(i * 7 + j * 3) % len(people)],
                    body=COMMENTS[(i + j) % len(COMMENTS)],
                )
        choices = ["agree"] * 6 + ["disagree"] * 2 + ["abstain"]
        for section in sections:
            for person in rng.sample(people, k=min(len(people), 40)):
                section_vote(section=section, user=person, choice=rng.choice(choices))
        mobility = next(p for p in paragraphs if p.text.startswith("Eine Mobilitäts-App"))
        accepted = amendment_propose(
            paragraph=mobility,
            author=people[0],
            text=mobility.text.replace(
                "und Fußwege", "Fußwege und Angebote für Menschen mit Behinderung"
            )
            + " Die App wird barrierefrei gestaltet.",
            reason="Mobilität muss für alle funktionieren, auch für Menschen mit Behinderung.",
        )
        service = next(p for p in paragraphs if p.text.startswith("Verwaltungsleistungen"))
        rejected = amendment_propose(
            paragraph=service,
            author=people[1],
            text="Alle Verwaltungsleistungen werden ausschließlich online angeboten.",
            reason="Das spart Kosten und Wege.",
        )
        for person in people[2:9]:
            amendment_support(amendment=accepted, user=person)
        for person in people[9:11]:
            amendment_support(amendment=rejected, user=person)
        amendment_accept(
            amendment=accepted,
            actor=office,
            reason="Barrierefreiheit gehört zu einer App für alle; wir übernehmen den Vorschlag.",
        )
        amendment_reject(
            amendment=rejected,
            actor=office,
            reason="Die persönliche Beratung im Bürgerbüro bleibt wichtig für Menschen, die Hilfe brauchen.",
        )
        version_publish(
            document=document,
            actor=office,
            note="Änderungsantrag zur barrierefreien Mobilitäts-App übernommen.",
        )
        _cite(paragraphs, office)
    # The draft went online three weeks ago (display only).
    Document.objects.filter(pk=document.pk).update(published_at=timezone.now() - timedelta(days=21))


def _cite(paragraphs, office) -> None:
    mobility = next(p for p in paragraphs if p.text.startswith("Eine Mobilitäts-App"))
    idea = (
        Idea.objects.filter(is_hidden=False, topic__slug="vernetzte-mobilitaet")
        .order_by("-support_count")
        .first()
    )
    if idea is not None:
        citation_add(paragraph=mobility, actor=office, kind="idea", object_id=idea.pk)
    assumption = Assumption.objects.order_by("pk").first()
    participation = next(p for p in paragraphs if p.text.startswith("Beteiligung soll"))
    if assumption is not None:
        citation_add(
            paragraph=participation, actor=office, kind="assumption", object_id=assumption.pk
        )
    recommendation = (
        Recommendation.objects.filter(published_at__isnull=False).order_by("pk").first()
    )
    if recommendation is not None:
        citation_add(
            paragraph=participation,
            actor=office,
            kind="recommendation",
            object_id=recommendation.pk,
        )
