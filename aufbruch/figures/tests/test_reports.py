"""The Sachstandsbericht: hand-computed figures, the same report for the same
period, archived and immutable once issued."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.committees.models import Decision
from aufbruch.committees.services import agenda_add, meeting_create, meeting_record_decisions
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.figures import reports
from aufbruch.figures.models import StatusReport
from aufbruch.figures.services import report_issue
from aufbruch.ideas.models import Idea, IdeaSource, IdeaStatus, StatusChange
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status

from .conftest import to_pool

pytestmark = pytest.mark.django_db
START, END = date(2026, 3, 1), date(2026, 3, 31)


def _at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def march(idea, office, author, topic):
    """Three ideas received in March (one on paper), one in February; one
    answered in March; one decided in the session of 2 March."""
    Idea.objects.filter(pk=idea.pk).update(created_at=_at(date(2026, 2, 20)))
    march_ideas = [
        idea_submit(author=author, title=f"März {i}", body="Text", topic=topic) for i in range(3)
    ]
    for i, day in zip(march_ideas, (1, 15, 31), strict=True):
        Idea.objects.filter(pk=i.pk).update(
            created_at=_at(date(2026, 3, day), 23 if day == 31 else 12)
        )
    Idea.objects.filter(pk=march_ideas[0].pk).update(source=IdeaSource.PAPER)
    to_pool(idea, office)  # status changes: dated now (December), outside the period
    Idea.objects.filter(pk=idea.pk).update(first_response_at=_at(date(2026, 3, 5)))
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/3"
    )
    item = agenda_add(meeting=meeting, idea=idea, actor=office)
    meeting_record_decisions(
        meeting=meeting, actor=office, decisions={item.pk: (Decision.ADOPTED, "Gut so.")}
    )
    # the decision was recorded in March
    StatusChange.objects.filter(idea=idea, to_status=IdeaStatus.DECIDED).update(
        created_at=_at(date(2026, 3, 3))
    )
    return {"idea": idea, "march": march_ideas}


def test_report_figures_by_hand(march):
    data = reports.report_data(start=START, end=END)
    assert data["figures"] == {
        "received": 3,  # 1, 15 and 31 March (23:00 local time counts)
        "answered": 1,
        "adopted": 1,
        "declined": 0,
        "to_pilot": 0,
        "in_pilot_at_end": 0,
        "implemented": 0,
    }
    [decision] = data["decisions"]
    assert (decision["date"], decision["reference"], decision["explanation"]) == (
        "2026-03-02",
        "HA/3",
        "Gut so.",
    )
    assert data["participation"]["total"] == 1  # the author, who submitted in March
    assert all(c["count"] is None for c in data["channels"])  # 2 online, 1 on paper: under 10


def test_same_period_same_report(march, author, topic, office):
    first = reports.report_data(start=START, end=END)
    later = idea_submit(author=UserFactory(), title="Nach dem Zeitraum", body="Text", topic=topic)
    idea_change_status(
        idea=march["march"][1], actor=office, to_status=IdeaStatus.IN_REVIEW, explanation="Prüfung"
    )
    assert reports.report_data(start=START, end=END) == first
    assert reports.fingerprint(reports.report_data(start=START, end=END)) == reports.fingerprint(
        first
    )
    assert later.pk


def test_issue_archives_and_never_changes(march, office, topic):
    report = report_issue(actor=office, start=START, end=END)
    entry = AuditEntry.objects.get(action="figures.report_issue")
    assert entry.details["fingerprint"] == reports.fingerprint(report.data)
    Idea.objects.filter(pk=march["idea"].pk).update(title="Umbenannt")
    report.refresh_from_db()
    assert [d["title"] for d in report.data["decisions"]] == ["Freies WLAN im Rathaus"]
    assert reports.report_data(start=START, end=END)["decisions"][0]["title"] == "Umbenannt"
    model_admin = admin.site._registry[StatusReport]
    request = RequestFactory().get("/")
    request.user = office
    assert not model_admin.has_change_permission(request, report)
    assert not model_admin.has_delete_permission(request, report)
    assert not model_admin.has_add_permission(request)


def test_report_pages_pdf_and_csv(client, march, office):
    report = report_issue(actor=office, start=START, end=END)
    login_with_mfa(client, office)
    html = client.get(reverse("figures_staff:report", args=[report.pk])).content.decode()
    assert "Sachstandsbericht zur Digitalen Agenda" in html and "HA/3" in html and "Gut so." in html
    csv = client.get(reverse("figures_staff:report_csv", args=[report.pk])).content.decode("utf-8")
    assert (
        csv.startswith("\ufeffAbschnitt;Punkt;Wert;Einwohner\r\n")
        and "Eingegangene Ideen;3;" in csv
    )
    from aufbruch.core.pdf import page_texts, pdf_available

    if not pdf_available():
        pytest.skip("WeasyPrint is not installed")
    r = client.get(reverse("figures_staff:report_pdf", args=[report.pk]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")
    from django.template.loader import render_to_string

    from aufbruch.committees.selectors import PRINT_STYLESHEETS
    from aufbruch.figures.staff_views import _report_context

    printed = render_to_string(
        "figures/report_print.html", _report_context(report.data) | {"archived": report}
    )
    pages = page_texts(printed, base_url="http://testserver/", stylesheets=PRINT_STYLESHEETS)
    assert "Stadt Gütersloh" in pages[0] and pages[-1].endswith(
        f"Seite {len(pages)} von {len(pages)}"
    )


def test_period_validation(office):
    today = timezone.localdate()
    for start, end, field in (
        (today - timedelta(days=3), today, "end"),
        (date(2026, 3, 5), date(2026, 3, 1), "start"),
        (date(2020, 1, 1), date(2024, 1, 1), "start"),
        ("gestern", date(2026, 3, 1), "start"),
    ):
        with pytest.raises(Exception) as exc:
            report_issue(actor=office, start=start, end=end)
        assert field in exc.value.message_dict
    assert StatusReport.objects.count() == 0
