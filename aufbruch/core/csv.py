"""CSV for spreadsheets: UTF-8 with a byte order mark, ";" as separator (as
German Excel expects) and cells that would start a formula made harmless."""

from __future__ import annotations

import csv as _csv
import re
from collections.abc import Iterable

from django.http import HttpResponse

_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Stop spreadsheet formulas in free text (CSV injection); numbers stay numbers."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in _FORMULA_START and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = _csv.writer(response, delimiter=";")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return response
