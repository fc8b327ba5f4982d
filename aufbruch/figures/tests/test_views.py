from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aufbruch.committees.models import Decision
from aufbruch.committees.services import (
    agenda_add,
    agenda_item_set_plain_summary,
    meeting_create,
    meeting_record_decisions,
)
from aufbruch.core.testing import login_with_mfa
from aufbruch.figures.models import PopulationFigure, StatusReport
from aufbruch.figures.services import population_replace
from aufbruch.ideas.models import Idea

from .conftest import to_pool

pytestmark = pytest.mark.django_db


def test_public_figures_page_anonymous_cached(client, idea, topic, django_assert_max_num_queries):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=False)
    hidden = Idea.objects.create(
        title="Versteckte Idee", body="x", topic=topic, author=idea.author, is_hidden=True
    )
    population_replace(actor=None, age={"30-44": 1000}, district={}, is_demo=True)
    url = reverse("figures:list")
    with django_assert_max_num_queries(12):
        first = client.get(url)
    html = first.content.decode()
    assert first.status_code == 200
    assert "Was aus den Ideen wird" in html and "Stand:" in html and "Demo-Werte" in html
    assert "<svg" in html and "<table" in html and hidden.title not in html
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200  # the same figures from the cache


def test_figures_filtered_and_unknown_filter(client, idea, topic):
    r = client.get(reverse("figures:list"), {"topic": topic.slug})
    assert r.status_code == 200 and topic.name in r.content.decode()
    assert "Wer mitmacht" not in r.content.decode()  # participation only for the whole programme
    assert client.get(reverse("figures:list"), {"topic": "<script>"}).status_code == 404
    assert client.get(reverse("figures:list"), {"district": "nirgendwo"}).status_code == 404


def test_staff_participation_roles(client, participant, guide, office, as_role):
    url = reverse("figures_staff:index")
    assert client.get(url).status_code == 302
    login_with_mfa(client, participant)
    assert client.get(url).status_code == 403
    client.logout()
    login_with_mfa(client, guide)
    assert client.get(url).status_code == 200
    before = list(PopulationFigure.objects.values_list("age_band", "residents"))
    r = client.post(reverse("figures_staff:population"), {"age_u18": "5"})
    assert (
        r.status_code == 403
        and list(PopulationFigure.objects.values_list("age_band", "residents")) == before
    )
    client.logout()
    login_with_mfa(client, office)
    assert client.post(reverse("figures_staff:population"), {"age_u18": "1200"}).status_code == 302
    assert PopulationFigure.objects.get(age_band="u18").residents == 1200


def test_population_form_bad_input_changes_nothing(client, office):
    population_replace(actor=office, age={"u18": 10}, district={})
    login_with_mfa(client, office)
    for value in ("-3", "viele", "<b>1</b>", "9" * 12):
        r = client.post(reverse("figures_staff:population"), {"age_u18": value})
        assert r.status_code == 400
        assert (
            'value="' + value.replace("<", "&lt;").replace(">", "&gt;") + '"' in r.content.decode()
        )
        assert PopulationFigure.objects.get(age_band="u18").residents == 10


def _csv(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bevoelkerung.csv", text.encode("utf-8"), content_type="text/csv")


def test_population_import(client, office, district):
    login_with_mfa(client, office)
    good = f"Merkmal;Gruppe;Einwohner\nAlter;unter 18;17.600\nAlter;18-29;13400\nStadtteil;{district.name};9800\n"
    r = client.post(reverse("figures_staff:population_import"), {"file": _csv(good)})
    assert r.status_code == 302
    assert dict(
        PopulationFigure.objects.filter(district=None).values_list("age_band", "residents")
    ) == {
        "u18": 17600,
        "18-29": 13400,
    }
    assert PopulationFigure.objects.get(district=district).residents == 9800
    bad = "Merkmal;Gruppe;Einwohner\nAlter;18-29;viele\nStadtteil;Atlantis;5\nAlter;18-29;3\nGeschlecht;w;4\n"
    r = client.post(reverse("figures_staff:population_import"), {"file": _csv(bad)})
    html = r.content.decode()
    assert r.status_code == 400
    assert (
        "Zeile 2" in html
        and "Zeile 3: unbekannter Stadtteil „Atlantis“" in html
        and "Zeile 5" in html
    )
    assert PopulationFigure.objects.count() == 3  # nothing changed
    for text in ("", "a,b\n1,2\n", "Merkmal;Gruppe;Einwohner\n"):
        r = client.post(reverse("figures_staff:population_import"), {"file": _csv(text)})
        assert r.status_code == 400 and PopulationFigure.objects.count() == 3


def test_committee_public_pages(client, idea, office, topic):
    to_pool(idea, office)
    today = timezone.localdate()
    upcoming = meeting_create(
        actor=office, committee="Hauptausschuss", date=today + timedelta(days=7), reference="HA/9"
    )
    item = agenda_add(meeting=upcoming, idea=idea, actor=office)
    r = client.get(reverse("council:list"))
    assert r.status_code == 200 and "HA/9" in r.content.decode()
    detail = client.get(reverse("council:detail", args=[upcoming.pk])).content.decode()
    assert idea.title in detail and "Tagesordnung" in detail
    # the idea page links back
    assert (
        reverse("council:detail", args=[upcoming.pk])
        in client.get(idea.get_absolute_url()).content.decode()
    )
    # a decision before the session's day is refused, nothing recorded
    with pytest.raises(Exception) as exc:
        meeting_record_decisions(
            meeting=upcoming, actor=office, decisions={item.pk: (Decision.ADOPTED, "ok")}
        )
    assert "erst ab dem Sitzungstag" in str(exc.value)
    item.refresh_from_db()
    assert item.decision == ""


def test_past_session_with_decision_and_plain_summary(client, idea, office):
    to_pool(idea, office)
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/2026/12"
    )
    item = agenda_add(meeting=meeting, idea=idea, actor=office)
    meeting_record_decisions(
        meeting=meeting, actor=office, decisions={item.pk: (Decision.ADOPTED, "Wird geprüft.")}
    )
    agenda_item_set_plain_summary(item=item, actor=office, text="Der Ausschuss sagt ja.")
    html = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "Wird geprüft." in html and "Der Ausschuss sagt ja." in html and "HA/2026/12" in html
    page = client.get(idea.get_absolute_url()).content.decode()
    assert page.index("Der Ausschuss sagt ja.") < page.index("Der Weg dieser Idee")
    assert "Beschluss vom <time" in page and "2. März 2026" in page


def test_report_roles_and_archive(client, office, guide, participant):
    end = timezone.localdate() - timedelta(days=1)
    start = end - timedelta(days=30)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    login_with_mfa(client, participant)
    assert client.post(reverse("figures_staff:report_issue"), params).status_code == 403
    client.logout()
    login_with_mfa(client, guide)
    assert client.get(reverse("figures_staff:report_preview"), params).status_code == 200
    assert client.post(reverse("figures_staff:report_issue"), params).status_code == 403
    assert StatusReport.objects.count() == 0
    client.logout()
    login_with_mfa(client, office)
    r = client.post(reverse("figures_staff:report_issue"), params)
    report = StatusReport.objects.get()
    assert r.status_code == 302
    csv = client.get(reverse("figures_staff:report_csv", args=[report.pk]))
    assert csv.content.decode("utf-8").startswith("\ufeffAbschnitt;")
    bad = client.post(
        reverse("figures_staff:report_issue"),
        {"start": params["start"], "end": timezone.localdate().isoformat()},
    )
    assert bad.status_code == 400 and "abgeschlossenen Zeitraum" in bad.content.decode()
    assert StatusReport.objects.count() == 1
