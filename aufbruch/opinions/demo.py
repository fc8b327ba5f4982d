"""Demo: the imported Klimarat conversation (Pol.is, CC BY 4.0) and a small
Gütersloh opinion map, both grouped."""

from __future__ import annotations

from django.db.models import OuterRef

from aufbruch.core.demo import DemoContext

from .models import OpinionMap, Participant, Statement, StatementState, Vote
from .polis_io import POLIS_ATTRIBUTION, polis_import
from .selectors import count_subquery
from .services import cluster_recompute, opinion_map_create

KLIMARAT_ATTRIBUTION = (
    "Daten: Klimarat der Bürgerinnen und Bürger (Österreich), Pol.is-Konversation „Produktion und Konsum“, "
    "27. April bis 8. Mai 2022.\n"
    + POLIS_ATTRIBUTION
    + " The data and more information about how the data was collected can be found at "
    "https://compdemocracy.org/case-studies/2022-Austria-Klimarat"
)
RATHAUS_QUESTION = "Wie digital soll das Rathaus werden?"
# (statement, lean): lean > 0 is liked by the "digital first" camp, < 0 by the "keep the counter" camp;
# None: most people in both camps agree.
RATHAUS_STATEMENTS = [
    ("Alle Anträge der Stadt sollen auch online gestellt werden können.", 0.6),
    ("Termine im Bürgerbüro sollen online buchbar sein.", 0.3),
    ("Niemand darf gezwungen werden, Behördengänge online zu erledigen.", -0.7),
    ("Das Bürgerbüro soll auch ohne Termin erreichbar bleiben.", -0.6),
    ("Die Stadt soll Sprechstunden per Video anbieten.", 0.5),
    ("Papierformulare soll es weiter in jedem Stadtteil geben.", -0.8),
    ("Die Stadtverwaltung soll offene Daten veröffentlichen.", 0.4),
    ("Für ältere Menschen braucht es Lotsen, die beim Online-Antrag helfen.", None),
    ("Bescheide sollen digital zugestellt werden, wenn man das möchte.", 0.2),
    ("Das Rathaus soll zuerst die internen Abläufe digitalisieren.", 0.1),
]


def seed(ctx: DemoContext) -> None:
    if not OpinionMap.objects.filter(source_url__icontains="pol.is/5twd2jsnfk").exists():
        topics = ctx.shared.get("topics") or []
        klimarat = polis_import(
            directory=ctx.polis_dir,
            attribution=KLIMARAT_ATTRIBUTION,
            topic=topics[0] if topics else None,
        )
        cluster_recompute(opinion_map_id=klimarat.pk)
    if not OpinionMap.objects.filter(question=RATHAUS_QUESTION).exists():
        _seed_rathaus(ctx)


def _seed_rathaus(ctx: DemoContext) -> None:
    office = (ctx.shared.get("staff") or {}).get("office")
    description = (
        "Gütersloh digitalisiert seine Verwaltung. Was ist Ihnen dabei wichtig? Stimmen Sie den Aussagen zu, "
        "lehnen Sie sie ab oder überspringen Sie sie – und ergänzen Sie eigene Aussagen."
    )
    texts = tuple(text for text, _lean in RATHAUS_STATEMENTS)
    if office is not None:
        opinion_map = opinion_map_create(
            actor=office, question=RATHAUS_QUESTION, description=description, statements=texts
        )
    else:  # base data not loaded: build the map without an acting account
        opinion_map = OpinionMap.objects.create(question=RATHAUS_QUESTION, description=description)
        Statement.objects.bulk_create(
            [
                Statement(
                    opinion_map=opinion_map, text=t, state=StatementState.ACCEPTED, is_seed=True
                )
                for t in texts
            ]
        )
    statements = list(opinion_map.statements.order_by("id"))
    lean = dict(
        zip([s.pk for s in statements], [lean for _t, lean in RATHAUS_STATEMENTS], strict=True)
    )
    users = list(ctx.shared.get("participants") or [])[: int(120 * ctx.scale)]
    if users:
        participants = Participant.objects.bulk_create(
            [Participant(opinion_map=opinion_map, user=u) for u in users]
        )
    else:
        participants = Participant.objects.bulk_create(
            [
                Participant(opinion_map=opinion_map, anonymous_key=f"demo-{i}")
                for i in range(int(120 * ctx.scale))
            ]
        )
    rng = ctx.rng
    votes = []
    for p in participants:
        camp = 1 if rng.random() < 0.65 else -1
        for s in rng.sample(statements, rng.randint(7, len(statements))):
            liking = 0.7 if lean[s.pk] is None else camp * lean[s.pk]
            roll = rng.random()
            value = 0 if roll < 0.12 else (1 if roll < 0.12 + 0.88 * (0.5 + liking / 2) else -1)
            votes.append(Vote(participant=p, statement=s, value=value))
    Vote.objects.bulk_create(votes)
    # Counters from the rows, as the vote service would have kept them.
    Statement.objects.filter(opinion_map=opinion_map).update(
        vote_count=count_subquery(Vote.objects.filter(statement=OuterRef("pk")), "statement")
    )
    Participant.objects.filter(opinion_map=opinion_map).update(
        vote_count=count_subquery(Vote.objects.filter(participant=OuterRef("pk")), "participant")
    )
    cluster_recompute(opinion_map_id=opinion_map.pk)
