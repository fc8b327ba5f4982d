import io
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from aufbruch.core.csv import csv_cell, escape_formula, write_csv


def test_formulas_are_escaped_values_kept():
    for text in ("=1+1", "+49 5241", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert escape_formula(text) == "'" + text
    assert escape_formula("Bus nach Avenwedde") == "Bus nach Avenwedde"
    assert csv_cell(-5) == "-5" and csv_cell(Decimal("-2.50")) == "-2.50"  # numbers stay numbers


def test_typed_cells():
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(False) == "false"
    assert csv_cell(date(2026, 3, 1)) == "2026-03-01"
    berlin = timezone(timedelta(hours=1))
    assert csv_cell(datetime(2026, 3, 1, 13, 0, 5, 123, tzinfo=berlin)) == "2026-03-01T12:00:05Z"
    assert csv_cell(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) == "2026-03-01T12:00:00Z"
    assert csv_cell([1, 2, 3]) == "1 2 3"


def test_write_csv_plain_utf8_comma():
    out = io.StringIO()
    assert write_csv(out, ["id", "title"], [[1, 'Straße, "neu"'], [2, "=cmd"]]) == 2
    assert out.getvalue() == 'id,title\n1,"Straße, ""neu"""\n2,\'=cmd\n'
