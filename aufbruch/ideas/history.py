"""What changed from one version of an idea to the next: the words of the
title and text, the field of action and district, the map point (moved,
set, removed, with the distance) and the images (added, removed, described
anew). The history page shows these changes, not whole versions side by side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.storage import default_storage

from aufbruch.core.diff import DiffResult, word_diff

from .models import Idea, IdeaVersion

EARTH_RADIUS_M = 6_371_000


def distance_m(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> int:
    """Great-circle distance in metres (haversine), rounded."""
    lat1, lon1, lat2, lon2 = (math.radians(float(x)) for x in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return round(2 * EARTH_RADIUS_M * math.asin(math.sqrt(h)))


@dataclass(frozen=True)
class ImageRef:
    id: int
    alt: str
    url: str  # "" when the file is gone (a removed image)


@dataclass
class PointChange:
    kind: str  # "moved", "set", "removed"
    old: tuple[Decimal, Decimal] | None
    new: tuple[Decimal, Decimal] | None
    metres: int | None = None


@dataclass
class VersionChanges:
    version: IdeaVersion
    previous: IdeaVersion | None
    title: DiffResult | None = None
    body: DiffResult | None = None
    topic: tuple[str, str] | None = None
    district: tuple[str, str] | None = None
    point: PointChange | None = None
    images_added: list[ImageRef] = field(default_factory=list)
    images_removed: list[ImageRef] = field(default_factory=list)
    images_described: list[tuple[str, ImageRef]] = field(default_factory=list)
    images_unknown: bool = False  # one of the two versions predates image tracking

    @property
    def is_first(self) -> bool:
        return self.previous is None

    @property
    def has_changes(self) -> bool:
        return bool(
            self.title
            or self.body
            or self.topic
            or self.district
            or self.point
            or self.images_added
            or self.images_removed
            or self.images_described
        )


def _point(version: IdeaVersion) -> tuple[Decimal, Decimal] | None:
    if version.latitude is None or version.longitude is None:
        return None
    return (version.latitude, version.longitude)


def _point_change(old: IdeaVersion, new: IdeaVersion) -> PointChange | None:
    if old.images is None or new.images is None:
        return None  # a version from before points were kept with it
    a, b = _point(old), _point(new)
    if a == b:
        return None
    if a is None:
        return PointChange("set", None, b)
    if b is None:
        return PointChange("removed", a, None)
    return PointChange("moved", a, b, distance_m(a, b))


def _image_refs(version: IdeaVersion, live: dict[int, str]) -> dict[int, ImageRef]:
    refs = {}
    for row in version.images or []:
        pk = row.get("id")
        name = live.get(pk, "")
        refs[pk] = ImageRef(
            id=pk, alt=row.get("alt", ""), url=default_storage.url(name) if name else ""
        )
    return refs


def _compare(old: IdeaVersion, new: IdeaVersion, live: dict[int, str]) -> VersionChanges:
    changes = VersionChanges(version=new, previous=old)
    if old.title != new.title:
        changes.title = word_diff(old.title, new.title)
    if old.body != new.body:
        changes.body = word_diff(old.body, new.body)
    if old.topic_id != new.topic_id:
        changes.topic = (old.topic.name, new.topic.name)
    if old.district_id != new.district_id:
        changes.district = (
            old.district.name if old.district_id else "",
            new.district.name if new.district_id else "",
        )
    changes.point = _point_change(old, new)
    if old.images is None or new.images is None:
        changes.images_unknown = True
        return changes
    before, after = _image_refs(old, live), _image_refs(new, live)
    changes.images_added = [ref for pk, ref in after.items() if pk not in before]
    changes.images_removed = [ref for pk, ref in before.items() if pk not in after]
    changes.images_described = [
        (before[pk].alt, ref)
        for pk, ref in after.items()
        if pk in before and before[pk].alt != ref.alt
    ]
    return changes


def version_history(idea: Idea) -> list[VersionChanges]:
    """Every version of ``idea`` with its changes against the one before, newest first."""
    versions = list(
        idea.versions.select_related("topic", "district", "edited_by").order_by("number")
    )
    live = dict(idea.images.values_list("pk", "image"))
    history = []
    previous = None
    for version in versions:
        if previous is None:
            entry = VersionChanges(version=version, previous=None)
            entry.images_added = list(_image_refs(version, live).values())
            history.append(entry)
        else:
            history.append(_compare(previous, version, live))
        previous = version
    history.reverse()
    return history
