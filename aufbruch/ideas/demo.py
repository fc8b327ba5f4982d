"""Demo ideas for Gütersloh (seeder order 20), created through idea_submit.

Every idea is written for the demo in plain German, filed under one of the
nine fields of action of the Digital Agenda, with a fitting district and a
point near it where the idea has a place. The comments that answer each idea
are seeded by comments/demo.py from ``COMMENTS_BY_TITLE``. The Klimarat data
stays with the opinion map (opinions/demo.py, with its CC BY 4.0
attribution); none of it becomes an idea. Supports and follows come from the
demo participants through the services; afterwards the supports are spread
over the weeks since each idea was submitted and the counters recomputed, so
"trending" differs from "most supported".
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.core.demo import DemoContext
from aufbruch.organisation.models import District, Topic

from .models import Idea, IdeaSource, IdeaVersion, StatusChange, Support
from .services import idea_follow, idea_recount, idea_submit, idea_support, response_days

# (title, text, field of action slug, district or None, comments that answer the idea)
GUETERSLOH_IDEAS = [
    (
        "Mehr Fahrradstraßen in der Innenstadt",
        "Die Verbindungen vom Bahnhof zum Berliner Platz und zur Dalke sollten **Fahrradstraßen** werden. "
        "Autos dürfen weiter hinein, aber Radfahrende haben Vorrang.\n\n- sicherer Schulweg\n- weniger Lärm\n- mehr Platz",
        "vernetzte-mobilitaet",
        "Innenstadt",
        [
            "Die Kökerstraße wäre ein guter Anfang, da fahren morgens sehr viele Schulkinder.",
            "Bitte auch an die Lieferverkehre denken: Die Geschäfte brauchen ihre Anlieferung.",
            "In Münster funktioniert das seit Jahren gut. Wichtig sind klare Markierungen.",
        ],
    ),
    (
        "Radweg an der Verler Straße verbreitern",
        "Der Radweg an der Verler Straße zwischen Spexard und der Innenstadt ist zu schmal. "
        "Mit Kinderanhänger oder Lastenrad kommt man kaum an Fußgängern vorbei.",
        "vernetzte-mobilitaet",
        "Spexard",
        [
            "Ich fahre dort täglich zur Arbeit, an der Bushaltestelle wird es besonders eng.",
            "Vielleicht reicht schon eine getrennte Markierung für Rad und Fuß.",
        ],
    ),
    (
        "Fahrradweg nach Spexard sicherer machen",
        "Auf dem Fahrradweg von der Innenstadt nach Spexard gibt es an den Einmündungen gefährliche Stellen. "
        "Rote Markierungen und bessere Beleuchtung würden helfen.",
        "vernetzte-mobilitaet",
        "Spexard",
        ["Die Einmündung am Spexarder Bahnhof ist im Winter abends kaum zu sehen."],
    ),
    (
        "WLAN im Stadtpark",
        "Im Stadtpark sollte es rund um den Musikpavillon und das Café freies WLAN geben. "
        "Dann könnten dort auch Führungen mit Audioguide auf dem Handy stattfinden.",
        "zukunft-im-quartier",
        "Innenstadt",
        [
            "Gute Idee, aber bitte ohne Anmeldung mit Telefonnummer.",
            "Der Stadtpark soll ein Ort zum Abschalten bleiben. Vielleicht nur am Café?",
        ],
    ),
    (
        "Kostenloses WLAN im Mohns Park",
        "Im Mohns Park treffen sich viele Jugendliche. Ein kostenloses WLAN würde den Park für Schülerinnen "
        "und Schüler ohne großes Datenvolumen attraktiver machen.",
        "zukunft-im-quartier",
        "Innenstadt",
        [
            "Es gibt schon einen Vorschlag für WLAN im Stadtpark, vielleicht lässt sich das zusammen planen."
        ],
    ),
    (
        "Freies WLAN auf dem Berliner Platz",
        "Auf dem Berliner Platz, am Dreiecksplatz und rund um die Stadtbibliothek sollte es ein freies, "
        "werbefreies WLAN geben, auch für Gäste der Stadt.",
        "zukunft-im-quartier",
        "Innenstadt",
        [
            "Das hilft auch den Händlerinnen und Händlern in der Fußgängerzone.",
            "Freifunk-Initiativen könnten dabei helfen, das muss nicht teuer sein.",
        ],
    ),
    (
        "Termine im Bürgerbüro online buchen",
        "Termine im Bürgerbüro sollten rund um die Uhr online buchbar sein, mit Erinnerung per E-Mail "
        "und der Möglichkeit, einen Termin selbst abzusagen.",
        "guter-service",
        None,
        [
            "Bitte zusätzlich eine telefonische Buchung für ältere Menschen anbieten.",
            "Für den Personalausweis habe ich zuletzt drei Wochen auf einen Termin gewartet.",
        ],
    ),
    (
        "Onlinetermin fürs Bürgerbüro mit Erinnerung",
        "Ich möchte meinen Termin im Bürgerbüro im Internet buchen und am Vortag eine Erinnerung bekommen, "
        "damit weniger Termine verfallen.",
        "guter-service",
        None,
        [],
    ),
    (
        "Wartezeiten im Bürgerbüro live anzeigen",
        "Eine Anzeige im Netz, wie lange man gerade warten muss, würde volle Flure im Rathaus vermeiden.",
        "guter-service",
        "Innenstadt",
        ["Das gibt es in anderen Städten schon, die Technik ist nicht aufwendig."],
    ),
    (
        "Anträge vollständig online stellen",
        "Anträge wie Anwohnerparkausweis oder Sondernutzung sollten komplett online gehen, "
        "ohne Ausdrucken, Unterschreiben und Einscannen.",
        "guter-service",
        None,
        [
            "Besonders die Anmeldung nach einem Umzug sollte online möglich sein.",
            "Wichtig: Die Formulare müssen auch mit Screenreader funktionieren.",
        ],
    ),
    (
        "Echtzeit-Anzeigen an Bushaltestellen",
        "An den wichtigsten Haltestellen der Stadtbus-Linien sollten Echtzeit-Anzeigen hängen. "
        "Die Daten gibt es schon, sie müssen nur sichtbar werden.",
        "vernetzte-mobilitaet",
        "Kattenstroth",
        [
            "Am ZOB gibt es das schon, aber in den Stadtteilen fehlt es.",
            "Eine Ansage für sehbehinderte Menschen per Knopfdruck wäre wichtig.",
        ],
    ),
    (
        "Eine App für alle Wege durch die Stadt",
        "Bus, Leihrad, Carsharing und Fußwege in einer App: Ich gebe mein Ziel ein und sehe alle "
        "Möglichkeiten mit Preis und Zeit.",
        "vernetzte-mobilitaet",
        None,
        ["Bitte mit einem Ticket für alles, sonst nutzt es niemand."],
    ),
    (
        "Leihräder an Bahnhof und Stadthalle",
        "Ein Fahrradverleih mit App oder Karte, an mehreren Stationen, auch mit Lastenrädern.",
        "vernetzte-mobilitaet",
        "Innenstadt",
        ["Lastenräder zum Ausleihen wären für den Wocheneinkauf super."],
    ),
    (
        "Mitfahrbank-App für die Außenbezirke",
        "Wer von Niehorst oder Pavenstädt in die Stadt möchte, könnte über eine App Mitfahrgelegenheiten finden.",
        "vernetzte-mobilitaet",
        "Niehorst",
        [
            "Abends fährt nach Niehorst kaum noch ein Bus, das wäre eine echte Hilfe.",
            "Mitfahrbänke sollte es zusätzlich auch ohne App geben.",
        ],
    ),
    (
        "Tablets für alle Grundschulen",
        "Jede Grundschule in Gütersloh sollte einen Klassensatz Tablets und eine Ansprechperson "
        "für die Technik bekommen.",
        "lernende-stadt",
        None,
        [
            "Die Geräte nützen nur etwas, wenn auch die Lehrkräfte fortgebildet werden.",
            "An unserer Schule in Isselhorst liegen Tablets herum, weil das WLAN nicht reicht.",
        ],
    ),
    (
        "Programmierkurse für Jugendliche",
        "Kostenlose Kurse in der VHS oder im Jugendzentrum: Webseiten bauen, Roboter programmieren, Spiele entwickeln.",
        "lernende-stadt",
        None,
        ["Die Stadtbibliothek hätte dafür schöne Räume."],
    ),
    (
        "Digitale Sprechstunde für Seniorinnen und Senioren",
        "In der Stadtbibliothek könnten Jugendliche älteren Menschen einmal pro Woche bei Smartphone und Tablet helfen.",
        "lernende-stadt",
        "Innenstadt",
        [
            "Ich würde gern mitmachen. Meine Oma fragt mich ständig nach WhatsApp.",
            "Bitte auch in Friedrichsdorf anbieten, nicht nur in der Innenstadt.",
        ],
    ),
    (
        "Mehr E-Books in einfacher Sprache",
        "Die Onleihe der Stadtbibliothek sollte mehr E-Books und Hörbücher in einfacher Sprache "
        "und in anderen Sprachen anbieten.",
        "kulturelle-vielfalt",
        None,
        ["Auch Bücher auf Türkisch und Arabisch wären gefragt."],
    ),
    (
        "Kulturkalender für Gütersloh",
        "Theater, Konzerte und Ausstellungen an einem Ort, mit Filter nach Stadtteil und Alter.",
        "kulturelle-vielfalt",
        None,
        [
            "Vereine sollten ihre Termine selbst eintragen können.",
            "Bitte mit einer Funktion zum Abonnieren im eigenen Kalender.",
        ],
    ),
    (
        "Digitale Stadtführung zur Geschichte der Stadt",
        "Eine Stadtführung auf dem Handy mit Fotos von früher: Wie sah die Berliner Straße vor hundert Jahren aus?",
        "kulturelle-vielfalt",
        "Innenstadt",
        ["Das Stadtarchiv hat bestimmt viele alte Fotos dafür."],
    ),
    (
        "Bürgerhaushalt online",
        "Die Bürgerinnen und Bürger sollten online Vorschläge für einen Teil des Haushalts machen und abstimmen können.",
        "mitmachstadt",
        None,
        ["Wichtig wäre, dass man später sieht, was aus den Vorschlägen geworden ist."],
    ),
    (
        "Ratsbeschlüsse verständlich zusammenfassen",
        "Vorlagen und Beschlüsse des Rates sollten mit einer kurzen Zusammenfassung in einfacher Sprache erscheinen.",
        "mitmachstadt",
        None,
        [
            "Das würde auch Menschen helfen, die nicht so gut Deutsch sprechen.",
            "Bitte mit einem Hinweis, wann über ein Thema abgestimmt wird.",
        ],
    ),
    (
        "Offene Daten der Stadt als Download",
        "Haushaltsdaten, Parkplatzbelegung, Messwerte zur Luftqualität: Die Stadt sollte ihre Daten "
        "offen und maschinenlesbar veröffentlichen.",
        "mitmachstadt",
        None,
        ["Mit offenen Daten könnten Studierende am CfADS eigene Anwendungen bauen."],
    ),
    (
        "Gütersloher Hackathon",
        "Einmal im Jahr ein Wochenende, an dem Jugendliche, Studierende und die Verwaltung gemeinsam "
        "digitale Lösungen für die Stadt bauen.",
        "mitmachstadt",
        None,
        ["Die Morgenmacher hatten diese Idee auch schon, da sollte man sich zusammentun."],
    ),
    (
        "Sensoren für Luftqualität an großen Straßen",
        "Messstationen an der Carl-Bertelsmann-Straße und am Kolbeplatz, die Werte live im Netz.",
        "gutes-stadtklima",
        "Innenstadt",
        ["Schulen könnten eigene Sensoren bauen, das wäre gleich ein Projekt für den Unterricht."],
    ),
    (
        "Hitzekarte mit kühlen Orten",
        "Wo gibt es Schatten, Trinkwasser und kühle Räume im Sommer? Eine Karte der Stadt würde helfen.",
        "gutes-stadtklima",
        None,
        [
            "Gerade für ältere Menschen wichtig, bitte auch als gedruckte Karte.",
            "Die Trinkbrunnen in der Innenstadt sollten auf jeden Fall drauf.",
        ],
    ),
    (
        "Repair-Café mit Online-Terminen",
        "Reparieren statt wegwerfen: Termine online buchen und vorher sehen, welche Geräte repariert werden können.",
        "gutes-stadtklima",
        "Blankenhagen",
        ["Ich repariere gern Fahrräder und würde ehrenamtlich helfen."],
    ),
    (
        "Ladepunkte für E-Autos an Straßenlaternen",
        "Wer keine eigene Garage hat, kann kaum elektrisch fahren. Ladepunkte an Straßenlaternen wären eine Lösung.",
        "gutes-stadtklima",
        "Sundern",
        [],
    ),
    (
        "Coworking-Räume in den Stadtteilen",
        "In Avenwedde, Isselhorst und Friedrichsdorf fehlen Orte, an denen man mit gutem Internet arbeiten kann, "
        "ohne in die Innenstadt zu fahren.",
        "zukunft-der-arbeit",
        "Avenwedde",
        [
            "Leerstehende Ladenlokale würden sich dafür anbieten.",
            "Ich pendle täglich nach Bielefeld, zwei Tage vor Ort wären schon eine Entlastung.",
        ],
    ),
    (
        "Gründerzentrum für digitale Ideen",
        "Junge Unternehmen brauchen günstige Räume und Beratung, zum Beispiel in Zusammenarbeit mit dem CfADS.",
        "zukunft-der-arbeit",
        None,
        ["Auch Handwerksbetriebe brauchen Beratung zur Digitalisierung, nicht nur Start-ups."],
    ),
    (
        "Glasfaser auch in den Außenbereichen",
        "Viele Höfe in Ebbesloh und Hollen haben kaum Internet. Der Ausbau muss auch dort ankommen.",
        "zukunft-im-quartier",
        "Ebbesloh",
        [
            "Bei uns in Hollen reicht es nicht einmal für eine Videokonferenz.",
            "Gibt es dafür nicht Fördermittel vom Bund?",
        ],
    ),
    (
        "Digitales schwarzes Brett im Stadtteil",
        "Vereine, Kirchengemeinden und Nachbarschaften könnten Termine und Hilfsangebote an einer Stelle "
        "für ihren Stadtteil veröffentlichen.",
        "zukunft-im-quartier",
        "Isselhorst",
        ["In Isselhorst hängt das bisher alles beim Bäcker aus, das sollte bleiben."],
    ),
    (
        "Stadtplan für Barrierefreiheit",
        "Welche Geschäfte, Praxen und Ämter sind mit Rollstuhl oder Kinderwagen erreichbar? Eine Karte hilft allen.",
        "wohlergehen-fuer-alle",
        None,
        [
            "Bitte auch Toiletten und Parkplätze für Menschen mit Behinderung aufnehmen.",
            "Der Behindertenbeirat sollte bei der Erfassung mitmachen.",
        ],
    ),
    (
        "Telemedizin in den Stadtteilen",
        "Eine digitale Sprechstunde in Apotheken oder Stadtteilzentren, wenn der Weg zur Praxis zu weit ist.",
        "wohlergehen-fuer-alle",
        "Friedrichsdorf",
        ["In Friedrichsdorf gibt es kaum noch Hausarztpraxen, das wäre eine echte Hilfe."],
    ),
    (
        "Pflegeplätze online finden",
        "Angehörige suchen oft wochenlang nach einem freien Platz in der Kurzzeitpflege. "
        "Eine Übersicht freier Plätze in Gütersloh würde viel Telefonieren ersparen.",
        "wohlergehen-fuer-alle",
        None,
        [],
    ),
]

# near-duplicates on purpose, so the demo shows duplicate suggestions:
# WLAN im Stadtpark / Kostenloses WLAN im Mohns Park, the two Bürgerbüro
# booking ideas, Radweg an der Verler Straße / Fahrradweg nach Spexard.
COMMENTS_BY_TITLE = {title: comments for title, _b, _f, _d, comments in GUETERSLOH_IDEAS}


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

    by_slug = {t.slug: t for t in topics}
    by_name = {d.name: d for d in districts}
    items = []
    for n, (title, body, field_slug, district_name, _comments) in enumerate(GUETERSLOH_IDEAS):
        topic = by_slug.get(field_slug) or topics[n % len(topics)]
        items.append((title, body, topic, by_name.get(district_name or "")))
    rng.shuffle(items)

    now = timezone.now()
    created: list[tuple[Idea, object]] = []
    for title, body, topic, district in ctx.progress(items, desc="ideas", unit="idea"):
        lat, lon = _point(district, rng) if district and rng.random() < 0.8 else (None, None)
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


def spread_status_changes(*, idea: Idea, rng, now):
    """Demo only: date the idea's status changes as a working administration
    would leave them (the guides' seeder walks the path all at once): the
    review starts within days, the first public answer follows within about
    three weeks, later steps weeks or months apart (squeezed for young ideas,
    never in the future). Returns when the first public answer was given
    (the guides' seeder dates its response), or None without changes."""
    changes = list(StatusChange.objects.filter(idea=idea).order_by("pk"))
    if not changes:
        return None
    offsets, total = [], 0.0
    for n in range(len(changes)):
        total += rng.uniform(1, 6) if n == 0 else rng.uniform(20, 80)
        offsets.append(total)
    answer = offsets[0] + rng.uniform(2, 18)
    available = max(0.1, (now - idea.created_at).total_seconds() / 86400 - 0.05)
    squeeze = min(1.0, available / max(offsets[-1], answer))
    for change, days in zip(changes, offsets, strict=True):
        change.created_at = idea.created_at + timedelta(days=days * squeeze)
    StatusChange.objects.bulk_update(changes, ["created_at"])
    # the first public step (a status with its explanation) is the first answer
    Idea.objects.filter(pk=idea.pk, first_response_at__isnull=False).update(
        first_response_at=changes[0].created_at
    )
    return idea.created_at + timedelta(days=answer * squeeze)
