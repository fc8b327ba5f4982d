"""Base demo data (seeder order 10): the nine fields of action of Gütersloh's
Digital Agenda, districts,
departments, about 200 participants and the staff with their roles.

Later seeders read ``ctx.shared``; it is filled on every run, also when the
rows already exist. Fixed demo logins (password ``aufbruch-demo``) and the
demo staff's TOTP secret are documented in the README — demo only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from aufbruch.core.demo import DemoContext

from .models import Department, District, Topic

DEMO_DOMAIN = "demo.aufbruch.invalid"
DEMO_PASSWORD = "aufbruch-demo"
# Base32, 20 bytes: add it to any authenticator app to log in as demo staff.
DEMO_TOTP_SECRET = "AUFBRUCHDEMOAUFBRUCHDEMOAUFBRUCH"
PARTICIPANTS = 200
YOUTH = 40

RESIDENT_EMAIL = f"einwohnerin@{DEMO_DOMAIN}"
OFFICE_EMAIL = f"programmbuero@{DEMO_DOMAIN}"
MODERATOR_EMAIL = f"moderation@{DEMO_DOMAIN}"

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

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Katrin",
    "Lukas",
    "Marie",
    "Niklas",
    "Olga",
    "Paul",
    "Rieke",
    "Sven",
    "Tanja",
    "Uwe",
    "Vera",
    "Wolfgang",
    "Yasemin",
    "Zoe",
    "Mehmet",
    "Ewa",
    "Dirk",
    "Heike",
    "Jan",
    "Sophie",
    "Karl",
    "Leonie",
    "Martin",
    "Nina",
    "Ole",
    "Petra",
]
LAST_NAMES = [
    "Becker",
    "Brinkmann",
    "Schröder",
    "Meier",
    "Kaya",
    "Wiegand",
    "Hoffmann",
    "Nowak",
    "Kleine",
    "Strunk",
    "Böckenholt",
    "Lohmann",
    "Schulte",
    "Özdemir",
    "Kemper",
    "Fischer",
    "Wagner",
    "Lange",
    "Tiemann",
    "Richter",
]
PSEUDONYMS = [
    "Radfahrerin_GT",
    "Dalkebewohner",
    "Stadtpark-Fan",
    "Pendler33",
    "Leseratte",
    "Nachbarschaftsnetz",
    "Ems-Spaziergänger",
    "GTler",
    "Kaffeekanne",
    "Zukunftsfreundin",
    "Busfahrer42",
    "Gartenzwerg",
    "Isselhorsterin",
    "Digitalnomade",
    "Rentnerin_aus_Spexard",
    "Schulweg-Papa",
    "Kultursommer",
    "Mia_Morgen",
]


def seed(ctx: DemoContext) -> None:
    ctx.shared["topics"] = _topics()
    ctx.shared["districts"] = _districts()
    ctx.shared["departments"] = _departments()
    password_hash = make_password(DEMO_PASSWORD)
    participants = _participants(ctx, password_hash)
    ctx.shared["participants"] = participants
    ctx.shared["youth"] = [
        u for u in participants if u.birth_year is not None and u.birth_year > 1997
    ]
    ctx.shared["staff"] = _staff(password_hash, ctx.shared["departments"])


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


def _demo_user(email: str, display_name: str, password_hash: str, **extra):
    from allauth.account.models import EmailAddress

    from aufbruch.accounts.models import User
    from aufbruch.accounts.services import user_after_signup

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, password=password_hash, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user_after_signup(user=user, display_name=display_name)
    return user


def _participant_profile(ctx: DemoContext, number: int, districts: list[District]) -> dict:
    rng = ctx.rng
    if number % 11 == 0:
        name = f"{PSEUDONYMS[number % len(PSEUDONYMS)]}{'' if number < len(PSEUDONYMS) * 11 else number}"
    else:
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[(number * 7) % len(LAST_NAMES)][0]}."
    if number <= YOUTH:
        birth_year = 1998 + number % 15  # 14 to 28 years old
    elif number % 7 == 0:
        birth_year = None
    else:
        birth_year = 1938 + rng.randrange(0, 59)
    # The centre and the large districts are over-represented, a few districts barely take part.
    weights = [
        8
        if d.name in ("Innenstadt", "Avenwedde", "Spexard", "Kattenstroth")
        else 1
        if d.name in ("Ebbesloh", "Hollen")
        else 3
        for d in districts
    ]
    district = rng.choices(districts, weights=weights)[0] if districts and number % 9 else None
    return {"display_name": name, "birth_year": birth_year, "district": district}


def _participants(ctx: DemoContext, password_hash: str) -> list:
    from aufbruch.accounts.models import User

    districts = list(District.objects.order_by("name"))
    resident = _demo_user(
        RESIDENT_EMAIL,
        "Anna Becker",
        password_hash,
        birth_year=1990,
        district=districts[0] if districts else None,
    )
    existing = {
        u.email: u
        for u in User.objects.filter(
            email__startswith="teilnehmer-", email__endswith=f"@{DEMO_DOMAIN}"
        )
    }
    users = [resident]
    for number in ctx.progress(range(1, PARTICIPANTS), desc="Teilnehmende", unit=" Konten"):
        email = f"teilnehmer-{number:03d}@{DEMO_DOMAIN}"
        profile = _participant_profile(
            ctx, number, districts
        )  # always drawn, so the random sequence stays stable
        user = existing.get(email)
        if user is None:
            display_name = profile.pop("display_name")
            user = _demo_user(email, display_name, password_hash, **profile)
        users.append(user)
    return users


def _staff(password_hash: str, departments: list[Department]) -> dict:
    from aufbruch.staff.models import StaffRole, StaffRoleKind

    office = _demo_user(OFFICE_EMAIL, "Programmbüro Digitaler Aufbruch", password_hash)
    moderator = _demo_user(MODERATOR_EMAIL, "Moderation", password_hash)
    StaffRole.objects.get_or_create(user=office, role=StaffRoleKind.OFFICE, department=None)
    StaffRole.objects.get_or_create(user=moderator, role=StaffRoleKind.MODERATOR, department=None)
    guides = {}
    names = {slug: guide for _name, slug, _topics, guide in DEPARTMENTS}
    for department in departments:
        guide = _demo_user(
            f"lotse-{department.slug}@{DEMO_DOMAIN}",
            names.get(department.slug, department.name),
            password_hash,
        )
        StaffRole.objects.get_or_create(user=guide, role=StaffRoleKind.GUIDE, department=department)
        guides[department.slug] = guide
    for user in [office, moderator, *guides.values()]:
        _ensure_demo_totp(user)
    return {"office": office, "moderator": moderator, "guides": guides}


def _ensure_demo_totp(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
