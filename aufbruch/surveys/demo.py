"""Demo: the survey "Digitale Verwaltung" with about 150 online answers from
demo participants and some paper forms typed in by a guide."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from aufbruch.core.demo import DemoContext

from . import services
from .models import QuestionKind, Survey

TITLE = "Digitale Verwaltung"
KEYWORDS = [
    "Termine",
    "Öffnungszeiten",
    "Formulare",
    "Datenschutz",
    "Barrierefreiheit",
    "Erreichbarkeit",
    "Apps",
    "WLAN",
]


def _build(office):
    now = timezone.now()
    survey = services.survey_create(
        actor=office,
        title=TITLE,
        description="Wie soll die Stadtverwaltung Gütersloh digitaler werden? Ihre Antworten fließen in die "
        "**Digitale Agenda** ein. Die Umfrage dauert etwa fünf Minuten.",
        opens_at=now - timedelta(days=21),
        closes_at=now + timedelta(days=14),
        results_visibility="always",
    )
    s1 = services.section_add(survey=survey, actor=office, title="Ihre Erfahrungen")
    s2 = services.section_add(survey=survey, actor=office, title="Ihre Wünsche")

    def add(section, **kw):
        return services.question_add(survey=survey, section=section, actor=office, **kw)

    q = {}
    q["used"] = add(
        s1,
        kind=QuestionKind.SINGLE,
        text="Haben Sie das Bürgerportal der Stadt schon genutzt?",
        required=True,
        options=["ja", "nein"],
    )
    yes = q["used"].options.get(label="ja")
    q["missing"] = add(
        s1,
        kind=QuestionKind.LONG_TEXT,
        text="Was hat Ihnen im Bürgerportal gefehlt?",
        condition_option=yes,
    )
    q["channels"] = add(
        s1,
        kind=QuestionKind.MULTIPLE,
        text="Wie erledigen Sie Behördenangelegenheiten?",
        options=["online", "per Telefon", "vor Ort im Rathaus", "per Post"],
    )
    q["contacts"] = add(
        s1,
        kind=QuestionKind.NUMBER,
        text="Wie oft im Jahr haben Sie mit der Stadtverwaltung zu tun?",
        min_value=0,
        max_value=100,
    )
    q["booking"] = add(
        s2,
        kind=QuestionKind.LIKERT,
        text="Ich möchte Termine im Bürgerbüro online buchen.",
        required=True,
    )
    q["priorities"] = add(
        s2,
        kind=QuestionKind.RANKING,
        text="Was ist Ihnen bei digitalen Angeboten am wichtigsten?",
        options=["einfach zu bedienen", "schnell erledigt", "Datenschutz", "barrierefrei"],
    )
    q["keyword"] = add(
        s2,
        kind=QuestionKind.SHORT_TEXT,
        text="Ihr wichtigstes Stichwort für eine digitale Verwaltung",
    )
    services.survey_publish(survey=survey, actor=office)
    return survey, q


def _answers(ctx: DemoContext, q: dict, birth_year: int | None) -> dict:
    rng = ctx.rng
    age = timezone.localdate().year - birth_year if birth_year else rng.randint(18, 85)
    older = age >= 60
    opts = {
        key: list(q[key].options.all()) for key in ("used", "channels", "booking", "priorities")
    }
    used = opts["used"][0 if rng.random() < (0.45 if older else 0.75) else 1]
    data: dict = {q["used"].field_name: [used.pk]}
    if used.label == "ja" and rng.random() < 0.35:
        data[q["missing"].field_name] = [
            rng.choice(
                [
                    "Eine Terminbuchung für das Bürgerbüro.",
                    "Mehr Formulare zum Ausfüllen am Handy.",
                    "Eine Telefonnummer, wenn etwas nicht klappt.",
                    "Der Bauantrag sollte online gehen.",
                ]
            )
        ]
    channels = [
        o.pk
        for o in opts["channels"]
        if rng.random() < (0.5 if o.label == "online" and older else 0.6)
    ]
    if channels:
        data[q["channels"].field_name] = channels
    if rng.random() < 0.8:
        data[q["contacts"].field_name] = [str(rng.randint(0, 12))]
    # Older people are more divided on booking online: the demo's "angepasst" story.
    weights = [3, 4, 3, 3, 2] if older else [1, 1, 2, 5, 6]
    data[q["booking"].field_name] = [rng.choices(opts["booking"], weights=weights)[0].pk]
    if rng.random() < 0.7:
        order = opts["priorities"][:]
        rng.shuffle(order)
        for rank, option in enumerate(order, 1):
            data[f"{q['priorities'].field_name}_{option.pk}"] = [str(rank)]
    if rng.random() < 0.3:
        data[q["keyword"].field_name] = [rng.choice(KEYWORDS)]
    return data


def seed(ctx: DemoContext) -> None:
    if Survey.objects.filter(title=TITLE).exists():
        return
    office = ctx.shared["staff"]["office"]
    guides = list(ctx.shared["staff"].get("guides", {}).values())
    survey, q = _build(office)
    participants = ctx.shared.get("participants", [])[:150]
    for person in ctx.progress(participants, desc="survey answers"):
        services.response_submit(
            survey=survey, data=_answers(ctx, q, person.birth_year), user=person
        )
    tokens = services.tokens_issue(survey=survey, actor=office, count=40)
    entered_by = guides[0] if guides else office
    for token in tokens[:15]:
        services.response_submit_with_token(
            survey=survey, data=_answers(ctx, q, None), code=token.code, entered_by=entered_by
        )
    ctx.shared["survey_digital"] = {"survey": survey, "questions": q}
