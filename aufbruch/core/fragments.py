"""Renderings of small parts (an idea's card, a row of the staff inbox)
shared between requests and people, each under a key named by what it shows:
exact without invalidation (new data is a new key) and bounded by the
objects, not by query strings. One cache round trip per page for all its
parts; the missing ones are rendered and stored together."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")


def shown_key(prefix: str, pk: object, shown: tuple) -> str:
    """A key for the part of object ``pk`` showing ``shown`` (every value
    its rendering shows) in the active language."""
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"{prefix}:{get_language()}:{pk}:{digest}"


def shared_renderings(
    items: Iterable[T],
    *,
    key: Callable[[T], str | None],
    render: Callable[[T], str],
    seconds: int,
) -> str:
    """The renderings of ``items`` in order, joined. ``key`` None: rendered
    each time (e.g. an object not read from the database); ``seconds`` 0:
    nothing is shared."""
    items = list(items)
    if not seconds:
        return "".join(render(item) for item in items)
    keys = [key(item) for item in items]
    found = cache.get_many([k for k in keys if k])
    rendered, missing = [], {}
    for item, k in zip(items, keys, strict=True):
        html = found.get(k) if k else None
        if html is None:
            html = render(item)
            if k:
                missing[k] = html
        rendered.append(html)
    if missing:
        cache.set_many(missing, seconds)
    return "".join(rendered)
