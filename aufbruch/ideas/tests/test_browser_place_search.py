"""Address search in the location picker, at 1280 and 360 px with axe,
against a local Nominatim stub (the browser only talks to our server)."""

import pytest

from aufbruch.core.testing import TopicFactory, UserFactory
from aufbruch.core.tests.nominatim_stub import nominatim_stub

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "Rathaus, Berliner Straße 70, 33330 Gütersloh"


@pytest.fixture
def geocoder_stub(settings):
    from django.core.cache import cache

    cache.clear()
    with nominatim_stub() as server:
        settings.GEOCODER_URL = server.url
        yield server
    cache.clear()


@pytest.mark.parametrize("width", [1280, 360])
def test_search_an_address_and_set_the_point(
    page, browser_login, assert_accessible, geocoder_stub, width
):
    TopicFactory(name="Guter Service", slug="guter-service")
    page.set_viewport_size({"width": width, "height": 800})
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    browser_login(page, UserFactory())
    # the first page of a session may be slow on a loaded machine
    page.goto(page.base_url + "/ideas/new/", timeout=60_000)
    box = page.locator("[data-ideas-place-search]")
    box.wait_for(state="visible")
    page.get_by_label("Adresse suchen").fill("Rathaus Gütersloh")
    page.get_by_label("Adresse suchen").press("Enter")  # searches, does not send the form
    choice = page.get_by_role("button", name=ADDRESS)
    choice.wait_for()
    assert page.url.endswith("/ideas/new/")
    assert "Adressen gefunden" in box.locator("[role=status]").inner_text()
    assert_accessible(page)
    choice.click()
    assert page.locator("#id_latitude").input_value() == "51.906567"
    assert page.locator("#id_longitude").input_value() == "8.378321"
    assert ADDRESS in box.locator("[role=status]").inner_text()
    assert page.locator("[data-ideas-map] .leaflet-marker-icon").count() == 1
    assert [p for p, _q, _h in geocoder_stub.requests] == ["/search"]
    assert not any(u.startswith(geocoder_stub.url) for u in asked)  # only our server asked it
    assert_accessible(page)


def test_without_a_geocoder_the_search_is_absent_and_the_click_still_works(
    page, browser_login, settings
):
    settings.GEOCODER_URL = ""
    TopicFactory(name="Guter Service", slug="guter-service")
    browser_login(page, UserFactory())
    page.goto(page.base_url + "/ideas/new/")
    page.locator("[data-ideas-map]").wait_for(state="visible")
    assert page.locator("[data-ideas-place-search]").count() == 0
    page.locator("[data-ideas-map]").click()
    assert page.locator("#id_latitude").input_value() != ""
