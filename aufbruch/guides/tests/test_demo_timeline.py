"""The demo's dates look like a working administration: answers within
weeks, steps in order along the decision path, nothing in the future."""

import random
import statistics

import pytest
from django.utils import timezone

from aufbruch.core.demo import DemoContext, seeders
from aufbruch.ideas.models import Idea, StatusChange

pytestmark = pytest.mark.django_db


def test_answer_times_and_status_dates_are_realistic():
    ctx = DemoContext(rng=random.Random(2017), quiet=True)
    for seeder in seeders():
        if seeder.key in ("organisation", "accounts", "ideas", "guides"):
            seeder.run(ctx)
    now = timezone.now()
    answered = Idea.objects.filter(first_response_at__isnull=False)
    assert answered.count() >= 5
    days = [(i.first_response_at - i.created_at).total_seconds() / 86400 for i in answered]
    assert all(0 < d <= 25 for d in days), sorted(days)[-5:]
    assert statistics.median(days) < 21
    assert Idea.objects.exclude(status="submitted").count() >= len(days)
    for idea in Idea.objects.exclude(status="submitted"):
        dates = list(
            StatusChange.objects.filter(idea=idea)
            .order_by("pk")
            .values_list("created_at", flat=True)
        )
        assert dates == sorted(dates) and idea.created_at <= dates[0] and dates[-1] <= now
