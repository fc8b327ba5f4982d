#!/usr/bin/env python
"""CPU per function for one page, in process, without cProfile's overhead:
the named functions are wrapped with a CPU timer (nested ones count in their
callers too), then the page is requested --requests times.

    AUFBRUCH_BENCH=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/aufbruch_bench_small \\
    SECRET_KEY=benchmark-secret-key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx DEBUG=false \\
        .venv/bin/python bench/profile_parts.py /ideas/1/ \\
        --session-file bench/sessions-small-aufbruch_bench_small.txt \\
        aufbruch.ideas.views._person_page aufbruch.ideas.views.render_to_string

A function is named by the module where the caller looks it up (e.g.
``aufbruch.ideas.views.render`` for the views' ``render``). The SECRET_KEY
must be the one the bench's sessions were made with (bench/run.py).
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import os
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
    ap.add_argument("functions", nargs="*", help="dotted names: module.attribute")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--session-file", help="a bench_sessions file: log in with its first session")
    args = ap.parse_args()

    import django

    django.setup()
    from django.test import Client

    spent: collections.Counter = collections.Counter()
    calls: collections.Counter = collections.Counter()

    def wrap(dotted: str) -> None:
        module_name, attr = dotted.rsplit(".", 1)
        module = importlib.import_module(module_name)
        fn = getattr(module, attr)

        @functools.wraps(fn)
        def timed(*a, **k):
            start = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[dotted] += time.process_time() - start
                calls[dotted] += 1

        setattr(module, attr, timed)

    for dotted in args.functions:
        wrap(dotted)
    client = Client()
    if args.session_file:
        client.cookies["sessionid"] = Path(args.session_file).read_text().split()[0]
    for _ in range(30):
        response = client.get(args.path)
    assert response.status_code == 200, response.status_code
    spent.clear()
    calls.clear()
    start = time.process_time()
    for _ in range(args.requests):
        client.get(args.path)
    total = (time.process_time() - start) * 1000 / args.requests
    print(f"{args.path}: {total:.2f} ms CPU per request")
    for name, seconds in spent.most_common():
        per = calls[name] / args.requests
        print(f"  {seconds * 1000 / args.requests:6.2f} ms  x{per:.1f}  {name}")


if __name__ == "__main__":
    main()
