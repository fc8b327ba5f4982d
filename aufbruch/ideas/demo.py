"""Demo ideas for Gütersloh (seeder order 20), created through idea_submit.

Texts: Gütersloh-specific ideas written for the demo, plus the statements of
the Pol.is conversation "Produktion und Konsum" of the Austrian Klimarat
(CC BY 4.0, The Computational Democracy Project; attribution on /about/).
Supports and follows come from the demo participants through the services;
afterwards the supports are spread over the weeks since each idea was
submitted and the counters recomputed, so "trending" differs from "most
supported".
"""

from __future__ import annotations

import csv
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.core.demo import DemoContext
from aufbruch.organisation.models import District, Topic

from .models import Idea, IdeaSource, IdeaVersion, StatusChange, Support
from .services import idea_follow, idea_recount, idea_submit, idea_support, response_days

# (title, text, words that point to the field of action)
GUETERSLOH_IDEAS = [
    (
        "Mehr Fahrradstraßen in der Innenstadt",
        "Die Verbindungen vom Bahnhof zum Berliner Platz und zur Dalke sollten **Fahrradstraßen** werden. "
        "Autos dürfen weiter hinein, aber Radfahrende haben Vorrang.\n\n- sicherer Schulweg\n- weniger Lärm\n- mehr Platz",
        "mobil verkehr",
    ),
    (
        "Freies WLAN in der Innenstadt",
        "Auf dem Berliner Platz, am Dreiecksplatz und rund um die Stadtbibliothek sollte es ein freies, "
        "werbefreies WLAN geben – auch für Gäste der Stadt.",
        "leben digital",
    ),
    (
        "Online-Terminbuchung im Bürgerbüro",
        "Termine im Bürgerbüro sollten rund um die Uhr online buchbar sein, mit Erinnerung per E-Mail "
        "und der Möglichkeit, einen Termin selbst abzusagen.",
        "verwaltung",
    ),
    (
        "Digitale Anzeige der Busabfahrten an allen Haltestellen",
        "An den wichtigsten Haltestellen der Stadtbus-Linien sollten Echtzeit-Anzeigen hängen. "
        "Die Daten gibt es schon, sie müssen nur sichtbar werden.",
        "mobil verkehr",
    ),
    (
        "Tablets für alle Grundschulen",
        "Jede Grundschule in Gütersloh sollte einen Klassensatz Tablets und eine Ansprechperson für die Technik bekommen.",
        "lernen bildung",
    ),
    (
        "Mängelmelder für Schlaglöcher und defekte Laternen",
        "Eine einfache Möglichkeit, Schäden mit Foto und Ort zu melden – und zu sehen, wann sie behoben werden.",
        "verwaltung",
    ),
    (
        "Offene Daten der Stadt als Download",
        "Haushaltsdaten, Parkplatzbelegung, Messwerte zur Luftqualität: Die Stadt sollte ihre Daten "
        "offen und maschinenlesbar veröffentlichen.",
        "verwaltung digital",
    ),
    (
        "Digitale Sprechstunde für Seniorinnen und Senioren",
        "In der Stadtbibliothek könnten Jugendliche älteren Menschen einmal pro Woche bei Smartphone und Tablet helfen.",
        "leben teilhabe",
    ),
    (
        "Coworking-Räume in den Stadtteilen",
        "In Avenwedde, Isselhorst und Friedrichsdorf fehlen Orte, an denen man mit gutem Internet arbeiten kann, "
        "ohne in die Innenstadt zu fahren.",
        "arbeiten",
    ),
    (
        "Glasfaser auch in den Außenbereichen",
        "Viele Höfe in Ebbesloh und Hollen haben kaum Internet. Der Ausbau muss auch dort ankommen.",
        "arbeiten leben",
    ),
    (
        "Sensoren für Luftqualität an großen Straßen",
        "Messstationen an der Carl-Bertelsmann-Straße und am Kolbeplatz, die Werte live im Netz.",
        "umwelt klima",
    ),
    (
        "Smarte Parkplatzsuche in der Innenstadt",
        "Eine Karte mit freien Plätzen in den Parkhäusern würde Suchverkehr vermeiden.",
        "mobil verkehr",
    ),
    (
        "Bürgerhaushalt online",
        "Die Bürgerinnen und Bürger sollten online Vorschläge für einen Teil des Haushalts machen und abstimmen können.",
        "verwaltung teilhabe",
    ),
    (
        "Digitale Schwarze Bretter in den Stadtteilen",
        "Vereine, Kirchengemeinden und Nachbarschaften könnten Termine an einer Stelle veröffentlichen.",
        "leben",
    ),
    (
        "Leihräder an Bahnhof und Stadthalle",
        "Ein Fahrradverleih mit App oder Karte, an mehreren Stationen, auch mit Lastenrädern.",
        "mobil verkehr",
    ),
    (
        "Programmierkurse für Jugendliche",
        "Kostenlose Kurse in der VHS oder im Jugendzentrum: Webseiten bauen, Roboter programmieren, Spiele entwickeln.",
        "lernen bildung",
    ),
    (
        "Elektronische Akte statt Papierformulare",
        "Anträge sollten komplett online gehen – ohne Ausdrucken, Unterschreiben und Einscannen.",
        "verwaltung",
    ),
    (
        "Ladesäulen für E-Autos in Wohngebieten",
        "Wer keine eigene Garage hat, kann kaum elektrisch fahren. Ladepunkte an Straßenlaternen wären eine Lösung.",
        "mobil umwelt",
    ),
    (
        "Stadtplan für Barrierefreiheit",
        "Welche Geschäfte, Ärzte und Ämter sind mit Rollstuhl oder Kinderwagen erreichbar? Eine Karte hilft allen.",
        "leben teilhabe",
    ),
    (
        "Digitale Ausleihe in der Stadtbibliothek erweitern",
        "Mehr E-Books und Hörbücher, auch in einfacher Sprache und anderen Sprachen.",
        "lernen kultur",
    ),
    (
        "Repair-Café mit Online-Terminen",
        "Reparieren statt wegwerfen: Termine online buchen und vorher sehen, welche Geräte repariert werden können.",
        "umwelt klima",
    ),
    (
        "Mitfahrbank-App für die Außenbezirke",
        "Wer von Niehorst oder Pavenstädt in die Stadt möchte, könnte über eine App Mitfahrgelegenheiten finden.",
        "mobil verkehr",
    ),
    (
        "Wartezeiten im Bürgerbüro live anzeigen",
        "Eine Anzeige im Netz, wie lange man gerade warten muss, würde volle Flure vermeiden.",
        "verwaltung",
    ),
    (
        "Digitale Lernplattform für alle Schulen",
        "Eine gemeinsame, datenschutzfreundliche Plattform für Aufgaben und Austausch an allen Gütersloher Schulen.",
        "lernen bildung",
    ),
    (
        "Kulturkalender für Gütersloh",
        "Theater, Konzerte und Ausstellungen an einem Ort, mit Filter nach Stadtteil und Alter.",
        "kultur leben",
    ),
    (
        "Hitzeschutz-Karte mit kühlen Orten",
        "Wo gibt es Schatten, Trinkwasser und kühle Räume im Sommer? Eine Karte der Stadt würde helfen.",
        "umwelt klima",
    ),
    (
        "Sichere Fahrradabstellanlagen am Bahnhof",
        "Abschließbare Boxen, buchbar per App, damit teure Räder nicht gestohlen werden.",
        "mobil verkehr",
    ),
    (
        "Gründerzentrum für digitale Ideen",
        "Junge Unternehmen brauchen günstige Räume und Beratung – zum Beispiel in Zusammenarbeit mit dem CfADS.",
        "arbeiten",
    ),
    (
        "Telemedizin in den Stadtteilen",
        "Eine digitale Sprechstunde in Apotheken oder Stadtteilzentren, wenn der Weg zur Praxis zu weit ist.",
        "gesundheit leben",
    ),
    (
        "Ratsinformationen verständlich aufbereiten",
        "Vorlagen und Beschlüsse des Rates sollten mit einer kurzen Zusammenfassung in einfacher Sprache erscheinen.",
        "verwaltung teilhabe",
    ),
]

# words in a statement -> words in a topic's name or slug
KEYWORDS = {
    "mobil": [
        "verkehr",
        "auto",
        "fahr",
        "bahn",
        "bus",
        "flug",
        "pendel",
        "transport",
        "rad",
        "strasse",
        "straße",
    ],
    "umwelt": [
        "klima",
        "co2",
        "plastik",
        "müll",
        "recycl",
        "energie",
        "umwelt",
        "wärme",
        "strom",
        "verpackung",
    ],
    "arbeit": [
        "arbeit",
        "betrieb",
        "unternehm",
        "handwerk",
        "produktion",
        "firma",
        "wirtschaft",
        "lohn",
    ],
    "lern": ["schule", "bildung", "lernen", "kinder", "unterricht", "wissen", "forschung"],
    "verwalt": ["politik", "steuer", "gesetz", "verbot", "förder", "staat", "behörde", "pflicht"],
    "leben": ["lebensmittel", "essen", "konsum", "kleidung", "wohnen", "haushalt", "einkauf"],
    "gesund": ["gesund", "medizin", "ernährung"],
}


def _topic_for(text: str, topics: list[Topic], rng, *, hint: bool = False) -> Topic:
    lower = text.lower()
    if hint:  # hints name the field of action directly ("mobil verkehr")
        for word in lower.split():
            for topic in topics:
                if word in f"{topic.name} {topic.slug}".lower():
                    return topic
    for topic in topics:
        label = f"{topic.name} {topic.slug}".lower()
        for key, words in KEYWORDS.items():
            if key in label and any(w in lower for w in words):
                return topic
    return rng.choice(topics)


def _title_from(text: str) -> str:
    first = text.replace("\n", " ").split(". ")[0].strip().rstrip(".!")
    if len(first) <= 90:
        return first
    cut = first[:87].rsplit(" ", 1)[0]
    return cut + " …"


def _point(district: District | None, rng) -> tuple[Decimal, Decimal]:
    lat, lon = settings.MAP_CENTER
    if district is not None and district.latitude is not None and district.longitude is not None:
        lat, lon = float(district.latitude), float(district.longitude)
        spread = 0.01
    else:
        spread = 0.04
    return (
        Decimal(f"{lat + rng.uniform(-spread, spread):.6f}"),
        Decimal(f"{lon + rng.uniform(-spread * 1.5, spread * 1.5):.6f}"),
    )


def _statements(ctx: DemoContext) -> list[str]:
    path = ctx.polis_dir / "comments.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [
            row["comment-body"].strip()
            for row in csv.DictReader(fh)
            if row["moderated"] != "-1" and len(row["comment-body"].strip()) >= 25
        ]


def seed_ideas(ctx: DemoContext) -> None:
    if Idea.objects.exists():
        return
    rng = ctx.rng
    participants = list(
        ctx.shared.get("participants")
        or get_user_model().objects.filter(
            email__endswith="@demo.aufbruch.invalid", is_deleted=False
        )
    )
    topics = list(ctx.shared.get("topics") or Topic.objects.filter(is_active=True))
    districts = list(ctx.shared.get("districts") or District.objects.all())
    if not participants or not topics:
        return
    office = (ctx.shared.get("staff") or {}).get("office")

    items = [(t, b, _topic_for(hint, topics, rng, hint=True)) for t, b, hint in GUETERSLOH_IDEAS]
    statements = _statements(ctx)
    limit = max(0, int(len(statements) * ctx.scale))
    for text in statements[:limit]:
        items.append((_title_from(text), text, _topic_for(text, topics, rng)))
    rng.shuffle(items)

    now = timezone.now()
    created: list[tuple[Idea, object]] = []
    for title, body, topic in ctx.progress(items, desc="ideas", unit="idea"):
        district = rng.choice(districts) if districts and rng.random() < 0.8 else None
        lat, lon = _point(district, rng) if rng.random() < 0.6 else (None, None)
        author = rng.choice(participants)
        source, entered_by = IdeaSource.ONLINE, None
        if office is not None and rng.random() < 0.08:
            source, entered_by = (
                rng.choice([IdeaSource.PAPER, IdeaSource.WORKSHOP, IdeaSource.PHONE]),
                office,
            )
        idea = idea_submit(
            author=author,
            title=title[:140],
            body=body,
            topic=topic,
            district=district,
            latitude=lat,
            longitude=lon,
            source=source,
            entered_by=entered_by,
        )
        submitted = now - timedelta(days=rng.uniform(1, 540))
        # As if submitted that day: the response clock starts then, too.
        Idea.objects.filter(pk=idea.pk).update(
            created_at=submitted,
            last_activity_at=submitted,
            response_due_at=submitted + timedelta(days=response_days()),
        )
        IdeaVersion.objects.filter(idea=idea).update(created_at=submitted)
        created.append((idea, submitted))

    for idea, submitted in ctx.progress(created, desc="supports", unit="idea"):
        count = min(int(len(participants) * 0.6), int(rng.paretovariate(1.3) * 3) - 2)
        supporters = rng.sample(participants, max(0, count))
        for user in supporters:
            if user.pk != idea.author_id:
                idea_support(idea=idea, user=user)
        for user in rng.sample(participants, min(len(participants), rng.randint(0, 4))):
            idea_follow(idea=idea, user=user)
        age = (now - submitted).total_seconds()
        supports = list(Support.objects.filter(idea=idea).only("pk"))
        for support in supports:
            support.created_at = submitted + timedelta(seconds=rng.uniform(0, age))
        Support.objects.bulk_update(supports, ["created_at"], batch_size=500)
        idea_recount(idea_id=idea.pk)


def spread_status_changes(*, idea: Idea, start, now) -> None:
    """Demo only: date the idea's status changes evenly between ``start`` and
    ``now``, in order (the guides' seeder walks the path all at once)."""
    changes = list(StatusChange.objects.filter(idea=idea).order_by("pk"))
    if changes:
        span = (now - start) / (len(changes) + 1)
        for n, change in enumerate(changes, start=1):
            change.created_at = start + span * n
        StatusChange.objects.bulk_update(changes, ["created_at"])
