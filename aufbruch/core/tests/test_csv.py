import io
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from aufbruch.core.csv import (
    csv_response,
    escape_cell,
    open_data_cell,
    write_open_data_csv,
    write_rows,
)


def test_formula_cells_are_escaped_numbers_are_not():
    assert escape_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escape_cell("+1 Punkt") == "'+1 Punkt" and escape_cell("@x") == "'@x"
    assert escape_cell("-2+3") == "'-2+3"
    assert escape_cell(-2) == "-2" and escape_cell("-2,5") == "-2,5"
    assert escape_cell(None) == "" and escape_cell("Text") == "Text"


def test_bom_semicolon_and_quoting():
    buffer = io.StringIO()
    write_rows(buffer, ["Spalte 1", "Spalte 2", "Zahl"], [["a;b", 'Sie sagte "ja"', 3]])
    assert buffer.getvalue() == 'Spalte 1;Spalte 2;Zahl\r\n"a;b";"Sie sagte ""ja""";3\r\n'
    response = csv_response("daten.csv", ["x"], [["=1"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="daten.csv"'
    assert response.content.decode("utf-8") == "\ufeffx\r\n'=1\r\n"


def test_formulas_are_escaped_values_kept():
    for text in ("=1+1", "+49 5241", "-5 Grad", "@SUM(A1)", "\tx", "\rx"):
        assert escape_cell(text) == "'" + text
    assert escape_cell("Bus nach Avenwedde") == "Bus nach Avenwedde"
    assert (
        open_data_cell(-5) == "-5" and open_data_cell(Decimal("-2.50")) == "-2.50"
    )  # numbers stay numbers


def test_typed_cells():
    assert (
        open_data_cell(None) == ""
        and open_data_cell(True) == "true"
        and open_data_cell(False) == "false"
    )
    assert open_data_cell(date(2026, 3, 1)) == "2026-03-01"
    berlin = timezone(timedelta(hours=1))
    assert (
        open_data_cell(datetime(2026, 3, 1, 13, 0, 5, 123, tzinfo=berlin)) == "2026-03-01T12:00:05Z"
    )
    assert open_data_cell(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) == "2026-03-01T12:00:00Z"
    assert open_data_cell([1, 2, 3]) == "1 2 3"


def test_open_data_csv_is_plain_utf8_comma():
    out = io.StringIO()
    assert write_open_data_csv(out, ["id", "title"], [[1, 'Straße, "neu"'], [2, "=cmd"]]) == 2
    assert out.getvalue() == 'id,title\n1,"Straße, ""neu"""\n2,\'=cmd\n'
