"""Demo data that registers itself: each app adds a seeder in its
AppConfig.ready() and ``manage.py seed_demo`` runs them in order.

A seeder must be idempotent (a second ``make run`` changes nothing) and
should create state through the app's services, so the demo also has its
audit trail. Seeders share a ``DemoContext``: a seeded random generator,
the demo users, and progress bars (tqdm, where installed).

Seeding is silent: ``seed_demo`` runs every seeder inside ``seeding()``, and
``notifications.notify`` then writes what it would have told people as read
history, without e-mail and without enqueueing a task.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings


@dataclass
class DemoContext:
    rng: random.Random
    scale: float = 1.0
    quiet: bool = False
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def polis_dir(self) -> Path:
        """The Pol.is Klimarat export (CC BY 4.0, attribution on /about/)."""
        return Path(settings.POLIS_DATA_DIR)

    def progress(self, iterable, **kwargs):
        """With a progress bar where tqdm is installed (the "bench" and "dev"
        extras); a plain loop in a runtime-only installation."""
        try:
            from tqdm import tqdm
        except ImportError:
            return iterable
        return tqdm(iterable, disable=self.quiet, **kwargs)


@dataclass(frozen=True)
class Seeder:
    key: str
    order: int
    run: Callable[[DemoContext], None]


_seeders: dict[str, Seeder] = {}
_seeding: ContextVar[bool] = ContextVar("aufbruch_demo_seeding", default=False)


@contextmanager
def seeding() -> Iterator[None]:
    """Everything inside is demo seeding: nobody is mailed, nothing is queued."""
    token = _seeding.set(True)
    try:
        yield
    finally:
        _seeding.reset(token)


def is_seeding() -> bool:
    return _seeding.get()


def register_seeder(key: str, order: int, run: Callable[[DemoContext], None]) -> None:
    _seeders[key] = Seeder(key, order, run)


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: s.order)
