"""Demo events of Gütersloh's Digitaler Aufbruch, created through the services.

The kick-off "Digitales Forum" (23 Nov 2018, Stadthalle, over 700 people)
and the Zukunftswerkstatt (5 Apr 2019, 110 residents, five themes) as past
events with results and ideas; a Denklabor; and an upcoming Digitalgipfel
(a Friday about three months after the day the demo is loaded, so that its
registration is open whenever someone runs `make run`) with two tracks,
20 seats, registrations and a waiting list."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from aufbruch.core.demo import DemoContext

from . import live, registrations, services
from .models import ContributionKind, Meeting, MeetingKind

BERLIN = ZoneInfo("Europe/Berlin")
STADTHALLE = {
    "venue": "Stadthalle Gütersloh",
    "address": "Friedrichstraße 10, 33330 Gütersloh",
    "latitude": Decimal("51.905720"),
    "longitude": Decimal("8.381560"),
    "accessibility_info": "Stufenloser Zugang über den Haupteingang, Aufzug zu allen Ebenen, barrierefreie Toiletten im Foyer, "
    "Induktionsschleife im Großen Saal. Gebärdensprachdolmetschung auf Anfrage bis eine Woche vorher.",
}
STADTBIBLIOTHEK = {
    "venue": "Stadtbibliothek Gütersloh",
    "address": "Blessenstätte 1, 33330 Gütersloh",
    "latitude": Decimal("51.906300"),
    "longitude": Decimal("8.384200"),
    "accessibility_info": "Stufenloser Zugang, Aufzug ins Obergeschoss, barrierefreie Toilette im Erdgeschoss.",
}


def at(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def upcoming_summit_start(now: datetime) -> datetime:
    """A Friday at 9:30 in Gütersloh, 13 to 14 weeks after ``now``."""
    day = timezone.localtime(now, BERLIN).date() + timedelta(weeks=13)
    day += timedelta(days=(4 - day.weekday()) % 7)
    return at(day.year, day.month, day.day, 9, 30)


def _topic(topics, slug_part: str):
    for t in topics:
        if slug_part in t.slug:
            return t
    return topics[0]


def _past_event(office, topics, *, sessions, **fields) -> Meeting:
    start = fields["starts_at"]
    meeting = services.meeting_create(
        actor=office,
        organiser=office,
        is_published=True,
        registration_opens_at=start - timedelta(days=42),
        registration_closes_at=start - timedelta(hours=2),
        topics=topics,
        **fields,
    )
    for title, hour, room, speakers in sessions:
        services.session_create(
            meeting=meeting,
            actor=office,
            title=title,
            room=room,
            speakers=speakers,
            starts_at=start.replace(hour=hour),
            ends_at=start.replace(hour=hour + 1, minute=30),
        )
    return meeting


def seed_meetings(ctx: DemoContext) -> None:
    if Meeting.objects.exists():
        return
    office = ctx.shared["staff"]["office"]
    topics = ctx.shared["topics"]
    participants = ctx.shared["participants"]

    forum = _past_event(
        office,
        topics[:4],
        kind=MeetingKind.SUMMIT,
        title="Digitales Forum – Auftakt des Digitalen Aufbruchs",
        description="Der Auftakt des Digitalen Aufbruchs: Wie wollen wir in Gütersloh in Zukunft leben, arbeiten und lernen? "
        "Vorträge, Thementische und ein Marktplatz der Ideen mit Initiativen, Vereinen und Unternehmen aus der Stadt.",
        starts_at=at(2018, 11, 23, 10),
        ends_at=at(2018, 11, 23, 17),
        capacity=800,
        **STADTHALLE,
        sessions=[
            (
                "Begrüßung und Impuls: Was heißt digitale Stadt?",
                10,
                "Großer Saal",
                "Bürgermeister; Digitalbeauftragte",
            ),
            (
                "Thementische: Leben, Arbeiten, Lernen",
                12,
                "Foyer und Kleiner Saal",
                "Moderation: Programmbüro",
            ),
            ("Marktplatz der Ideen", 14, "Foyer", ""),
        ],
    )
    services.results_publish(
        meeting=forum,
        actor=office,
        minutes="Über 700 Teilnehmerinnen und Teilnehmer kamen in die Stadthalle. Nach der Begrüßung diskutierten sie an "
        "Thementischen, was Digitalisierung für ihren Alltag bedeutet, und schrieben ihre Ideen auf Karten.\n\n"
        "- Thementische zu Leben, Arbeiten und Lernen\n- Marktplatz mit 30 Initiativen\n- Start der Ideenplattform",
        results="Mehr als 300 Ideenkarten wurden gesammelt. Die folgenden Ideen wurden auf die Ideenplattform übertragen "
        "und gehen von dort den üblichen Weg über die Digitalen Lotsen.",
    )
    cards = [
        (
            "Freies WLAN in der Innenstadt",
            "Kostenloses WLAN auf dem Berliner Platz und in der Fußgängerzone.",
            "quartier",
        ),
        (
            "Digitale Sprechstunde im Rathaus",
            "Termine im Bürgerbüro online buchen und Wartezeiten anzeigen.",
            "service",
        ),
        (
            "Programmierkurse in der Stadtbibliothek",
            "Offene Coding-Abende für Kinder und Jugendliche.",
            "lernen",
        ),
        (
            "Mitfahrbänke mit App",
            "Mitfahrbänke in den Stadtteilen, ergänzt um eine einfache App.",
            "mobil",
        ),
    ]
    for title, body, slug in cards:
        live.meeting_idea_from_card(
            meeting=forum, actor=office, title=title, body=body, topic=_topic(topics, slug)
        )

    # (theme of the workshop table, field of action its cards belong to)
    themes = [
        ("Mobilität", "mobil"),
        ("Bildung", "lernen"),
        ("Verwaltung", "service"),
        ("Wirtschaft und Arbeit", "arbeit"),
        ("Gemeinschaft und Ehrenamt", "mitmach"),
    ]
    werkstatt = services.meeting_create(
        actor=office,
        organiser=office,
        is_published=True,
        kind=MeetingKind.WORKSHOP,
        title="Zukunftswerkstatt Digitaler Aufbruch",
        description="110 Bürgerinnen und Bürger entwickeln in fünf Themen Ideen für das digitale Gütersloh.",
        starts_at=at(2019, 4, 5, 15),
        ends_at=at(2019, 4, 5, 20),
        capacity=120,
        registration_opens_at=at(2019, 3, 1, 9),
        registration_closes_at=at(2019, 4, 4, 12),
        topics=topics[:5],
        **STADTHALLE,
    )
    for position, (theme, topic_slug) in enumerate(themes):
        track = services.track_create(meeting=werkstatt, actor=office, name=theme)
        session = services.session_create(
            meeting=werkstatt,
            actor=office,
            track=track,
            title=f"Werkstatt: {theme}",
            room=f"Raum {position + 1}",
            starts_at=at(2019, 4, 5, 16),
            ends_at=at(2019, 4, 5, 18, 30),
            live_open=True,
        )
        card = live.live_post(
            session=session,
            client_id=f"demo-{position}",
            kind=ContributionKind.IDEA,
            text=f"Ideenkarte zum Thema {theme}: digitale Angebote gemeinsam mit den Nachbarschaften entwickeln.",
        )
        live.live_moderate(contribution=card, actor=office, approve=True)
        live.meeting_idea_from_live(
            contribution=card, actor=office, topic=_topic(topics, topic_slug)
        )
        services.session_update(session=session, actor=office, live_open=False)
    services.results_publish(
        meeting=werkstatt,
        actor=office,
        minutes="110 Bürgerinnen und Bürger arbeiteten in fünf Themenwerkstätten: "
        + ", ".join(theme for theme, _slug in themes)
        + ".",
        results="Aus jeder Werkstatt ging eine Ideenkarte direkt auf die Ideenplattform.",
    )

    _past_event(
        office,
        [_topic(topics, "lern")],
        kind=MeetingKind.THINK_LAB,
        title="Denklabor Lernen in der digitalen Stadt",
        description="Ein Denklabor mit Expertinnen und Experten aus der Bürgerschaft, einem Vorstandsmitglied der "
        "Verwaltung und einem externen Experten.",
        starts_at=at(2019, 9, 12, 17),
        ends_at=at(2019, 9, 12, 20),
        capacity=25,
        **STADTBIBLIOTHEK,
        sessions=[
            (
                "Denklabor: Lernorte der Zukunft",
                17,
                "Lernwerkstatt",
                "Resident experts, FH Bielefeld",
            )
        ],
    )

    now = timezone.now()
    start = upcoming_summit_start(now)
    gipfel = services.meeting_create(
        actor=office,
        organiser=office,
        is_published=True,
        kind=MeetingKind.SUMMIT,
        title=f"Digitalgipfel {start.year}",
        description="Der Digitalgipfel zieht Bilanz und blickt nach vorn: Was ist aus den Ideen der Digitalen Agenda "
        "geworden, welche Reallabore laufen, was kommt als Nächstes? Zwei parallele Tracks, "
        "Fragen aus dem Publikum live auf der Leinwand.",
        starts_at=start,
        ends_at=start.replace(hour=16),
        capacity=20,
        registration_opens_at=now - timedelta(days=7),
        registration_closes_at=start - timedelta(days=1),
        topics=topics[:3],
        online_url=f"https://stream.example.org/digitalgipfel-{start.year}",
        **STADTHALLE,
    )
    tracks = [
        services.track_create(meeting=gipfel, actor=office, name=n)
        for n in ("Verwaltung digital", "Leben und Lernen")
    ]
    opening = services.session_create(
        meeting=gipfel,
        actor=office,
        title="Eröffnung: Bilanz der Digitalen Agenda",
        room="Großer Saal",
        speakers="Bürgermeister, Programmbüro",
        starts_at=start,
        ends_at=start.replace(hour=10, minute=30),
        live_open=True,
    )
    for track, (first, second) in zip(
        tracks,
        [
            ("Das Bürgerportal: was Sie heute online erledigen", "Digitale Lotsen berichten"),
            (
                "Reallabor: Lernen in der Stadtbibliothek",
                "Die Morgenmacher stellen ihre Projekte vor",
            ),
        ],
        strict=True,
    ):
        room = "Kleiner Saal" if track.position == 0 else "Foyer"
        services.session_create(
            meeting=gipfel,
            actor=office,
            track=track,
            title=first,
            room=room,
            starts_at=start.replace(hour=11),
            ends_at=start.replace(hour=12, minute=30),
        )
        services.session_create(
            meeting=gipfel,
            actor=office,
            track=track,
            title=second,
            room=room,
            starts_at=start.replace(hour=13, minute=30),
            ends_at=start.replace(hour=15),
        )
    for person in participants[:24]:
        registrations.registration_create(
            meeting=gipfel, user=person, now=max(now, gipfel.registration_opens_at)
        )
    questions = [
        ("Wie geht es mit dem freien WLAN in der Innenstadt weiter?", 12),
        ("Welche Ideen aus der Zukunftswerkstatt sind schon umgesetzt?", 8),
        ("Können Vereine das Bürgerportal mitnutzen?", 3),
    ]
    for number, (text, votes) in enumerate(questions):
        card = live.live_post(
            session=opening, client_id=f"demo-q{number}", kind=ContributionKind.QUESTION, text=text
        )
        card = live.live_moderate(contribution=card, actor=office, approve=True)
        for voter in range(votes):
            live.live_vote(contribution=card, client_id=f"demo-voter-{voter}")
