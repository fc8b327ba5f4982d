"""core.geocoder against a local Nominatim stub (never the internet)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache

from aufbruch.core import geocoder

from .nominatim_stub import nominatim_stub


@pytest.fixture
def stub(settings):
    cache.clear()
    with nominatim_stub() as server:
        settings.GEOCODER_URL = server.url + "/"
        yield server
    cache.clear()


def test_off_by_default(settings):
    assert settings.GEOCODER_URL == "" and not geocoder.is_enabled() and geocoder.host() == ""
    with pytest.raises(geocoder.GeocoderError):
        geocoder.reverse("51.9", "8.38")


def test_search_returns_short_labels_near_the_city(stub):
    places = geocoder.search("Rathaus Gütersloh")
    assert places == [
        geocoder.Place(
            "Rathaus, Berliner Straße 70, 33330 Gütersloh",
            Decimal("51.906567"),
            Decimal("8.378321"),
        )
    ]
    path, params, headers = stub.requests[0]
    assert path == "/search" and params["format"] == "jsonv2" and params["bounded"] == "1"
    assert params["countrycodes"] == "de" and len(params["viewbox"].split(",")) == 4
    assert headers["User-Agent"].startswith("Aufbruch")
    # a second identical search is answered from the cache
    geocoder.search("Rathaus Gütersloh")
    assert len(stub.requests) == 1


def test_short_queries_ask_nobody(stub):
    assert geocoder.search("  a ") == [] and stub.requests == []


def test_reverse_gives_the_address_or_nothing(stub):
    assert geocoder.reverse(Decimal("51.906567"), Decimal("8.378321")) == (
        "Rathaus, Berliner Straße 70, 33330 Gütersloh"
    )
    assert geocoder.reverse("48.1", "11.5") == ""


def test_a_broken_service_raises_geocoder_error(stub):
    stub.broken = True
    with pytest.raises(geocoder.GeocoderError):
        geocoder.search("Rathaus")
    with pytest.raises(geocoder.GeocoderError):
        geocoder.reverse("51.9", "8.38")


def test_an_unreachable_service_fails_fast(settings):
    settings.GEOCODER_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    with pytest.raises(geocoder.GeocoderError):
        geocoder.search("Rathaus Gütersloh")


def test_short_label_falls_back_to_the_display_name():
    assert (
        geocoder.short_label({"display_name": "Irgendwo, Deutschland"}) == "Irgendwo, Deutschland"
    )
    assert geocoder.short_label(
        {"name": "Stadtpark", "address": {"city": "Gütersloh", "postcode": "33332"}}
    ) == ("Stadtpark, 33332 Gütersloh")
