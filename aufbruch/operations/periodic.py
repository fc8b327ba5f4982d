"""Periodic jobs as a registry, safe to run on several servers at once.

Apps register their jobs in ``AppConfig.ready()``::

    register_periodic_job("close_due_votes", close_due_votes, order=20)

``manage.py run_periodic`` (a systemd timer, see docs/deployment.md, or
bin/serve) runs every registered job once; ``run_periodic NAME …`` runs
some of them, and an unknown name is an error. Each job runs under a
database lock, so when several servers start it at the same moment only one
runs each job and the others skip it. The jobs themselves stay idempotent
(event keys, conditional updates), so a second run later changes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# A run that takes longer than this is considered crashed (SQLite lock row).
LOCK_TTL = timedelta(minutes=30)


class UnknownJob(KeyError):
    """A job name that nobody registered."""

    def __str__(self) -> str:
        return f"Unknown periodic job {self.args[0]!r}; known: {', '.join(sorted(_JOBS))}"


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], Any]
    order: int = 50


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic_job(name: str, run: Callable[[], Any], *, order: int = 50) -> None:
    _JOBS[name] = PeriodicJob(name=name, run=run, order=order)


def unregister_periodic_job(name: str) -> None:
    """For tests."""
    _JOBS.pop(name, None)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda j: (j.order, j.name))


def resolve(names: list[str] | None) -> list[PeriodicJob]:
    if not names:
        return periodic_jobs()
    unknown = [n for n in names if n not in _JOBS]
    if unknown:
        raise UnknownJob(unknown[0])
    return [_JOBS[n] for n in names]


def _advisory_key(name: str) -> int:
    # A stable signed 64-bit key per job (a namespace in the high bits).
    return 0x41554652 << 32 | zlib.crc32(name.encode())


@contextlib.contextmanager
def job_lock(name: str) -> Iterator[bool]:
    """Yield True when this process holds the job's lock, False when another
    one runs the job right now."""
    from .models import PeriodicJobLock

    PeriodicJobLock.objects.get_or_create(name=name)
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            got = cursor.fetchone()[0]
        try:
            yield bool(got)
        finally:
            if got:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    owner = uuid.uuid4().hex
    now = timezone.now()
    with transaction.atomic():
        got = (
            PeriodicJobLock.objects.filter(name=name)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .update(locked_until=now + LOCK_TTL, owner=owner)
        )
    try:
        yield bool(got)
    finally:
        if got:
            PeriodicJobLock.objects.filter(name=name, owner=owner).update(
                locked_until=None, owner=""
            )


@dataclass
class JobOutcome:
    name: str
    ran: bool
    result: Any = None
    error: str = ""


def run_jobs(names: list[str] | None = None) -> list[JobOutcome]:
    """Run the named jobs (all when empty) once each. Unknown names raise
    ``UnknownJob`` before anything runs; a failing job is logged and recorded
    and the others still run."""
    from .models import PeriodicJobLock

    jobs = resolve(names)
    outcomes = []
    for job in jobs:
        with job_lock(job.name) as got:
            if not got:
                logger.info("periodic job %s runs elsewhere; skipped", job.name)
                outcomes.append(JobOutcome(job.name, ran=False))
                continue
            PeriodicJobLock.objects.filter(name=job.name).update(last_started_at=timezone.now())
            try:
                result = job.run()
            except Exception as exc:  # noqa: BLE001 — one failing job must not stop the others
                logger.exception("periodic job %s failed", job.name)
                PeriodicJobLock.objects.filter(name=job.name).update(
                    last_finished_at=timezone.now(), last_error=repr(exc)[:2000]
                )
                outcomes.append(JobOutcome(job.name, ran=True, error=repr(exc)))
                continue
            PeriodicJobLock.objects.filter(name=job.name).update(
                last_finished_at=timezone.now(), last_result=str(result)[:255], last_error=""
            )
            outcomes.append(JobOutcome(job.name, ran=True, result=result))
    return outcomes
