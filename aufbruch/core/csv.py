"""One CSV writer for every download: UTF-8 with BOM and ";" so German
spreadsheets open it as it is, and cells that a spreadsheet would run as a
formula are escaped."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell as text; one that starts like a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # negative numbers stay numbers
    return "'" + text if text[:1] in FORMULA_PREFIXES else text


def csv_text(rows: Iterable[Sequence], header: Sequence | None = None) -> str:
    """The CSV document as a string (with BOM)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if header is not None:
        writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()


def write_csv(
    rows: Iterable[Sequence], header: Sequence | None = None, *, filename: str = "export.csv"
) -> HttpResponse:
    """An attachment response with the rows as CSV."""
    response = HttpResponse(csv_text(rows, header), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
