"""Counting people without exposing anyone: age bands and the small-group
rule (``settings.SMALL_GROUP_THRESHOLD``), shared by the figures and the
committees' pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    """Age bands of the participation figures; the population uses the same."""

    UNDER_18 = "u18", _("under 18")
    AGE_18_29 = "18-29", _("18 to 29")
    AGE_30_44 = "30-44", _("30 to 44")
    AGE_45_59 = "45-59", _("45 to 59")
    AGE_60_74 = "60-74", _("60 to 74")
    AGE_75_PLUS = "75+", _("75 and over")


def age_band(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    age = year - birth_year
    for limit, band in (
        (18, AgeBand.UNDER_18),
        (30, AgeBand.AGE_18_29),
        (45, AgeBand.AGE_30_44),
        (60, AgeBand.AGE_45_59),
        (75, AgeBand.AGE_60_74),
    ):
        if age < limit:
            return band.value
    return AgeBand.AGE_75_PLUS.value


def suppress(counts: dict, threshold: int | None = None) -> set:
    """The keys whose count must not be shown: every group under the
    threshold, and, when exactly one group is hidden, also the smallest shown
    one, so that the hidden number cannot be worked out from the total."""
    threshold = settings.SMALL_GROUP_THRESHOLD if threshold is None else threshold
    hidden = {key for key, n in counts.items() if n < threshold}
    shown = sorted((n, str(key), key) for key, n in counts.items() if key not in hidden)
    if len(hidden) == 1 and shown:
        hidden.add(shown[0][2])
    return hidden
