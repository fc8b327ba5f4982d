"""The overview map beside the list and the point picker, with stubbed tiles."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from aufbruch.conftest import stub_map_tiles
from aufbruch.core.testing import TopicFactory, UserFactory
from aufbruch.ideas.services import idea_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASEMAP = re.compile(
    r"^https://sgx\.geodatenzentrum\.de/wmts_basemapde/tile/1\.0\.0/"
    r"de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/\d+/\d+/\d+\.png$"
)


@pytest.fixture
def ideas_with_places(db):
    author = UserFactory()
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    school = TopicFactory(name="Bildung", slug="bildung")
    made = []
    for n in range(4):  # close together: one cluster when zoomed out
        made.append(
            idea_submit(
                author=author,
                title=f"Fahrradbügel {n}",
                body="Text",
                topic=mobility,
                latitude=f"51.90{n}000",
                longitude="8.380000",
            )
        )
    made.append(
        idea_submit(
            author=author,
            title="WLAN in der Stadtbibliothek",
            body="Text",
            topic=school,
            latitude="51.950000",
            longitude="8.450000",
        )
    )
    idea_submit(author=author, title="Ohne Ort", body="Text", topic=school)
    return made


@pytest.mark.parametrize("width", [1280, 360])
def test_overview_map_beside_the_list_with_basemap_tiles(
    page, ideas_with_places, assert_accessible, width
):
    assert settings.MAP_TILE_URL.startswith("https://sgx.geodatenzentrum.de/")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base_url + "/ideas/")
    section = page.locator("[data-ideas-overview]")
    section.wait_for(state="visible")
    expect(page.get_by_role("heading", name="Ideen auf der Karte")).to_be_visible()
    page.locator(".leaflet-tile-loaded").first.wait_for(state="attached")
    assert page.tile_requests and all(BASEMAP.match(u) for u in page.tile_requests)
    attribution = page.locator(".leaflet-control-attribution")
    assert "basemap.de" in attribution.inner_text() and "CC BY 4.0" in attribution.inner_text()
    # Five ideas have a place; nearby ones are clustered.
    page.wait_for_function(
        "() => document.querySelectorAll('.ideas-overview .leaflet-marker-icon').length > 0"
    )
    total = page.evaluate(
        """() => [...document.querySelectorAll('.ideas-overview .leaflet-marker-icon')]
              .reduce((n, el) => n + (el.classList.contains('ideas-cluster') ? parseInt(el.textContent) : 1), 0)"""
    )
    assert total == 5
    if width == 1280:
        list_box = page.locator("#idea-results").bounding_box()
        map_box = section.bounding_box()
        assert map_box["x"] > list_box["x"] + list_box["width"] - 1  # beside the list
    assert_accessible(page)


def test_a_marker_opens_the_ideas_card_and_filters_apply(page, ideas_with_places):
    page.goto(page.base_url + "/ideas/?topic=bildung")
    page.locator('.ideas-overview .leaflet-marker-icon[alt="WLAN in der Stadtbibliothek"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.get_by_role("link", name="WLAN in der Stadtbibliothek").wait_for()
    assert "Bildung" in popup.inner_text() and "0 Unterstützungen" in popup.inner_text()
    assert page.locator(".ideas-overview .leaflet-marker-icon").count() == 1
    popup.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/ideas/{ideas_with_places[-1].pk}/$"))


def test_without_javascript_the_list_remains_and_the_map_is_absent(
    browser, live_server, ideas_with_places
):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    requested = stub_map_tiles(context)
    page = context.new_page()
    page.goto(live_server.url + "/ideas/")
    expect(page.get_by_role("link", name="WLAN in der Stadtbibliothek")).to_be_visible()
    expect(page.locator("[data-ideas-overview]")).to_be_hidden()
    assert page.get_by_role("heading", name="Ideen auf der Karte").count() == 0
    assert requested == []
    context.close()


def test_point_picker_on_the_form_uses_the_configured_tiles(page, browser_login, db):
    TopicFactory(name="Mobilität", slug="mobilitaet")
    browser_login(page, UserFactory())
    page.goto(page.base_url + "/ideas/new/")
    page.locator("[data-ideas-map] .leaflet-tile-loaded").first.wait_for(state="attached")
    assert page.tile_requests and all(BASEMAP.match(u) for u in page.tile_requests)
    assert (
        "basemap.de" in page.locator("[data-ideas-map] .leaflet-control-attribution").inner_text()
    )
