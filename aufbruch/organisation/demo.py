"""Base demo data (seeder order 10): Gütersloh's fields of action, districts
and departments (the people come next: aufbruch.accounts.demo, order 11).

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
TOPICS = [
    ("Leben", "leben", "Wohnen, Nachbarschaft und Alltag in einer digitalen Stadt."),
    ("Arbeiten", "arbeiten", "Arbeit, Wirtschaft, Handel und neue Arbeitsformen."),
    ("Lernen", "lernen", "Schulen, Weiterbildung, Bibliotheken und digitale Kompetenz."),
    (
        "Verwaltung & Bürgerservice",
        "verwaltung",
        "Anträge, Termine und Dienste der Stadtverwaltung online.",
    ),
    ("Mobilität", "mobilitaet", "Bus, Rad, Fußwege, Parken und Verkehrsinformation."),
    ("Gesundheit & Pflege", "gesundheit", "Versorgung, Pflege und Gesundheit im Quartier."),
    ("Umwelt & Energie", "umwelt", "Klimaschutz, Energie, Grünflächen und Ressourcen."),
    ("Kultur & Freizeit", "kultur", "Kultur, Sport, Vereine und Freizeitangebote."),
    ("Teilhabe & Infrastruktur", "teilhabe", "Netzausbau, offene Daten und Teilhabe für alle."),
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

# (name, slug, topic slugs, guide's display name)
DEPARTMENTS = [
    (
        "Fachbereich Digitalisierung und IT",
        "digitalisierung",
        ["verwaltung", "teilhabe"],
        "Jana Wiebusch",
    ),
    ("Fachbereich Bürgerservice", "buergerservice", ["verwaltung", "leben"], "Murat Yılmaz"),
    ("Fachbereich Stadtplanung", "stadtplanung", ["leben", "teilhabe"], "Claudia Brinkmann"),
    ("Fachbereich Tiefbau und Mobilität", "mobilitaet", ["mobilitaet"], "Henrik Ostermann"),
    ("Fachbereich Schule und Bildung", "bildung", ["lernen"], "Sabine Hartmann"),
    ("Fachbereich Wirtschaftsförderung", "wirtschaft", ["arbeiten"], "Tobias Kleinebrahm"),
    ("Fachbereich Umwelt und Klimaschutz", "umwelt", ["umwelt"], "Lea Niemann"),
    (
        "Fachbereich Jugend, Familie und Soziales",
        "soziales",
        ["gesundheit", "teilhabe"],
        "Aylin Demir",
    ),
    ("Fachbereich Kultur und Sport", "kultur", ["kultur"], "Peter Strothmann"),
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
