import random

import pytest

from aufbruch.core.demo import DemoContext
from aufbruch.core.testing import UserFactory
from aufbruch.opinions.demo import RATHAUS_QUESTION, seed
from aufbruch.opinions.models import ClusterResult, OpinionMap, Vote

pytestmark = pytest.mark.django_db


def test_demo_imports_klimarat_and_builds_the_rathaus_map_once(office):
    ctx = DemoContext(rng=random.Random(2017), quiet=True)
    ctx.shared.update(staff={"office": office}, participants=[UserFactory() for _ in range(40)])
    seed(ctx)
    klimarat = OpinionMap.objects.get(source_url="https://pol.is/5twd2jsnfk")
    assert "CC BY 4.0" in klimarat.attribution and "2022-Austria-Klimarat" in klimarat.attribution
    assert klimarat.participants.count() == 1116 and len(klimarat.cluster_result.groups) == 2
    rathaus = OpinionMap.objects.get(question=RATHAUS_QUESTION)
    assert (
        rathaus.created_by == office and rathaus.statements.filter(state="accepted").count() == 10
    )
    assert rathaus.participants.filter(user__isnull=False).count() == 40
    assert rathaus.cluster_result.n_participants == 40 and len(rathaus.cluster_result.groups) >= 2
    counts = (OpinionMap.objects.count(), Vote.objects.count(), ClusterResult.objects.count())
    seed(ctx)  # idempotent
    assert (
        OpinionMap.objects.count(),
        Vote.objects.count(),
        ClusterResult.objects.count(),
    ) == counts
