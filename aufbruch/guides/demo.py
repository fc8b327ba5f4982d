"""Demo: assignments, responses and statuses along the path (seeder order 40)."""

from __future__ import annotations


def seed_guides(ctx) -> None:
    return None
