#!/usr/bin/env python
"""Per-request overhead of one page, in process: CPU ms per request, the
queries it runs, and (--profile) the functions that cost the most, or
(--time module.function …) the CPU each named function takes per request,
without cProfile's overhead (nested ones count in their callers too; name a
function where its caller looks it up, e.g. aufbruch.ideas.views.render).

    AUFBRUCH_BENCH=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/aufbruch_bench_small \\
        .venv/bin/python bench/profile_request.py /_bench/ok/ --session-file bench/sessions-....txt

Runs the whole WSGI stack (middleware, session, auth, context processors)
through django.test.Client with the dev settings and DEBUG off; the first
requests warm caches and are not counted. A session file (bench_sessions)
makes it a logged-in request.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aufbruch.settings.dev")
os.environ.setdefault("AUFBRUCH_BENCH", "1")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--session-file", help="a bench_sessions file: log in with its first session")
    ap.add_argument("--profile", action="store_true", help="print the top functions (cumulative)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="cumulative", help="pstats order: cumulative or tottime")
    ap.add_argument("--time", nargs="+", default=[], metavar="MODULE.FUNCTION")
    ap.add_argument(
        "--post-ideas",
        metavar="FILE",
        help="POST like bench/support.lua: PATH holds %%d, filled with a random idea id of "
        "FILE (one a line), each request with a random session of --session-file and its "
        "CSRF token; counts 302 as success",
    )
    args = ap.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    spent = _timed(args.time)
    client = Client(enforce_csrf_checks=bool(args.post_ideas))
    if args.session_file:
        sid = Path(args.session_file).read_text().split()[0]
        client.cookies["sessionid"] = sid
    if args.post_ideas:
        client = _Poster(client, args.path, args.session_file, args.post_ideas)
    for _ in range(20):
        response = client.get(args.path)
    assert response.status_code in (200, 302) if args.post_ideas else 200, response.status_code
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(args.path)
    profiler = cProfile.Profile() if args.profile else None
    start_cpu, start = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for row in spent.values():  # count only the measured requests
        row[:] = [0.0, 0]
    for _ in range(args.requests):
        client.get(args.path)
    if profiler:
        profiler.disable()
    cpu = (time.process_time() - start_cpu) * 1000 / args.requests
    wall = (time.perf_counter() - start) * 1000 / args.requests
    print(f"{args.path}: {cpu:.2f} ms CPU, {wall:.2f} ms wall per request, {len(queries)} queries")
    for sql in queries:
        print("  ", sql[:160])
    for name, (seconds, calls) in sorted(spent.items(), key=lambda kv: -kv[1][0]):
        per = calls / args.requests
        print(f"  {seconds * 1000 / args.requests:6.2f} ms  x{per:.1f}  {name}")
    if profiler:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


class _Poster:
    """A client whose get() is bench/support.lua's request: a POST to a
    random idea as a random one of the sessions."""

    def __init__(self, client, path: str, session_file: str, idea_file: str) -> None:
        import random

        # Not seeded: a repeated run must post new supports, not the
        # same pairs again (those take the shorter "already supported" path).
        self.client, self.path, self.random = client, path, random.Random()
        self.sessions = [line.split() for line in Path(session_file).read_text().splitlines()]
        self.ideas = [int(line) for line in Path(idea_file).read_text().split()]

    def get(self, _path):
        sid, csrf = self.random.choice(self.sessions)
        self.client.cookies["sessionid"], self.client.cookies["csrftoken"] = sid, csrf
        path = self.path % self.random.choice(self.ideas)
        response = self.client.post(path, headers={"X-CSRFToken": csrf})
        assert response.status_code == 302, (path, response.status_code)
        return response


def _timed(names: list[str]) -> dict[str, list]:
    """Wrap each named function with a CPU timer: name -> [seconds, calls]."""
    spent: dict[str, list] = {}
    for dotted in names:
        module_name, attr = dotted.rsplit(".", 1)
        module = importlib.import_module(module_name)
        fn = getattr(module, attr)
        spent[dotted] = [0.0, 0]

        def timed(*a, _fn=fn, _row=spent[dotted], **k):
            start = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                _row[0] += time.process_time() - start
                _row[1] += 1

        setattr(module, attr, functools.wraps(fn)(timed))
    return spent


if __name__ == "__main__":
    main()
