"""Reading the city statistics office's population CSV.

One line per group: ``Merkmal;Gruppe;Einwohner``, where the Merkmal is
"Alter" (Gruppe: an age band such as "18-29" or "unter 18") or "Stadtteil"
(Gruppe: the district's name). Semicolon or comma, UTF-8 or Windows-1252.
Every problem is reported with its line number; nothing is imported then.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from aufbruch.organisation.models import District

from .models import AgeBand

MAX_BYTES = 200_000
MAX_RESIDENTS = 50_000_000
HEADER = ("merkmal", "gruppe", "einwohner")
AGE_NAMES = {"alter", "altersgruppe"}
DISTRICT_NAMES = {"stadtteil", "bezirk"}
AGE_ALIASES = {
    "u18": AgeBand.UNDER_18,
    "unter 18": AgeBand.UNDER_18,
    "0-17": AgeBand.UNDER_18,
    "18-29": AgeBand.AGE_18_29,
    "18 bis 29": AgeBand.AGE_18_29,
    "30-44": AgeBand.AGE_30_44,
    "30 bis 44": AgeBand.AGE_30_44,
    "45-59": AgeBand.AGE_45_59,
    "45 bis 59": AgeBand.AGE_45_59,
    "60-74": AgeBand.AGE_60_74,
    "60 bis 74": AgeBand.AGE_60_74,
    "75+": AgeBand.AGE_75_PLUS,
    "75 und älter": AgeBand.AGE_75_PLUS,
    "75 und mehr": AgeBand.AGE_75_PLUS,
}


@dataclass
class PopulationData:
    age: dict[str, int]
    district: dict[int, int]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def parse_population_csv(raw: bytes) -> PopulationData:
    if not raw.strip():
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(raw) > MAX_BYTES:
        raise ValidationError({"file": [_("The file is too large (at most 200 KB).")]})
    if b"\x00" in raw:
        raise ValidationError({"file": [_("This is not a CSV file.")]})
    text = _decode(raw)
    delimiter = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    districts = {}
    for pk, name, slug in District.objects.values_list("pk", "name", "slug"):
        districts[name.casefold()] = pk
        districts[slug.casefold()] = pk
    errors: list[str] = []
    data = PopulationData(age={}, district={})
    header_seen = False
    for line_no, row in enumerate(reader, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if not header_seen:
            header_seen = True
            if tuple(c.casefold() for c in cells[:3]) != HEADER:
                errors.append(
                    _(
                        "Line %(line)s: the first line must be the header “Merkmal;Gruppe;Einwohner”."
                    )
                    % {"line": line_no}
                )
                break
            continue
        if len(cells) != 3:
            errors.append(
                _("Line %(line)s: expected 3 columns, found %(count)s.")
                % {"line": line_no, "count": len(cells)}
            )
            continue
        kind, group, number = cells
        try:
            residents = int(number.replace(".", "").replace(" ", ""))
        except ValueError:
            residents = -1
        if residents < 0 or residents > MAX_RESIDENTS:
            errors.append(
                _(
                    "Line %(line)s: “%(value)s” is not a number of residents (a whole number from 0)."
                )
                % {"line": line_no, "value": number[:40]}
            )
            continue
        if kind.casefold() in AGE_NAMES:
            band = AGE_ALIASES.get(group.casefold().replace("–", "-").replace(" - ", "-"))
            if band is None:
                errors.append(
                    _(
                        "Line %(line)s: unknown age band “%(value)s” (use e.g. unter 18, 18-29, 30-44, 45-59, 60-74, 75+)."
                    )
                    % {"line": line_no, "value": group[:40]}
                )
            elif band.value in data.age:
                errors.append(
                    _("Line %(line)s: the age band “%(value)s” appears twice.")
                    % {"line": line_no, "value": group[:40]}
                )
            else:
                data.age[band.value] = residents
        elif kind.casefold() in DISTRICT_NAMES:
            pk = districts.get(group.casefold())
            if pk is None:
                errors.append(
                    _("Line %(line)s: unknown district “%(value)s”.")
                    % {"line": line_no, "value": group[:60]}
                )
            elif pk in data.district:
                errors.append(
                    _("Line %(line)s: the district “%(value)s” appears twice.")
                    % {"line": line_no, "value": group[:60]}
                )
            else:
                data.district[pk] = residents
        else:
            errors.append(
                _("Line %(line)s: the Merkmal must be “Alter” or “Stadtteil”, not “%(value)s”.")
                % {"line": line_no, "value": kind[:40]}
            )
        if len(errors) >= 20:
            break
    if not errors and not (data.age or data.district):
        errors.append(_("The file contains no figures."))
    if errors:
        raise ValidationError({"file": errors})
    return data
