"""Demo: population figures for the comparison, marked as demo values (the
real ones come from the city's statistics office, see population.py)."""

from __future__ import annotations

from aufbruch.core.demo import DemoContext
from aufbruch.organisation.models import District

from .models import AgeBand, PopulationFigure
from .services import population_replace

# About 102,000 residents, roughly shaped like a German town of that size.
DEMO_AGE = {
    AgeBand.UNDER_18: 17_600,
    AgeBand.AGE_18_29: 13_400,
    AgeBand.AGE_30_44: 18_700,
    AgeBand.AGE_45_59: 21_300,
    AgeBand.AGE_60_74: 18_600,
    AgeBand.AGE_75_PLUS: 12_400,
}


def seed(ctx: DemoContext) -> None:
    if PopulationFigure.objects.exists():
        return  # idempotent; real figures are never overwritten
    districts = list(District.objects.order_by("name").values_list("pk", flat=True))
    total = sum(DEMO_AGE.values())
    weights = [3 if i % 4 == 0 else 2 if i % 3 == 0 else 1 for i in range(len(districts))]
    per_weight = total // max(sum(weights), 1)
    district = {pk: w * per_weight for pk, w in zip(districts, weights, strict=True)}
    population_replace(
        actor=None,
        age={band.value: n for band, n in DEMO_AGE.items()},
        district=district,
        is_demo=True,
        source="demo",
    )
