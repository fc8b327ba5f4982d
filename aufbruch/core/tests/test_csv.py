from aufbruch.core.csv import csv_safe, csv_text, write_csv


def test_formula_cells_are_escaped_numbers_are_not():
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("+1") == "'+1" and csv_safe("@x") == "'@x" and csv_safe("-2") == "'-2"
    assert csv_safe(-2) == "-2" and csv_safe(None) == "" and csv_safe("Text") == "Text"


def test_bom_semicolon_and_quoting():
    text = csv_text([["a;b", 'Sie sagte "ja"', 3]], ["Spalte 1", "Spalte 2", "Zahl"])
    assert text == '\ufeffSpalte 1;Spalte 2;Zahl\r\n"a;b";"Sie sagte ""ja""";3\r\n'
    response = write_csv([["=1"]], ["x"], filename="daten.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="daten.csv"'
    assert response.content.decode("utf-8") == "\ufeffx\r\n'=1\r\n"
