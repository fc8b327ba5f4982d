import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_is_accessible_and_loads_nothing_from_third_parties(page, assert_accessible):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.base_url + "/api/v1/docs")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert [
        u for u in requests if not u.startswith(page.base_url) and not u.startswith("data:")
    ] == []
