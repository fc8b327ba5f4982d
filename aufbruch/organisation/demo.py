"""Base demo data (seeder order 10): the nine fields of action of Gütersloh's
Digital Agenda, districts and departments (the people come next:
aufbruch.accounts.demo, order 11).

Later seeders read ``ctx.shared``; it is filled on every run, also when the
rows already exist.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from aufbruch.core.demo import DemoContext

from .models import Department, District, Topic

DEMO_DOMAIN = "demo.aufbruch.invalid"
# The nine fields of action of Gütersloh's Digital Agenda (council, 1 July 2021).
TOPICS = [
    (
        "Lernende Stadt",
        "lernende-stadt",
        "Digitale Kompetenzen für alle Generationen: Schulen, Bibliothek, VHS und offene Lernorte.",
    ),
    (
        "Kulturelle Vielfalt",
        "kulturelle-vielfalt",
        "Kultur, Vereine und Initiativen sichtbar machen und digital zusammenbringen.",
    ),
    (
        "Mitmachstadt",
        "mitmachstadt",
        "Beteiligung ohne Hürden, offene Daten und nachvollziehbare Entscheidungen.",
    ),
    (
        "Gutes Stadtklima",
        "gutes-stadtklima",
        "Klimaschutz, Energie, Grünflächen und Ressourcen mit digitaler Hilfe.",
    ),
    (
        "Vernetzte Mobilität",
        "vernetzte-mobilitaet",
        "Bus, Rad, Fußwege, Carsharing und Parken, verbunden und in Echtzeit.",
    ),
    (
        "Zukunft der Arbeit",
        "zukunft-der-arbeit",
        "Unternehmen, Beschäftigte und Gründungen im digitalen Wandel.",
    ),
    (
        "Wohlergehen für alle",
        "wohlergehen-fuer-alle",
        "Gesundheit, Pflege und Teilhabe für alle, auch ohne Smartphone.",
    ),
    (
        "Zukunft im Quartier",
        "zukunft-im-quartier",
        "Nachbarschaft, Netzausbau und Treffpunkte in jedem Stadtteil.",
    ),
    (
        "Guter Service",
        "guter-service",
        "Verwaltungsleistungen online, barrierefrei und rund um die Uhr.",
    ),
]

# Approximate centres of Gütersloh's districts (WGS 84).
DISTRICT_COORDINATES = {
    "Innenstadt": ("51.906600", "8.378600"),
    "Avenwedde": ("51.918000", "8.436000"),
    "Blankenhagen": ("51.889000", "8.395000"),
    "Ebbesloh": ("51.968000", "8.402000"),
    "Friedrichsdorf": ("51.922000", "8.498000"),
    "Hollen": ("51.941000", "8.360000"),
    "Isselhorst": ("51.950000", "8.418000"),
    "Kattenstroth": ("51.895000", "8.412000"),
    "Niehorst": ("51.934000", "8.440000"),
    "Nordhorn": ("51.925000", "8.372000"),
    "Pavenstädt": ("51.892000", "8.334000"),
    "Spexard": ("51.876000", "8.430000"),
    "Sundern": ("51.897000", "8.352000"),
}

# (name, slug, topic slugs, guide's display name): each field of action has one
# department that answers its ideas.
DEPARTMENTS = [
    ("Fachbereich Digitalisierung und IT", "digitalisierung", ["mitmachstadt"], "Jana Wiebusch"),
    ("Fachbereich Bürgerservice", "buergerservice", ["guter-service"], "Murat Yılmaz"),
    ("Fachbereich Stadtplanung", "stadtplanung", ["zukunft-im-quartier"], "Claudia Brinkmann"),
    (
        "Fachbereich Tiefbau und Mobilität",
        "mobilitaet",
        ["vernetzte-mobilitaet"],
        "Henrik Ostermann",
    ),
    ("Fachbereich Schule und Bildung", "bildung", ["lernende-stadt"], "Sabine Hartmann"),
    (
        "Fachbereich Wirtschaftsförderung",
        "wirtschaft",
        ["zukunft-der-arbeit"],
        "Tobias Kleinebrahm",
    ),
    ("Fachbereich Umwelt und Klimaschutz", "umwelt", ["gutes-stadtklima"], "Lea Niemann"),
    (
        "Fachbereich Jugend, Familie und Soziales",
        "soziales",
        ["wohlergehen-fuer-alle"],
        "Aylin Demir",
    ),
    ("Fachbereich Kultur und Sport", "kultur", ["kulturelle-vielfalt"], "Peter Strothmann"),
]


def seed(ctx: DemoContext) -> None:
    ctx.shared["topics"] = _topics()
    ctx.shared["districts"] = _districts()
    ctx.shared["departments"] = _departments()


def _topics() -> list[Topic]:
    topics = []
    for position, (name, slug, description) in enumerate(TOPICS, start=1):
        topic, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        topics.append(topic)
    return topics


def _districts() -> list[District]:
    centre = tuple(str(c) for c in settings.MAP_CENTER)
    districts = []
    for name in settings.CITY_DISTRICTS:
        lat, lon = DISTRICT_COORDINATES.get(name, centre)
        district, _ = District.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "latitude": Decimal(lat), "longitude": Decimal(lon)},
        )
        districts.append(district)
    return districts


def _departments() -> list[Department]:
    topics = {t.slug: t for t in Topic.objects.all()}
    departments = []
    for name, slug, topic_slugs, _guide in DEPARTMENTS:
        department, created = Department.objects.get_or_create(
            slug=slug, defaults={"name": name, "email": f"{slug}@{DEMO_DOMAIN}"}
        )
        if created:
            department.topics.set([topics[s] for s in topic_slugs if s in topics])
        departments.append(department)
    return departments
