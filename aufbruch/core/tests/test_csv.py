import io

from aufbruch.core.csv import csv_response, escape_cell, write_rows


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
