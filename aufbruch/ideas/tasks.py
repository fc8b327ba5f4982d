"""Background work of ideas: the address of a map point (core.geocoder)."""

from __future__ import annotations

import logging

from django_tasks import task

from aufbruch.core import geocoder

logger = logging.getLogger(__name__)


@task()
def resolve_idea_address(idea_id: int, latitude: str, longitude: str) -> bool:
    """Ask the geocoder for the address at the idea's point and store it.
    A geocoder that is slow or down leaves the coordinates on the page."""

    from .services import idea_set_address

    try:
        address = geocoder.reverse(latitude, longitude)
    except geocoder.GeocoderError as exc:
        logger.warning("No address for idea %s: %s", idea_id, exc)
        return False
    if not address:
        return False
    return idea_set_address(
        idea_id=idea_id, latitude=latitude, longitude=longitude, address=address
    )
