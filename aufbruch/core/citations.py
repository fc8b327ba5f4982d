"""Where a page's object is cited: "Eingeflossen in: Digitale Agenda, Abschnitt 3.2".

Apps whose texts cite others (the Digital Agenda cites ideas, board
recommendations, surveys and assumptions) register a source here in their
AppConfig.ready(); the cited apps show the back-links without importing the
citing app:

    register_citation_source(fn)   # fn(model, ids) -> {id: [CitedBy, ...]}

A source answers for many objects of one model at once, so a page with a
list of recommendations costs one query per source, not one per item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class CitedBy:
    label: str  # e.g. "Digitale Agenda – Entwurf 2020, Abschnitt 3.2"
    url: str


Source = Callable[[type[models.Model], list[int]], dict[int, list[CitedBy]]]
_sources: list[Source] = []


def register_citation_source(fn: Source) -> None:
    if fn not in _sources:
        _sources.append(fn)


def cited_by_many(objects: Iterable[models.Model]) -> dict[int, list[CitedBy]]:
    """Back-links for objects of one model, keyed by primary key."""
    objects = [o for o in objects if o is not None]
    if not objects:
        return {}
    model = type(objects[0])
    ids = [o.pk for o in objects]
    found: dict[int, list[CitedBy]] = {}
    for source in _sources:
        for pk, links in source(model, ids).items():
            found.setdefault(pk, []).extend(links)
    return found


def cited_by(obj: models.Model) -> list[CitedBy]:
    return cited_by_many([obj]).get(obj.pk, [])
