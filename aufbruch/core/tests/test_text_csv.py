"""Plain text is stored as typed and escaped once; every CSV is escaped by one writer."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from aufbruch.core.csv import csv_response, escape_cell, unescape_cell, write_rows
from aufbruch.core.text import has_control_characters, plain_text, single_line
from aufbruch.core.validators import validate_single_line

HOSTILE = "Rad & Bus <-> Bahn \"schnell\" 'gut' a<b>c</b> &amp;"


def test_plain_text_keeps_what_was_typed():
    assert plain_text(HOSTILE) == HOSTILE
    assert plain_text("a<b>c</b>") == "a<b>c</b>"
    assert plain_text("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_plain_text_drops_control_characters_and_normalises_line_ends():
    assert plain_text("a\x00b\x07c\x1bd\x7fe\x85f") == "abcdef"
    assert plain_text("eins\r\nzwei\rdrei\tvier") == "eins\nzwei\ndrei\tvier"
    assert plain_text(None) == ""


def test_single_line_and_detection():
    assert single_line("Titel\r\nBcc: x@example.org") == "Titel Bcc: x@example.org"
    assert single_line("a\u2028b\tc") == "a b c"
    assert has_control_characters("a\nb") and has_control_characters("a\rb")
    assert has_control_characters("a\x00b") and has_control_characters("a\u2028")
    assert not has_control_characters("Rad & Bus <-> Bahn")
    assert not has_control_characters("eins\r\nzwei\tdrei", multiline=True)
    assert has_control_characters("eins\x0bzwei", multiline=True)


@pytest.mark.parametrize("value", ["Titel\nBcc: a@b.de", "Titel\r", "a\x00", "a\tb", "a\u2029"])
def test_single_line_validator_rejects_in_german(value, settings):
    settings.LANGUAGE_CODE = "de"
    from django.utils import translation

    with translation.override("de"), pytest.raises(ValidationError) as exc:
        validate_single_line(value)
    assert "Zeilenumbrüche" in exc.value.messages[0]


def test_single_line_validator_accepts_ordinary_text():
    validate_single_line("Rad & Bus <-> Bahn: \"Ja\" – 'nein' – ü ß €")
    validate_single_line("")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("-3.5", "-3.5"),
        (-7, "-7"),
        (None, ""),
        (True, "1"),
        ("ok", "ok"),
        ("a=b", "a=b"),
    ],
)
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


def test_unescape_cell_inverts_escape():
    for text in ("=1", "+x", "-y", "@z", "\tq", "ok", "'quote", "-3"):
        assert unescape_cell(escape_cell(text)) == text


def test_write_rows_escapes_header_and_cells():
    out = io.StringIO()
    write_rows(out, ["=Kopf"], [["=1+1", HOSTILE, 3]])
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows == [["'=Kopf"], ["'=1+1", HOSTILE, "3"]]


def test_csv_response_has_bom_semicolon_and_safe_filename():
    response = csv_response('a"b.csv', ["Name", "Text"], [["=cmd", "x;y"]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="a_b.csv"'
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows == [["Name", "Text"], ["'=cmd", "x;y"]]


@pytest.mark.parametrize(
    "path",
    [
        "aufbruch.ideas.forms.IdeaForm",
        "aufbruch.guides.forms.EnterIdeaForm",
        "aufbruch.meetings.forms.PaperCardForm",
        "aufbruch.meetings.forms.MeetingForm",
        "aufbruch.surveys.forms.SurveyForm",
        "aufbruch.surveys.forms.SectionForm",
        "aufbruch.assumptions.forms.EvidenceForm",
        "aufbruch.boards.forms.ThreadForm",
        "aufbruch.boards.forms.DocumentForm",
        "aufbruch.boards.forms.MeetingForm",
        "aufbruch.boards.forms.RecommendationForm",
    ],
)
def test_every_title_field_rejects_line_breaks(path):
    """Titles end up in notification and mail subjects."""
    from django.utils.module_loading import import_string

    form_class = import_string(path)
    field = (
        form_class.base_fields.get("title")
        or form_class._meta.model._meta.get_field("title").formfield()
    )
    if path.endswith("meetings.forms.MeetingForm"):
        form = form_class(data={"title": "Gipfel\r\nBcc: a@example.org"})
        form.is_valid()
        assert "title" in form.errors
        return
    with pytest.raises(ValidationError):
        field.clean("Titel\r\nBcc: a@example.org")
    assert field.clean("Rad & Bus <-> Bahn") == "Rad & Bus <-> Bahn"
