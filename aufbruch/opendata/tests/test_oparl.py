"""The OParl import against a fixture built from the OParl 1.1 specification's
examples (see oparl/README.md). No network: a fake transport serves the files."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from aufbruch.audit.models import AuditEntry
from aufbruch.committees.models import CommitteeMeeting
from aufbruch.opendata.models import OParlMeeting, OParlPaper
from aufbruch.opendata.oparl import import_oparl

pytestmark = pytest.mark.django_db
HERE = Path(__file__).parent / "oparl"
ROUTES = {
    "https://oparl.example.org/": "system.json",
    "https://oparl.example.org/bodies": "bodies.json",
    "https://oparl.example.org/body/0/meetings/": "meetings-1.json",
    "https://oparl.example.org/body/0/meetings/?page=2": "meetings-2.json",
    "https://oparl.example.org/body/0/papers/": "papers-1.json",
    "https://oparl.example.org/body/0/papers/?page=2": "papers-2.json",
}


class FakeTransport:
    def __init__(self):
        self.calls = []

    def __call__(self, url: str) -> dict:
        self.calls.append(url)
        return json.loads((HERE / ROUTES[url]).read_text(encoding="utf-8"))


@pytest.fixture
def ours(db):
    return CommitteeMeeting.objects.create(
        committee="Hauptausschuss", date=date(2014, 4, 10), reference="1234/2014"
    )


def test_import_follows_lists_and_links_our_meeting(ours):
    fetch = FakeTransport()
    result = import_oparl(fetch=fetch, endpoint="https://oparl.example.org/")
    assert (result.bodies, result.meetings, result.papers) == (
        1,
        2,
        2,
    )  # the deleted meeting is skipped
    # every page once; the self-referencing "next" of the last paper page does not loop
    assert fetch.calls == list(ROUTES)
    finance = OParlMeeting.objects.get(oparl_id="https://oparl.example.org/meeting/281")
    assert finance.name == "4. Sitzung des Finanzausschusses" and finance.committee_meeting is None
    main = OParlMeeting.objects.get(oparl_id="https://oparl.example.org/meeting/243")
    assert (
        main.committee_meeting == ours
        and main.web_url == "https://web.oparl.example.org/meeting/243"
    )
    paper = OParlPaper.objects.get(reference="1234/2014")
    assert paper.committee_meeting == ours and paper.paper_type == "Beantwortung einer Anfrage"
    assert list(paper.meetings.all()) == [main]
    assert OParlPaper.objects.get(reference="1200/2014").committee_meeting is None
    assert (result.linked_meetings, result.linked_papers) == (1, 1)
    assert AuditEntry.objects.filter(action="opendata.oparl_import").count() == 1


def test_import_is_idempotent(ours):
    import_oparl(fetch=FakeTransport(), endpoint="https://oparl.example.org/")
    import_oparl(fetch=FakeTransport(), endpoint="https://oparl.example.org/")
    assert OParlMeeting.objects.count() == 2 and OParlPaper.objects.count() == 2


def test_the_api_shows_the_link(client, ours):
    import_oparl(fetch=FakeTransport(), endpoint="https://oparl.example.org/")
    data = client.get(f"/api/v1/committee-sessions/{ours.pk}").json()
    assert data["oparl_meeting"]["oparl_id"] == "https://oparl.example.org/meeting/243"
    assert [p["oparl_id"] for p in data["oparl_papers"]] == ["https://oparl.example.org/paper/749"]


def test_no_endpoint_is_a_clear_error(settings):
    settings.OPARL_ENDPOINT = ""
    with pytest.raises(ValidationError):
        import_oparl(fetch=FakeTransport())
    call_command("import_oparl")  # the periodic job does nothing without an endpoint
    assert not OParlMeeting.objects.exists()


def test_broken_answers_import_nothing_wrong(ours):
    def fetch(url):
        if url == "https://oparl.example.org/":
            return {"id": url, "body": "https://oparl.example.org/bodies"}
        return {
            "data": [
                {"no": "id"},
                "text",
                {"id": "https://x.example/meeting/1", "start": "kaputt"},
            ],
            "links": {},
        }

    result = import_oparl(fetch=fetch, endpoint="https://oparl.example.org/")
    assert result.bodies == 1 and result.meetings == 0  # the "body" has no meeting list
