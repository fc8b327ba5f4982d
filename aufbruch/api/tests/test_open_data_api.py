"""The API's coverage of every public object, its HTTP behaviour (conditional
GET, CORS, licence, trailing slash) and the role rule: nothing staff-only
reaches any answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from aufbruch.projects.services import project_post_update

pytestmark = pytest.mark.django_db
API = "/api/v1"
LISTS = [
    "/ideas",
    "/topics",
    "/districts",
    "/committee-sessions",
    "/decisions",
    "/projects",
    "/project-updates",
    "/events",
    "/recommendations",
    "/surveys",
    "/opinion-maps",
    "/assumptions",
]


def details(world):
    return [
        f"/ideas/{world['idea'].pk}",
        f"/committee-sessions/{world['meeting'].pk}",
        f"/projects/{world['project'].pk}",
        f"/recommendations/{world['recommendation'].pk}",
        f"/surveys/{world['survey'].pk}",
        f"/opinion-maps/{world['opinion_map'].pk}",
        f"/assumptions/{world['assumption'].pk}",
    ]


def test_nothing_staff_only_or_personal_in_any_answer(client, world):
    author = world["author"]
    for path in LISTS + details(world):
        response = client.get(API + path, {"page_size": 100} if path in LISTS[3:] else {})
        assert response.status_code == 200, path
        text = response.content.decode()
        assert "GEHEIM" not in text, path
        assert author.email not in text and author.display_name not in text, path
        for key in ('"email"', '"birth_year"', '"author"', '"internal_notes"', '"minutes"'):
            assert key not in text, (path, key)
    for path in (f"/ideas/{world['hidden'].pk}", f"/surveys/{world['staff_survey'].pk}"):
        assert client.get(API + path).status_code == 404


def test_idea_detail_has_history_answers_and_project(client, world):
    data = client.get(f"{API}/ideas/{world['idea'].pk}").json()
    steps = [(s["from_status"], s["to_status"]) for s in data["status_history"]]
    assert steps == [
        ("submitted", "in_review"),
        ("in_review", "pool"),
        ("pool", "decided"),
        ("decided", "feasibility"),
        ("feasibility", "pilot"),
    ]
    decided = data["status_history"][2]
    assert decided["decided_at"] == "2026-03-01" and decided["reference"] == "HA/2026/1"
    assert [r["department"] for r in data["official_responses"]] == ["Fachbereich Digitales"]
    assert data["project_ids"] == [world["project"].pk]


def test_committee_session_and_decisions(client, world):
    session = client.get(f"{API}/committee-sessions/{world['meeting'].pk}").json()
    assert session["decisions_recorded"] is True
    assert [(a["idea_id"], a["decision"]) for a in session["agenda"]] == [
        (world["idea"].pk, "adopted")
    ]
    decisions = client.get(f"{API}/decisions", {"decision": "adopted"}).json()
    assert (
        decisions["count"] == 1
        and decisions["items"][0]["explanation"] == "Einstimmig beschlossen."
    )
    assert client.get(f"{API}/decisions", {"decision": "declined"}).json()["count"] == 0
    upcoming = client.get(f"{API}/committee-sessions/{world['upcoming'].pk}").json()
    assert upcoming["decisions_recorded"] is False
    assert [(a["idea_title"], a["decision"], a["explanation"]) for a in upcoming["agenda"]] == [
        ("Digitale Sprechstunde", None, None)
    ]
    assert client.get(f"{API}/committee-sessions", {"date_to": "2026-04-01"}).json()["count"] == 1


def test_project_with_milestones_and_updates(client, world):
    data = client.get(f"{API}/projects/{world['project'].pk}").json()
    assert (
        data["progress"] == 40
        and data["budget_planned"] == 5000.0
        and data["idea_ids"] == [world["idea"].pk]
    )
    assert [m["title"] for m in data["milestones"]] == ["Router bestellt"]
    assert [u["title"] for u in data["updates"]] == ["Erster Bericht"]
    updates = client.get(f"{API}/project-updates", {"project": world["project"].pk}).json()
    assert updates["count"] == 1


def test_events_public_fields_only(client, world):
    items = client.get(f"{API}/events").json()["items"]
    assert [e["title"] for e in items] == ["Digitalgipfel"]
    assert items[0]["results_html"] is None  # not published yet
    assert client.get(f"{API}/events", {"upcoming": "false"}).json()["count"] == 0


def test_recommendations_published_only_with_answers(client, world):
    items = client.get(f"{API}/recommendations").json()["items"]
    assert [r["title"] for r in items] == ["Hackathon"]
    assert items[0]["idea_ids"] == [world["idea"].pk]  # the hidden idea is left out
    assert [a["body_html"] for a in items[0]["answers"]] == ["<p>Wir prüfen das.</p>"]


def test_survey_results_apply_the_small_group_rule(client, world):
    data = client.get(f"{API}/surveys/{world['survey'].pk}").json()
    assert data["small_group_threshold"] == 10
    choice, text = data["questions"]
    assert choice["respondents"] == 12
    assert [(r["label"], r["count"]) for r in choice["rows"]] == [("Ja", 8), ("Nein", 4)]
    age = {g["label"]: g for g in choice["by_age"]["groups"]}
    assert age["30 bis 59"]["shown"] and age["30 bis 59"]["respondents"] == 11
    assert not age["unter 30"]["shown"] and age["unter 30"]["respondents"] is None
    young_column = list(age).index("unter 30")
    assert all(row["cells"][young_column] is None for row in choice["by_age"]["rows"])
    district = choice["by_district"]["groups"]
    assert [(g["label"], g["shown"], g["respondents"]) for g in district] == [
        ("Avenwedde", False, None)
    ]
    assert text["rows"] == [] and "Freitext" not in str(text)
    assert [s["id"] for s in client.get(f"{API}/surveys").json()["items"]] == [world["survey"].pk]


def test_opinion_map_statements_accepted_only(client, world):
    data = client.get(f"{API}/opinion-maps/{world['opinion_map'].pk}").json()
    assert [s["text"] for s in data["statements"]] == ["Mehr Online-Termine"] and data[
        "results"
    ] is None


def test_assumptions_with_reviews(client, world):
    items = client.get(f"{API}/assumptions").json()["items"]
    assert items[0]["wording"] == "Junge Menschen nutzen Apps"
    assert [r["outcome"] for r in items[0]["reviews"]] == ["confirmed"]


def test_license_in_every_list_and_header(client, world, settings):
    for path in LISTS[3:] + ["/ideas"]:
        response = client.get(API + path)
        assert (
            response.json()["license"]["title"] == "Datenlizenz Deutschland – Namensnennung 2.0"
        ), path
        assert response["Link"] == '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


def test_conditional_get(client, world):
    first = client.get(f"{API}/projects")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first.status_code == 200 and etag and modified
    again = client.get(f"{API}/projects", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(f"{API}/projects", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    earlier = http_date((timezone.now() - timedelta(days=1)).timestamp())
    assert client.get(f"{API}/projects", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    # a change gives a new ETag, and the old one no longer matches
    project_post_update(
        project=world["project"],
        actor=world["project"].created_by,
        title="Neu",
        body="Neu",
        progress=55,
    )
    changed = client.get(f"{API}/projects", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cors_read_only(client, world):
    response = client.get(f"{API}/ideas", HTTP_ORIGIN="https://example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        f"{API}/ideas", HTTP_ORIGIN="https://example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert (
        preflight.status_code == 204
        and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    )
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(f"{API}/ideas").status_code == 405
    assert client.head(f"{API}/ideas").status_code == 200


def test_trailing_slash_redirects_and_unknown_is_json(client, world):
    response = client.get(f"{API}/ideas/", {"page_size": 2})
    assert response.status_code == 301 and response["Location"] == f"{API}/ideas?page_size=2"
    assert client.get(f"{API}/ideas/", follow=True).json()["count"] == 2
    missing = client.get(f"{API}/gibt-es-nicht")
    assert missing.status_code == 404 and missing.json() == {"detail": "Nicht gefunden"}


def test_docs_show_paths_once_and_the_license(client):
    html = client.get(f"{API}/docs").content.decode()
    assert "/api/v1/api/v1" not in html and "GET /api/v1/ideas<" in html
    assert "Datenlizenz Deutschland" in html and "Ausschusssitzungen" in html


def test_list_endpoints_have_constant_queries(client, world, django_assert_max_num_queries):
    budgets = {
        "/projects": 3,
        "/project-updates": 3,
        "/recommendations": 4,
        "/assumptions": 3,
        "/decisions": 2,
        "/events": 2,
        "/committee-sessions": 2,
    }
    for path, budget in budgets.items():
        client.get(API + path)  # caches warm
        with django_assert_max_num_queries(budget):
            assert client.get(API + path, {"page_size": 100}).status_code == 200
