import random

import pytest
from django.db.models import Count

from aufbruch.core.demo import DemoContext, seeders
from aufbruch.core.testing import DistrictFactory, TopicFactory, UserFactory
from aufbruch.ideas.demo import seed_ideas
from aufbruch.ideas.models import Idea, IdeaVersion, Support

pytestmark = pytest.mark.django_db


def test_seeder_is_registered_at_order_20():
    assert [s.order for s in seeders() if s.key == "ideas"] == [20]


def test_demo_ideas_are_consistent_and_idempotent():
    shared = {
        "participants": UserFactory.create_batch(12),
        "topics": [TopicFactory(name=n) for n in ("Leben", "Mobilität", "Lernen", "Verwaltung")],
        "districts": [DistrictFactory(name=n) for n in ("Innenstadt", "Avenwedde", "Isselhorst")],
        "staff": {"office": UserFactory(display_name="Programmbüro")},
    }
    ctx = DemoContext(rng=random.Random(1), scale=0.1, quiet=True, shared=shared)
    seed_ideas(ctx)
    count = Idea.objects.count()
    assert count >= 50
    assert Idea.objects.filter(title="Mehr Fahrradstraßen in der Innenstadt").exists()
    assert IdeaVersion.objects.count() == count
    assert set(Idea.objects.values_list("topic__name", flat=True)) == {
        "Leben",
        "Mobilität",
        "Lernen",
        "Verwaltung",
    }
    for idea in Idea.objects.annotate(n=Count("supports")):
        assert idea.support_count == idea.n
    assert Support.objects.count() > 0
    seed_ideas(ctx)
    assert Idea.objects.count() == count
