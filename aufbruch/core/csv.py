"""The one CSV writer: every export of Aufbruch goes through it.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return) get a leading apostrophe; numbers stay numbers. Files
for spreadsheets are UTF-8 with a byte order mark and ";" as separator, as
Excel in a German locale expects.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO, Any

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def escape_cell(value: Any) -> str:
    """One cell as text, safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """The inverse of ``escape_cell`` for text read back from our own files."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def write_rows(
    stream: IO[str],
    header: Iterable[Any] | None,
    rows: Iterable[Iterable[Any]],
    *,
    delimiter: str = ";",
    lineterminator: str = "\r\n",
) -> None:
    """Write escaped rows to an open text stream (files in another tool's
    format, e.g. Pol.is, pass their own delimiter)."""
    writer = csv.writer(stream, delimiter=delimiter, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([escape_cell(v) for v in header])
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])


def csv_response(
    filename: str, header: Iterable[Any] | None, rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """A download for spreadsheets: UTF-8 with BOM, ";" separated, escaped."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response.write("\ufeff")
    write_rows(response, header, rows)
    return response


# --- open data: plain CSV that a Frictionless schema validates -------------------------------
# RFC 4180: UTF-8 without BOM, comma, "\n"; numbers, dates and booleans as typed
# values, text through the same formula escaping as every other export.


def open_data_cell(value: Any) -> str:
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
        return escape_cell(" ".join(str(v) for v in value))
    return escape_cell(str(value))


def write_open_data_csv(stream: IO[str], header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write ``header`` and ``rows`` for the open-data archive; returns the row count."""
    writer = csv.writer(stream, delimiter=",", lineterminator="\n")
    writer.writerow([open_data_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([open_data_cell(v) for v in row])
        count += 1
    return count
