#!/usr/bin/env python
"""CPU per logged-in request (issue #15): the idea list and the hot idea page
through Django's test client, measured with time.process_time (this process
only, so other load on the machine barely moves the figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aufbruch_perfpages \
    AUFBRUCH_BENCH=1 .venv/bin/python bench/logged_in_cpu.py --requests 200 [--profile list]

The first request of each page is a warm-up (it fills the shared renderings);
the figures are for the requests after it. The cache is a local-memory cache
unless --redis URL is given; static files are not collected (plain URLs).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aufbruch.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "ERROR")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", choices=("list", "idea"), help="cProfile this page")
    parser.add_argument("--redis", help="redis URL for the cache (default: local memory)")
    parser.add_argument("--idea", type=int, default=1, help="the hot idea (bench_seed: 1)")
    parser.add_argument(
        "--who",
        choices=("member", "commenter", "moderator"),
        default="member",
        help="a resident; one with a comment on the idea; a moderator (created, with MFA)",
    )
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    settings.CACHES["default"] = (
        {"BACKEND": "aufbruch.core.cache.RedisCache", "LOCATION": args.redis}
        if args.redis
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
    # No collectstatic needed: plain static URLs (a manifest lookup costs about the same).
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from aufbruch.comments.models import Comment
    from aufbruch.core.testing import login_with_mfa
    from aufbruch.staff.models import StaffRole, StaffRoleKind

    users = get_user_model().objects.filter(email__endswith="@bench.invalid").order_by("pk")
    client = Client()
    if args.who == "moderator":
        user, _ = get_user_model().objects.get_or_create(
            email="moderator@bench.invalid", defaults={"display_name": "Moderation"}
        )
        StaffRole.objects.get_or_create(user=user, role=StaffRoleKind.MODERATOR)
        login_with_mfa(client, user)
    else:
        commenters = Comment.objects.filter(idea_id=args.idea).values("author_id")
        if args.who == "commenter":
            user = users.filter(pk__in=commenters).first()
        else:
            user = users.exclude(pk__in=commenters).first()
        client.force_login(user)
    pages = {"list": "/ideas/", "idea": f"/ideas/{args.idea}/"}
    for name, url in pages.items():
        assert client.get(url).status_code == 200  # warm-up
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        profiler = cProfile.Profile() if args.profile == name else None
        if profiler:
            profiler.enable()
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(args.requests):
            client.get(url)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if profiler:
            profiler.disable()
        print(
            f"{name:<5} {url:<14} cpu {1000 * cpu / args.requests:6.2f} ms/request"
            f"  wall {1000 * wall / args.requests:6.2f} ms/request  queries {len(queries)}"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
