"""A configurable geocoder with a Nominatim-compatible interface.

``GEOCODER_URL`` names the service (e.g. the city's own Nominatim,
``https://nominatim.example.de``); empty (the default) turns address search
and addresses off, and the map click and the coordinate fields work as
before. Only the server talks to the geocoder: a page asks our own
``/ideas/places/`` endpoint, so the resident's browser never contacts it.

Both calls answer from the shared cache when they can, never raise on a
slow or broken service (``GeocoderError`` is caught by the callers) and
wait at most ``GEOCODER_TIMEOUT`` seconds.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache

CACHE_SECONDS = 7 * 24 * 3600
MAX_QUERY = 200
# The area searched first: the map's centre plus this many degrees each way.
VIEWBOX_DEGREES = 0.15


class GeocoderError(Exception):
    """The geocoder did not answer usefully (off, slow, broken or odd reply)."""


@dataclass(frozen=True)
class Place:
    label: str
    latitude: Decimal
    longitude: Decimal

    def as_json(self) -> dict:
        return {"label": self.label, "lat": str(self.latitude), "lon": str(self.longitude)}


def is_enabled() -> bool:
    return bool(getattr(settings, "GEOCODER_URL", ""))


def host() -> str:
    """The geocoder's host name, for the privacy page ('' when off)."""
    return urllib.parse.urlsplit(settings.GEOCODER_URL).netloc if is_enabled() else ""


def _get(path: str, params: dict) -> object:
    if not is_enabled():
        raise GeocoderError("no geocoder configured")
    url = f"{settings.GEOCODER_URL.rstrip('/')}/{path}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(  # noqa: S310 - the operator's configured http(s) URL
        url,
        headers={
            # Nominatim's usage policy asks for an identifying User-Agent.
            "User-Agent": f"Aufbruch ({settings.PLATFORM_NAME}; {settings.SITE_URL})",
            "Accept": "application/json",
            "Accept-Language": "de",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.GEOCODER_TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read(1_000_000).decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError) as exc:
        raise GeocoderError(str(exc)) from exc


def _coordinate(value) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError) as exc:
        raise GeocoderError("not a coordinate") from exc
    if not number.is_finite():
        raise GeocoderError("not a coordinate")
    return number


def short_label(row: dict) -> str:
    """'Berliner Straße 70, 33330 Gütersloh' from a Nominatim row with
    addressdetails; its long display_name when the parts are missing."""
    parts = row.get("address") if isinstance(row.get("address"), dict) else {}
    street = parts.get("road") or parts.get("pedestrian") or parts.get("footway") or ""
    if street and parts.get("house_number"):
        street = f"{street} {parts['house_number']}"
    name = row.get("name") if isinstance(row.get("name"), str) else ""
    place = (
        parts.get("city")
        or parts.get("town")
        or parts.get("village")
        or parts.get("municipality")
        or ""
    )
    town = " ".join(p for p in (parts.get("postcode", ""), place) if p)
    first = street or name or parts.get("suburb", "")
    if name and street and name not in street:
        first = f"{name}, {street}"
    label = ", ".join(p for p in (first, town) if p)
    return (label or str(row.get("display_name") or "")).strip()[:255]


def _key(kind: str, text: str) -> str:
    digest = hashlib.sha256(f"{settings.GEOCODER_URL}|{text}".encode()).hexdigest()[:32]
    return f"geocoder:{kind}:{digest}"


def search(query: str, *, limit: int = 5) -> list[Place]:
    """Places matching ``query`` around the city, best first."""
    query = " ".join((query or "").split())[:MAX_QUERY]
    if len(query) < 3:
        return []
    key = _key("search", f"{query.lower()}|{limit}")
    cached = cache.get(key)
    if cached is not None:
        return cached
    lat, lon = settings.MAP_CENTER
    rows = _get(
        "search",
        {
            "q": query,
            "format": "jsonv2",
            "addressdetails": 1,
            "limit": limit,
            "countrycodes": settings.GEOCODER_COUNTRY_CODES,
            "viewbox": f"{lon - VIEWBOX_DEGREES},{lat + VIEWBOX_DEGREES},"
            f"{lon + VIEWBOX_DEGREES},{lat - VIEWBOX_DEGREES}",
            "bounded": 1,
        },
    )
    if not isinstance(rows, list):
        raise GeocoderError("unexpected answer")
    places = []
    for row in rows[:limit]:
        if not isinstance(row, dict):
            continue
        try:
            place = Place(
                short_label(row), _coordinate(row.get("lat")), _coordinate(row.get("lon"))
            )
        except GeocoderError:
            continue
        if place.label and abs(place.latitude) <= 90 and abs(place.longitude) <= 180:
            places.append(place)
    cache.set(key, places, CACHE_SECONDS)
    return places


def reverse(latitude, longitude) -> str:
    """The address at a point ('' where the geocoder knows none)."""
    lat, lon = _coordinate(latitude), _coordinate(longitude)
    key = _key("reverse", f"{lat},{lon}")
    cached = cache.get(key)
    if cached is not None:
        return cached
    row = _get(
        "reverse",
        {"lat": str(lat), "lon": str(lon), "format": "jsonv2", "addressdetails": 1, "zoom": 18},
    )
    if not isinstance(row, dict):
        raise GeocoderError("unexpected answer")
    label = "" if row.get("error") else short_label(row)
    cache.set(key, label, CACHE_SECONDS)
    return label
