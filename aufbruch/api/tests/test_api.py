import pytest

pytestmark = pytest.mark.django_db
API = "/api/v1"


def get(client, path, **params):
    return client.get(API + path, params)


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_list_is_paginated_newest_first(client, ideas):
    response = get(client, "/ideas", page_size=2)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 5 and data["has_next"] and not data["count_is_capped"]
    assert titles(response) == ["Digitale Bürgersprechstunde", "Bänke am Dalkeweg"]
    last = get(client, "/ideas", page_size=2, page=3).json()
    assert [i["title"] for i in last["items"]] == ["Fahrradstraßen in der Innenstadt"] and not last[
        "has_next"
    ]
    assert get(client, "/ideas", page=50).json()["items"] == []


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"topic": "mobilitaet"}, {"Fahrradstraßen in der Innenstadt", "Bus nach Avenwedde"}),
        ({"district": "avenwedde"}, {"Bus nach Avenwedde", "Bänke am Dalkeweg"}),
        ({"status": "in_review"}, {"Bänke am Dalkeweg"}),
        ({"q": "Fahrradstraße"}, {"Fahrradstraßen in der Innenstadt"}),
        ({"topic": "leben", "district": "avenwedde"}, {"Bänke am Dalkeweg"}),
        ({"topic": "gibt-es-nicht"}, set()),
        ({"q": "<script>alert(1)</script>"}, set()),
    ],
)
def test_filters(client, ideas, params, expected):
    response = get(client, "/ideas", **params)
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_sorting(client, ideas):
    assert titles(get(client, "/ideas", sort="supported"))[:2] == [
        "Bus nach Avenwedde",
        "Bänke am Dalkeweg",
    ]
    assert titles(get(client, "/ideas", sort="discussed"))[:2] == [
        "Bänke am Dalkeweg",
        "Bus nach Avenwedde",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": "eins"},
        {"page_size": 101},
        {"page_size": 0},
        {"sort": "random"},
        {"status": "geheim"},
        {"q": "x" * 201},
        {"topic": "t" * 101},
    ],
)
def test_bad_parameters_get_422(client, ideas, params):
    response = get(client, "/ideas", **params)
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path, params",
    [
        ("/ideas", {"q": "Rad\x00weg"}),
        ("/ideas", {"topic": "\x00"}),
        ("/ideas", {"district": "innen\tstadt"}),
        ("/recommendations", {"board": "\U000ab783\x00\t"}),  # found by schemathesis (500 on PG)
        ("/committee-sessions", {"committee": "Aus\x00schuss"}),
        ("/assumptions", {"topic": "\x7f"}),
    ],
)
def test_control_characters_in_a_filter_get_422(client, ideas, path, params):
    """PostgreSQL refuses a NUL in a string: such a value must never reach
    a query, on either database."""
    response = get(client, path, **params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_detail_and_404(client, ideas):
    idea = ideas["public"][1]
    response = get(client, f"/ideas/{idea.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Bus nach Avenwedde"
    assert data["district"] == {"id": idea.district_id, "slug": "avenwedde", "name": "Avenwedde"}
    assert data["topic"]["slug"] == "mobilitaet"
    assert (data["latitude"], data["longitude"]) == (51.918, 8.436)
    assert data["source"] == "online" and data["url"].endswith(f"/ideas/{idea.pk}/")
    assert data["support_count"] == 7 and data["comment_count"] == 1
    assert get(client, "/ideas/99999999").status_code == 404
    assert get(client, f"/ideas/{ideas['hidden'].pk}").status_code == 404
    assert get(client, "/ideas/abc").status_code == 422
    assert get(client, "/ideas/0").status_code == 422


def test_hidden_ideas_never_appear(client, ideas):
    text = get(client, "/ideas", page_size=100).content.decode()
    assert "Versteckte Idee" not in text
    assert get(client, "/ideas", q="Versteckte").json()["count"] == 0


def test_no_personal_data_in_any_response(client, ideas):
    author = ideas["author"]
    responses = [
        get(client, "/ideas", page_size=100),
        get(client, "/topics"),
        get(client, "/districts"),
    ]
    responses += [get(client, f"/ideas/{idea.pk}") for idea in ideas["public"]]
    for response in responses:
        text = response.content.decode()
        assert author.email not in text and "autorin" not in text.lower()
        assert author.display_name not in text and "1987" not in text
        for key in ("email", "birth_year", "author", "entered_by", "assignee"):
            assert f'"{key}"' not in text


def test_reference_data(client, ideas):
    topics = get(client, "/topics").json()
    assert {t["slug"] for t in topics} >= {"mobilitaet", "leben"}
    districts = get(client, "/districts").json()
    assert districts[0]["name"] == "Avenwedde" and set(districts[0]) == {
        "id",
        "slug",
        "name",
        "latitude",
        "longitude",
    }


def test_constant_number_of_queries(client, ideas, django_assert_max_num_queries):
    get(client, "/ideas", topic="leben", district="avenwedde")  # fills the cached slug -> id maps
    with django_assert_max_num_queries(3):  # a search adds its ranked window of matches
        get(client, "/ideas", page_size=100, topic="leben", q="Park")
    with django_assert_max_num_queries(2):
        get(client, "/ideas", page_size=100)
    with django_assert_max_num_queries(1):  # no answer, no project yet: no further query
        get(client, f"/ideas/{ideas['public'][0].pk}")


def test_openapi_declares_every_response_code(client):
    schema = client.get(f"{API}/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            assert {"200", "422"} <= codes, (path, method, codes)
            if "{" in path:
                assert "404" in codes


def test_docs_page_is_served_without_third_party_assets(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/ideas" in html and "openapi.json" in html
    assert "cdn" not in html.lower() and "swagger-ui" not in html.lower()
    assert "unpkg" not in html and "jsdelivr" not in html


@pytest.fixture
def wsgi_app():
    """The real WSGI application, kept inside the test's transaction (as
    Django's test client does: no connection closing between requests)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schema_conformance_with_schemathesis(ideas, world, wsgi_app):
    """Every operation of the whole schema, with the open-data world loaded:
    no 5xx, every answer matches its schema, nothing staff-only leaks."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 23  # opendata's 20 and the agenda's three
    for operation in operations:

        @settings(
            max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            case.validate_response(response)
            assert response.status_code in (200, 404, 422)
            assert "autorin@example.org" not in response.text and "GEHEIM" not in response.text

        check()
