"""Which kinds of content can be reported and moderated.

Any model with ``is_hidden``, ``hidden_reason``, ``author`` and
``get_absolute_url()`` can join: an app calls ``register_reportable`` in its
AppConfig.ready(). The report URL is ``moderation:report <kind> <pk>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Reportable:
    kind: str
    model: type[models.Model]
    label: Any
    public_queryset: Callable[[], models.QuerySet] | None = None
    after_moderation: Callable[[Any], None] | None = None
    lock: Callable[[Any], Any] | None = None

    def queryset(self) -> models.QuerySet:
        """What anyone may see and therefore report."""
        if self.public_queryset is not None:
            return self.public_queryset()
        return self.model._default_manager.filter(is_hidden=False)


_reportables: dict[str, Reportable] = {}


def register_reportable(
    kind: str,
    model: type[models.Model],
    label,
    *,
    public_queryset: Callable[[], models.QuerySet] | None = None,
    after_moderation: Callable[[Any], None] | None = None,
    lock: Callable[[Any], Any] | None = None,
) -> None:
    """``lock(obj)`` returns the row locked for update (default: the row alone);
    apps with their own lock order pass it here."""
    _reportables[kind] = Reportable(kind, model, label, public_queryset, after_moderation, lock)


def reportable(kind: str) -> Reportable | None:
    return _reportables.get(kind)


def reportable_for(obj_or_model) -> Reportable:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for entry in _reportables.values():
        if entry.model is model:
            return entry
    raise LookupError(f"{model.__name__} is not registered as reportable")


def all_reportables() -> list[Reportable]:
    return list(_reportables.values())
