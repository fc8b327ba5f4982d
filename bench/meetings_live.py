#!/usr/bin/env python
"""Load on one live page: N simulated people in the room post questions and
vote for a fixed time against a running server, then print the figures.

    .venv/bin/python bench/meetings_live.py http://127.0.0.1:8000 --setup
    .venv/bin/python bench/meetings_live.py http://127.0.0.1:8000 --path /events/1/live/2/

Each person is a thread with its own cookies (the live page gives every
browser a signed id): it opens the live page, then in a loop votes for a
question it has not voted for yet or, now and then, posts one, with 1-3 s
of thinking in between (well below the per-browser rate limits). A few
projectors poll the htmx partial every 3 s. Only 127.0.0.1 is contacted,
and the run stops by itself after --seconds (at most 600).

--setup runs `manage.py meetings_bench_setup` with this environment (same
DATABASE_URL as the server) to create the event and approved questions.
Exit status 1 when any request failed (an HTTP status >= 400 or a network
error), so `make bench` notices.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VOTE = re.compile(r'action="(/events/\d+/live/\d+/vote/\d+/)"')
TIMEOUT = 15


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {detail}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(
    opener, stats: Stats, kind: str, url: str, data: dict | None = None, headers: dict | None = None
) -> str:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    start = time.perf_counter()
    try:
        with opener.open(req, timeout=TIMEOUT) as resp:
            text = resp.read().decode("utf-8", "replace")
            stats.record(kind, time.perf_counter() - start, True)
            return text
    except urllib.error.HTTPError as exc:
        ok = exc.code in (301, 302, 303)  # the no-JS forms answer with a redirect
        stats.record(kind, time.perf_counter() - start, ok, f"HTTP {exc.code}")
        return ""
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        stats.record(kind, time.perf_counter() - start, False, type(exc).__name__)
        return ""


def person(base: str, path: str, deadline: float, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    live_url = base + path
    time.sleep(rng.uniform(0, 2))  # people do not arrive in the same millisecond
    page = request(opener, stats, "live page", live_url)
    voted: set[str] = set()
    posts = 0
    while time.monotonic() < deadline:
        token = CSRF.search(page)
        if token is None:  # the page failed: wait a little, as a person would, then reload
            time.sleep(rng.uniform(2, 4))
            page = request(opener, stats, "live page", live_url)
            continue
        csrf = {"csrfmiddlewaretoken": token.group(1)}
        open_votes = [v for v in VOTE.findall(page) if v not in voted]
        if open_votes and (posts >= 3 or rng.random() < 0.85):
            vote = rng.choice(open_votes)
            voted.add(vote)
            request(
                opener,
                stats,
                "vote (htmx)",
                base + vote,
                csrf,
                {"HX-Request": "true", "Referer": live_url},
            )
        else:
            posts += 1
            text = f"Frage {seed}-{posts}: Wie geht es nach dem Gipfel weiter?"
            request(
                opener,
                stats,
                "post",
                live_url,
                {**csrf, "kind": "question", "text": text},
                {"Referer": live_url},
            )
        if rng.random() < 0.2:
            page = request(opener, stats, "live page", live_url)
        time.sleep(rng.uniform(1, 3))


def projector(base: str, path: str, deadline: float, stats: Stats) -> None:
    opener = urllib.request.build_opener(NoRedirect())
    while time.monotonic() < deadline:
        request(
            opener,
            stats,
            "projector poll",
            base + path + "projector/",
            headers={"HX-Request": "true"},
        )
        time.sleep(3)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("base_url", help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--path", help="live page path, e.g. /events/1/live/2/")
    parser.add_argument(
        "--setup", action="store_true", help="create the event with manage.py meetings_bench_setup"
    )
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--projectors", type=int, default=3)
    args = parser.parse_args()

    parts = urllib.parse.urlsplit(args.base_url)
    if parts.hostname != "127.0.0.1" or parts.scheme != "http":
        parser.error("only http://127.0.0.1 is allowed")
    base = f"http://127.0.0.1:{parts.port or 80}"
    people = max(1, min(args.people, 500))
    seconds = max(5, min(args.seconds, 600))
    path = args.path
    if args.setup:
        path = (
            subprocess.run(
                [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "meetings_bench_setup"],
                cwd=ROOT,
                env={**os.environ, "AUFBRUCH_BENCH": "1"},  # bench/aufbruch_bench
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    if not path or not re.fullmatch(r"/events/\d+/live/\d+/", path):
        parser.error("give --path /events/<id>/live/<session id>/ or --setup")

    stats = Stats()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=person, args=(base, path, deadline, stats, i), daemon=True)
        for i in range(people)
    ]
    threads += [
        threading.Thread(target=projector, args=(base, path, deadline, stats), daemon=True)
        for _ in range(args.projectors)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline + TIMEOUT + 5 - time.monotonic()))
    elapsed = time.monotonic() - started

    total = sum(len(v) for v in stats.latency.values())
    errors = sum(stats.errors.values())
    print(
        f"live page load: {people} people, {args.projectors} projectors, {elapsed:.0f} s against {base}{path}"
    )
    print(
        f"{'kind':<16}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p90 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for kind in sorted(stats.latency):
        lat = stats.latency[kind]
        row = [percentile(lat, q) * 1000 for q in (0.5, 0.9, 0.95, 0.99, 1.0)]
        print(
            f"{kind:<16}{len(lat):>9}{stats.errors[kind]:>8}" + "".join(f"{v:>9.0f}" for v in row)
        )
    print(f"{'total':<16}{total:>9}{errors:>8}   {total / elapsed:.1f} requests/s")
    for sample in stats.samples:
        print("  error:", sample)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
