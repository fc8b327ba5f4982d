import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from frictionless import validate

from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.opendata.export import TABLES, archive_path, export_open_data

pytestmark = pytest.mark.django_db


def read(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_archive_validates_as_frictionless_data_package(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    idea_submit(
        author=world["author"],
        title='=HYPERLINK("http://böse.example")',
        body="-2+3",
        topic=world["topic"],
    )
    path, counts = export_open_data()
    files = read(path)
    assert set(files) == {"datapackage.json", "LIESMICH.txt"} | {t.path for t in TABLES}
    package = json.loads(files["datapackage.json"])
    assert package["licenses"][0]["title"] == "Datenlizenz Deutschland – Namensnennung 2.0"
    assert "Datenlizenz Deutschland" in files["LIESMICH.txt"].decode()
    for name, content in files.items():
        assert b"GEHEIM" not in content, name
        assert world["author"].email.encode() not in content, name
    extracted = tmp_path / "x"
    zipfile.ZipFile(path).extractall(extracted)
    report = validate(extracted / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert counts["ideas"] == 3 and counts["projects"] == 1 and counts["committee_decisions"] == 1
    assert counts["survey_results"] == 2  # Ja / Nein; free text never
    ideas = list(csv.DictReader(io.StringIO(files["data/ideas.csv"].decode("utf-8"))))
    titles = {row["title"] for row in ideas}
    assert '\'=HYPERLINK("http://böse.example")' in titles  # never a formula in a spreadsheet
    assert not files["data/ideas.csv"].startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM


def test_periodic_job_writes_once_a_day(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("run_periodic")
    first = archive_path().stat().st_mtime_ns
    call_command("export_open_data")  # fresh: nothing to do
    assert archive_path().stat().st_mtime_ns == first
    Idea.objects.filter(pk=world["idea"].pk).update(title="Neu")
    call_command("export_open_data", "--force")
    assert b"Neu" in read(archive_path())["data/ideas.csv"]


def test_page_and_download(client, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    html = client.get(reverse("opendata:index")).content.decode()
    assert "Datenlizenz Deutschland" in html and reverse("opendata:download") not in html
    assert client.get(reverse("opendata:download")).status_code == 404
    export_open_data()
    html = client.get(reverse("opendata:index")).content.decode()
    assert reverse("opendata:download") in html and "data/ideas.csv" in html
    response = client.get(reverse("opendata:download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'rel="license"' in response["Link"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None


def test_the_digital_agenda_is_in_the_package_without_drafts_hidden_amendments_or_authors(
    world, office, tmp_path, settings
):
    from aufbruch.agenda.importers import parse_markdown
    from aufbruch.agenda.models import Amendment
    from aufbruch.agenda.services import (
        amendment_propose,
        document_create,
        document_publish,
        section_vote,
    )

    settings.MEDIA_ROOT = tmp_path
    author = world["author"]
    source = "# Lernende Stadt\n\nAlle Generationen lernen digital.\n"
    published = document_create(
        actor=office, title="Agenda-Entwurf", sections=parse_markdown(source)
    )
    document_publish(document=published, actor=office)
    document_create(actor=office, title="GEHEIM Entwurf", sections=parse_markdown(source))
    paragraph = published.paragraphs.get()
    section_vote(section=paragraph.section, user=author, choice="agree")
    amendment_propose(paragraph=paragraph, author=author, text="Alle lernen.", reason="Kürzer.")
    hidden = amendment_propose(
        paragraph=paragraph, author=author, text="GEHEIM Fassung", reason="GEHEIM Grund"
    )
    Amendment.objects.filter(pk=hidden.pk).update(is_hidden=True)

    path, counts = export_open_data()
    files = read(path)
    assert counts["agenda_documents"] == 1 and counts["agenda_paragraphs"] == 1
    assert counts["agenda_amendments"] == 1
    sections = list(csv.DictReader(io.StringIO(files["data/agenda_sections.csv"].decode())))
    assert sections[0]["agree"] == "1"
    for name, content in files.items():
        assert b"GEHEIM" not in content, name
        assert author.public_name.encode() not in content or name == "data/ideas.csv", name
    extracted = tmp_path / "agenda"
    zipfile.ZipFile(path).extractall(extracted)
    report = validate(extracted / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
