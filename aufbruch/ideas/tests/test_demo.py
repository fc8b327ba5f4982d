import csv
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from aufbruch.core.demo import DemoContext, seeders
from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory
from aufbruch.ideas.demo import COMMENTS_BY_TITLE, GUETERSLOH_IDEAS, seed_ideas
from aufbruch.ideas.models import Idea, IdeaVersion, Support

pytestmark = pytest.mark.django_db


def test_seeder_is_registered_at_order_20():
    assert [s.order for s in seeders() if s.key == "ideas"] == [20]


def test_demo_ideas_are_consistent_and_idempotent():
    shared = {
        "participants": UserFactory.create_batch(12),
        "topics": [
            TopicFactory(name=n, slug=s)
            for n, s in (
                ("Vernetzte Mobilität", "vernetzte-mobilitaet"),
                ("Guter Service", "guter-service"),
                ("Lernende Stadt", "lernende-stadt"),
            )
        ],
        "districts": [DistrictFactory(name=n) for n in ("Innenstadt", "Avenwedde", "Spexard")],
        "staff": {"office": UserFactory(display_name="Programmbüro")},
    }
    ctx = DemoContext(rng=random.Random(1), scale=0.1, quiet=True, shared=shared)
    seed_ideas(ctx)
    count = Idea.objects.count()
    assert count == len(GUETERSLOH_IDEAS)  # every written idea, whatever the scale
    bike = Idea.objects.get(title="Mehr Fahrradstraßen in der Innenstadt")
    assert bike.topic.slug == "vernetzte-mobilitaet" and bike.district.name == "Innenstadt"
    assert (
        Idea.objects.get(title="Radweg an der Verler Straße verbreitern").district.name == "Spexard"
    )
    assert IdeaVersion.objects.count() == count
    for idea in Idea.objects.annotate(n=Count("supports")):
        assert idea.support_count == idea.n
    assert Support.objects.count() > 0
    seed_ideas(ctx)
    assert Idea.objects.count() == count


def _klimarat_statements() -> list[str]:
    path = Path(settings.POLIS_DATA_DIR) / "comments.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [
            row["comment-body"].strip() for row in csv.DictReader(fh) if row["comment-body"].strip()
        ]


def test_demo_ideas_are_goals_of_guetersloh_not_klimarat_statements():
    """No demo idea or comment comes from the Klimarat data (it stays on the
    opinion map), and every idea's field of action is one of the nine."""
    ctx = DemoContext(rng=random.Random(2017), quiet=True)
    for seeder in seeders():
        if seeder.key in ("organisation", "accounts", "ideas", "comments"):
            seeder.run(ctx)
    from aufbruch.comments.models import Comment
    from aufbruch.organisation.tests.test_demo import NINE_FIELDS_OF_ACTION

    ideas = list(Idea.objects.select_related("topic", "district"))
    assert len(ideas) == len(GUETERSLOH_IDEAS)
    assert {i.topic.name for i in ideas} == set(NINE_FIELDS_OF_ACTION)  # all nine are used
    assert sum(1 for i in ideas if i.district_id) >= len(ideas) // 2
    statements = _klimarat_statements()
    texts = [i.title for i in ideas] + [i.body for i in ideas]
    texts += list(Comment.objects.values_list("body", flat=True))
    if statements:
        assert not set(statements) & set(texts)
        assert not any(s in t for s in statements if len(s) > 30 for t in texts)
    # every written comment answers its own idea
    for idea in ideas:
        written = set(COMMENTS_BY_TITLE[idea.title])
        bodies = set(Comment.objects.filter(idea=idea, parent=None).values_list("body", flat=True))
        assert bodies - {""} <= written  # a deleted comment keeps no text
    # near-duplicates for the duplicate suggestions
    titles = {i.title for i in ideas}
    assert {"WLAN im Stadtpark", "Kostenloses WLAN im Mohns Park"} <= titles
    assert {
        "Radweg an der Verler Straße verbreitern",
        "Fahrradweg nach Spexard sicherer machen",
    } <= titles
