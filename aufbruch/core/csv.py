"""The one CSV writer of the platform.

Every cell goes through ``csv_cell``: text that a spreadsheet would run as a
formula (starting with = + - @, tab or carriage return) gets a leading
apostrophe (OWASP "CSV injection"); numbers, dates, times and booleans are
written as typed values, so a Frictionless schema validates them.

The format is plain RFC 4180 CSV: UTF-8 without byte-order mark, comma, a
header row, "\\n" line ends. That is what Frictionless (and most open-data
tools) expect by default; spreadsheet-friendly variants (BOM, semicolon) are
for staff downloads and built on the same cell function.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return escape_formula(" ".join(str(v) for v in value))
    return escape_formula(str(value))


def write_csv(
    stream: IO[str], header: list[str], rows: Iterable[Iterable[Any]], *, delimiter: str = ","
) -> int:
    """Write ``header`` and ``rows``; returns the number of data rows."""
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count
