"""State changes of the figures app: the population figures and the issued reports."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require

from . import reports, selectors
from .models import AgeBand, PopulationFigure, StatusReport
from .population import MAX_RESIDENTS, parse_population_csv


@transaction.atomic
def population_replace(
    *,
    actor,
    age: dict[str, int],
    district: dict[int, int],
    is_demo: bool = False,
    source: str = "form",
) -> list[PopulationFigure]:
    """Replace all population figures (an empty group: unknown)."""
    if not is_demo:
        require(actor, "figures.manage_population")
    errors: dict[str, list[str]] = {}
    for key, value in list(age.items()) + [(f"district_{k}", v) for k, v in district.items()]:
        if value is None:
            continue
        if not isinstance(value, int) or value < 0 or value > MAX_RESIDENTS:
            errors[f"age_{key}" if not str(key).startswith("district_") else str(key)] = [
                _("Please enter a whole number from 0.")
            ]
    if any(band not in AgeBand.values for band in age):
        errors["__all__"] = [_("Unknown age band.")]
    if errors:
        raise ValidationError(errors)
    PopulationFigure.objects.all().delete()
    figures = [
        PopulationFigure(age_band=band, residents=n, is_demo=is_demo)
        for band, n in age.items()
        if n is not None
    ]
    figures += [
        PopulationFigure(district_id=pk, residents=n, is_demo=is_demo)
        for pk, n in district.items()
        if n is not None
    ]
    created = PopulationFigure.objects.bulk_create(figures)
    audit_log(
        action=AuditAction.POPULATION_UPDATE,
        actor=actor,
        details={
            "source": source,
            "demo": is_demo,
            "age": {k: v for k, v in age.items() if v is not None},
            "district": {str(k): v for k, v in district.items() if v is not None},
        },
    )
    transaction.on_commit(selectors.forget_participation)
    return created


def population_import(*, actor, raw: bytes) -> list[PopulationFigure]:
    """Import the statistics office's CSV (see population.py); all or nothing."""
    require(actor, "figures.manage_population")
    data = parse_population_csv(raw)
    return population_replace(actor=actor, age=data.age, district=data.district, source="csv")


def clean_period(start, end) -> tuple[dt.date, dt.date]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not isinstance(start, dt.date):
        errors["start"] = [_("Please enter a valid date.")]
    if not isinstance(end, dt.date):
        errors["end"] = [_("Please enter a valid date.")]
    elif end >= today:
        errors["end"] = [_("A report covers a finished period: the last day must be before today.")]
    if not errors:
        if start > end:
            errors["start"] = [_("The first day must not be after the last day.")]
        elif (end - start).days > 3 * 366:
            errors["start"] = [_("A report covers at most three years.")]
        elif start.year < 2000:
            errors["start"] = [_("Please enter a valid date.")]
    if errors:
        raise ValidationError(errors)
    return start, end


@transaction.atomic
def report_issue(*, actor, start: dt.date, end: dt.date) -> StatusReport:
    """Freeze the figures of the period: the archived report never changes."""
    require(actor, "figures.issue_report")
    start, end = clean_period(start, end)
    data = reports.report_data(start=start, end=end)
    report = StatusReport.objects.create(
        period_start=start, period_end=end, data=data, issued_by=actor
    )
    audit_log(
        action=AuditAction.STATUS_REPORT_ISSUE,
        actor=actor,
        target=report,
        details={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "fingerprint": reports.fingerprint(data),
        },
    )
    return report
