#!/usr/bin/env python
"""make bench: PostgreSQL at scale, gunicorn like production, wrk as the load.

1. Seed (once, then reused) a database with --ideas ideas, 10x supports and
   3x comments through `manage.py bench_seed`, and a small one with 1,000
   ideas to show that cost does not grow with the data (--no-large skips the
   big one for quick runs). The embedded default (SQLite with the Gütersloh
   demo, `manage.py seed_demo`, no Redis) is measured too (--no-demo skips it).
2. Serve each with gunicorn like bin/serve (sync workers, --preload, DEBUG
   off, whitenoise, Redis cache when available) on 127.0.0.1.
3. Load the ceiling (bench/aufbruch_bench/views.py: "ok" and 20 idea cards
   without a query) and every scenario with wrk at 1 and 16 connections in
   the same run; report each as a ratio to the ceiling, the CPU the workers
   spent per request, p50 at --ideas vs --small ideas, the workers' memory
   after the run and the targets of issue #15. Writes bench/results.json and
   bench/latest.md (copy the figures into docs/performance.md).
Only 127.0.0.1 is ever contacted; every run is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432/"
CLK_TCK = os.sysconf("SC_CLK_TCK")

CEILING_OK = "ceiling: ok"
CEILING_FRAME = "ceiling: page frame (no queries)"
CEILING_CARDS = "ceiling: 20 cards (no queries)"


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


# --- data sets -------------------------------------------------------------


@dataclass
class Dataset:
    """One database the site is served from during the run."""

    key: str  # "small", "large", "demo"
    db: str  # PostgreSQL database name, or the SQLite file for "demo"
    ideas: int
    conns: tuple[int, ...] = (1,)
    label: str = ""

    @property
    def sqlite(self) -> bool:
        return self.key == "demo"

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="aufbruch.settings.dev",
            DEBUG="false",
            SECRET_KEY="benchmark-secret-key-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="ERROR",
            AUFBRUCH_BENCH="1",  # bench commands and the ceiling views (bench/aufbruch_bench)
        )
        if self.sqlite:
            # The embedded default of a small town: SQLite, database cache, no Redis.
            env["DATABASE_URL"] = f"sqlite:///{self.db}"
            env.pop("REDIS_URL", None)
        else:
            env["DATABASE_URL"] = PG + self.db
            if redis_available():
                env["REDIS_URL"] = "redis://127.0.0.1:6379/3"
        return env

    def sql(self, query: str) -> str:
        """First column(s) of the answer as psql -At would print them."""
        if not self.sqlite:
            return psql(query, self.db)
        with sqlite3.connect(self.db) as conn:
            rows = conn.execute(query).fetchall()
        return "\n".join("|".join("" if v is None else str(v) for v in row) for row in rows)


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def manage(env: dict, *args: str) -> str:
    res = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return res.stdout


def ensure_database(ds: Dataset, fresh: bool) -> None:
    if ds.sqlite:
        return ensure_demo(ds, fresh)
    db, ideas = ds.db, ds.ideas
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname='{db}'") == "1"
    if exists and not fresh:
        have = (
            psql("SELECT count(*) FROM ideas_idea", db)
            if psql("SELECT to_regclass('ideas_idea')", db)
            else "0"
        )
        if have and int(have or 0) >= ideas:
            log(f"{db}: reusing {have} ideas (--fresh to reseed)")
            manage(ds.env(), "migrate", "--noinput", "-v0")
            # Merge the trigram index's pending list and refresh statistics,
            # as autovacuum would on a live system.
            psql("VACUUM ANALYZE", db)
            return
        psql(f"DROP DATABASE {db}")
    elif exists:
        psql(f"DROP DATABASE {db}")
    psql(f"CREATE DATABASE {db}")
    env = ds.env()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    start = time.time()
    subprocess.run(
        [
            PY,
            "manage.py",
            "bench_seed",
            "--ideas",
            str(ideas),
            "--supports",
            str(ideas * 10),
            "--comments",
            str(ideas * 3),
            "--users",
            str(min(20_000, max(2_000, ideas // 5))),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log(
        f"{db}: seeded {ideas} ideas, {ideas * 10} supports, {ideas * 3} comments in {time.time() - start:.0f} s"
    )


def ensure_demo(ds: Dataset, fresh: bool) -> None:
    path = Path(ds.db)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = ds.env()
    new = not path.exists()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    if new:
        start = time.time()
        manage(env, "seed_demo", "--quiet")
        log(f"{path.name}: Gütersloh demo seeded in {time.time() - start:.0f} s")
    else:
        log(f"{path.name}: reusing the demo data (--fresh to reseed)")
    ds.ideas = int(ds.sql("SELECT count(*) FROM ideas_idea") or 0)


def sessions_valid(ds: Dataset, sessions: Path, staff: Path) -> bool:
    """Whether the session files of an earlier run still log in (same database,
    not expired): creating 2,000 sessions takes a minute on the shared machine."""
    try:
        keys = [line.split()[0] for line in sessions.read_text().splitlines() if line.strip()]
        keys.append(staff.read_text().strip())
    except (OSError, IndexError):
        return False
    if len(keys) < 2 or not all(k.isalnum() for k in keys):
        return False
    now = "datetime('now')" if ds.sqlite else "now()"
    sample = {keys[0], keys[-2], keys[-1]}  # first and last member, the staff session
    probe = ", ".join(f"'{k}'" for k in sorted(sample))
    found = ds.sql(
        f"SELECT count(*) FROM django_session WHERE session_key IN ({probe}) AND expire_date > {now}"
    )
    return found == str(len(sample))


def prepare(ds: Dataset) -> dict:
    """Sessions and the files the wrk scripts read; returns their paths."""
    env = ds.env()
    sessions = ROOT / "bench" / f"sessions-{ds.key}-{Path(ds.db).stem}.txt"
    staff = ROOT / "bench" / f"sessions-{ds.key}-{Path(ds.db).stem}-staff.txt"
    ideas_file = ROOT / "bench" / f"sessions-{ds.key}-{Path(ds.db).stem}-ideas.txt"
    who = (
        ["--email-suffix", "@demo.aufbruch.invalid", "--email-prefix", "teilnehmer-"]
        if ds.sqlite
        else []
    )
    if sessions_valid(ds, sessions, staff):
        log(f"{ds.label}: reusing the sessions in {sessions.name}")
    else:
        manage(
            env,
            "bench_sessions",
            "--count",
            "2000",
            *who,
            "--output",
            str(sessions),
            "--staff-output",
            str(staff),
        )
    # Ideas anyone may see (a hidden one answers 404, which would count as an error).
    ids = ds.sql("SELECT id FROM ideas_idea WHERE NOT is_hidden ORDER BY id")
    ideas_file.write_text(ids + "\n")
    return {"sessions": sessions, "staff": staff, "ideas": ideas_file}


# --- the server --------------------------------------------------------------


class Server:
    def __init__(
        self,
        ds: Dataset,
        port: int,
        workers: int,
        worker_class: str,
        threads: int,
        preload: bool = False,
    ):
        self.env = ds.env()
        self.port = port
        cmd = [
            GUNICORN,
            "aufbruch.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--env",
            "DJANGO_SETTINGS_MODULE=aufbruch.settings.dev",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]
        if worker_class == "gthread":
            cmd += ["--threads", str(threads)]
        if preload:
            cmd.append("--preload")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not become healthy")

    def workers(self) -> list[int]:
        return worker_pids(self.proc.pid)

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's children (its workers)."""
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return pids


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process from /proc/<pid>/status (VmRSS)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def pss_mib(pid: int) -> float | None:
    """Proportional memory (shared pages split between the processes that
    share them) from /proc/<pid>/smaps_rollup: what a worker really adds."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the given processes (their threads included)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return total / CLK_TCK


# --- load ------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", value)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def parse_wrk(out: str) -> dict:
    res: dict = {}
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+(\S+)", out, re.M)
        res[f"p{pct}_ms"] = round(_ms(m.group(1)), 2) if m else None
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = round(float(m.group(1)), 1) if m else 0.0
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["errors"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", out)
    res["socket_errors"] = m.group(1).strip() if m else ""
    return res


def wrk(
    url: str, conns: int, seconds: int, script: str | None = None, extra_env: dict | None = None
) -> dict:
    cmd = [
        "wrk",
        "-t",
        str(min(conns, 2)),
        "-c",
        str(conns),
        "-d",
        f"{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    env = dict(os.environ, **(extra_env or {}))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60)
    res = {"url": url, "connections": conns, "seconds": seconds, **parse_wrk(proc.stdout)}
    if not res["requests"]:
        # Nothing answered within the run (or wrk failed): no latency to report.
        res.update(p50_ms=None, p90_ms=None, p99_ms=None, rps=0.0)
        res["wrk_output"] = (proc.stdout + proc.stderr)[-1000:]
    drain(url)
    return res


def drain(url: str, timeout: float = 60.0) -> None:
    """Wait until the server has worked off what wrk left queued (requests
    still running when wrk stopped), so the next scenario starts clean."""
    base = url.split("/", 3)[:3]
    health = "/".join(base) + "/health/"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(health, timeout=timeout) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    session: str | None = None  # None: anonymous; "member" (a resident) or "staff"
    post: bool = False  # the support scenario (bench/support.lua)


def ceiling() -> list[Scenario]:
    return [
        Scenario(CEILING_OK, "/_bench/ok/"),
        Scenario(CEILING_FRAME, "/_bench/frame/"),
        Scenario(CEILING_CARDS, "/_bench/cards/"),
    ]


def scenarios(ds: Dataset) -> list[Scenario]:
    """Every scenario of a run; the ceiling comes first and always runs."""
    if ds.sqlite:
        return ceiling() + demo_scenarios(ds)
    db = ds.db
    topic = psql("SELECT slug FROM organisation_topic ORDER BY id LIMIT 1", db)
    district = psql("SELECT slug FROM organisation_district ORDER BY id LIMIT 1", db)
    hot = psql("SELECT min(id) FROM ideas_idea", db)  # bench_seed gives it exactly 200 comments
    agenda = psql("SELECT min(id) FROM agenda_document WHERE title LIKE 'Bench:%'", db)
    public = [
        ("agenda reading view (2,000 paragraphs)", f"/agenda/{agenda}/"),
        ("list (default)", "/ideas/"),
        ("list (filtered)", f"/ideas/?topic={topic}&district={district}&status=submitted"),
        ("list (sorted: most supported)", "/ideas/?sort=supported"),
        ("list (sorted: trending)", "/ideas/?sort=trending"),
        ("idea page (200 comments)", f"/ideas/{hot}/"),
        ("search (Fahrradstraße)", "/ideas/?q=Fahrradstra%C3%9Fe"),
        # the site-wide search (issue #12/#15): a single word, a compound, several words
        ("site search (single word: Radweg)", "/suche/?q=Radweg"),
        ("site search (compound: Fahrradstraße)", "/suche/?q=Fahrradstra%C3%9Fe"),
        ("site search (several words: Digitalisierung Schule)", "/suche/?q=Digitalisierung+Schule"),
        ("figures (public)", "/figures/"),
        ("figures (field of action)", f"/figures/?topic={topic}"),
        ("committee sessions (public)", "/committees/"),
        # open data (anonymous): every list of the API and the feeds
        ("api: ideas", "/api/v1/ideas?page_size=100"),
        (
            "api: ideas (filtered)",
            f"/api/v1/ideas?topic={topic}&district={district}&status=submitted",
        ),
        ("api: topics", "/api/v1/topics"),
        ("api: districts", "/api/v1/districts"),
        ("api: committee sessions", "/api/v1/committee-sessions"),
        ("api: decisions", "/api/v1/decisions"),
        ("api: projects", "/api/v1/projects"),
        ("api: project updates", "/api/v1/project-updates"),
        ("api: events", "/api/v1/events"),
        ("api: recommendations", "/api/v1/recommendations"),
        ("api: surveys", "/api/v1/surveys"),
        ("api: opinion maps", "/api/v1/opinion-maps"),
        ("api: assumptions", "/api/v1/assumptions"),
        ("api: agenda documents", "/api/v1/agenda/documents"),
        ("feed: new ideas", "/feeds/ideas/"),
        ("feed: decisions", "/feeds/decisions/"),
        ("feed: project updates", "/feeds/projects/"),
    ]
    # Logged-in residents never get the renderings shared by anonymous
    # visitors: these show what a fresh render costs (issue #15).
    logged_in = [
        Scenario("list (logged in)", "/ideas/", "member"),
        Scenario("idea page (logged in, 200 comments)", f"/ideas/{hot}/", "member"),
        Scenario("search: single word (Radweg)", "/ideas/?q=Radweg", "member"),
        Scenario("search: compound (Fahrradstraße)", "/ideas/?q=Fahrradstra%C3%9Fe", "member"),
        Scenario(
            "search: several words (Digitalisierung Schule)",
            "/ideas/?q=Digitalisierung+Schule",
            "member",
        ),
        Scenario("staff inbox", "/staff/", "staff"),
        Scenario("staff dashboard (overall)", "/staff/dashboards/", "staff"),
        Scenario("support (POST)", "/", "member", post=True),
    ]
    return ceiling() + [Scenario(n, p) for n, p in public] + logged_in


def demo_scenarios(ds: Dataset) -> list[Scenario]:
    """A few key scenarios on the Gütersloh demo (the idea with the most comments)."""
    busy = ds.sql(
        "SELECT id FROM ideas_idea WHERE NOT is_hidden ORDER BY comment_count DESC, id LIMIT 1"
    )
    comments = ds.sql(f"SELECT comment_count FROM ideas_idea WHERE id = {busy or 0}")
    return [
        Scenario("list (default)", "/ideas/"),
        Scenario("list (logged in)", "/ideas/", "member"),
        Scenario(f"idea page (logged in, {comments} comments)", f"/ideas/{busy}/", "member"),
        Scenario("search: compound (Fahrradstraße)", "/ideas/?q=Fahrradstra%C3%9Fe", "member"),
        Scenario("staff inbox", "/staff/", "staff"),
        Scenario("figures (public)", "/figures/"),
        Scenario("api: ideas", "/api/v1/ideas?page_size=100"),
        Scenario("support (POST)", "/", "member", post=True),
    ]


def wanted(name: str, only: list[str] | None) -> bool:
    """--only takes name prefixes; the ceiling always runs (every ratio needs it)."""
    return name.startswith("ceiling") or not only or any(name.startswith(o) for o in only)


def support_state(ds: Dataset) -> dict:
    """Supports as rows and as the ideas' counters, and ideas where the two differ."""
    rows = int(ds.sql("SELECT count(*) FROM ideas_support") or 0)
    counted = int(ds.sql("SELECT coalesce(sum(support_count), 0) FROM ideas_idea") or 0)
    wrong = int(
        ds.sql(
            "SELECT count(*) FROM ideas_idea i LEFT JOIN "
            "(SELECT idea_id, count(*) AS n FROM ideas_support GROUP BY idea_id) s "
            "ON s.idea_id = i.id WHERE i.support_count <> coalesce(s.n, 0)"
        )
        or 0
    )
    return {"rows": rows, "counted": counted, "ideas_with_wrong_count": wrong}


def settled_support_state(ds: Dataset, timeout: float = 15.0) -> dict:
    """The support state once requests still in flight when wrk stopped are done."""
    state = support_state(ds)
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(0.5)
        again = support_state(ds)
        if again == state:
            break
        state = again
    return state


def verify_supports(before: dict, after: dict, accepted: int, in_flight: int = 0) -> dict:
    """Every row is counted and nothing doubled: the ideas' counters grew by
    exactly the new rows, no idea's counter differs from its rows, and there
    are no more new rows than answered requests (plus those still in flight
    when wrk stopped: at most one per connection and run)."""
    new_rows = after["rows"] - before["rows"]
    new_counted = after["counted"] - before["counted"]
    ok = (
        new_rows == new_counted
        and 0 <= new_rows <= accepted + in_flight
        and after["ideas_with_wrong_count"] == before["ideas_with_wrong_count"] == 0
    )
    return {
        "new_rows": new_rows,
        "new_counted": new_counted,
        "accepted_requests": accepted,
        "ideas_with_wrong_count": after["ideas_with_wrong_count"],
        "ok": ok,
    }


def run_dataset(ds: Dataset, args, results: dict) -> None:
    files = prepare(ds)
    base = f"http://127.0.0.1:{args.port}"
    member = {"BENCH_SESSION_ID": files["sessions"].read_text().split()[0]}
    staff = {"BENCH_SESSION_ID": files["staff"].read_text().strip()}
    get_script = str(ROOT / "bench" / "session_get.lua")
    support_env = {"BENCH_SESSIONS": str(files["sessions"]), "BENCH_IDEA_FILE": str(files["ideas"])}
    server = Server(ds, args.port, args.workers, args.worker_class, args.threads, args.preload)
    try:
        for sc in scenarios(ds):
            if not wanted(sc.name, args.only):
                continue
            if sc.post:
                script, extra = str(ROOT / "bench" / "support.lua"), support_env
                before = support_state(ds)
            elif sc.session:
                script, extra = get_script, member if sc.session == "member" else staff
            else:
                script, extra = None, None
            accepted = 0
            for conns in ds.conns:
                if not sc.post:
                    wrk(base + sc.path, conns, args.warmup, script, extra)
                pids = server.workers()
                cpu0 = cpu_seconds(pids)
                r = wrk(base + sc.path, conns, args.seconds, script, extra)
                cpu = cpu_seconds(pids) - cpu0
                r["cpu_ms_per_request"] = (
                    round(cpu * 1000 / r["requests"], 2) if r["requests"] else None
                )
                r.update(scenario=sc.name, dataset=ds.key, label=ds.label, ideas=ds.ideas)
                results["runs"].append(r)
                accepted += r["requests"] - r["errors"]
                log(
                    f"{ds.label:>14} | {sc.name:<40} | c={conns:<2} | p50 {r['p50_ms']} ms | "
                    f"p99 {r['p99_ms']} ms | {r['rps']} req/s | cpu {r['cpu_ms_per_request']} ms/req | "
                    f"errors {r['errors']} {r['socket_errors']}"
                )
            if sc.post:
                check = verify_supports(
                    before, settled_support_state(ds), accepted, in_flight=sum(ds.conns)
                )
                results["support_checks"][ds.key] = check
                log(f"{ds.label:>14} | support check: {check}")
        # Memory of each worker after the run (VmRSS from /proc/<pid>/status).
        results["worker_rss_mib"][ds.key] = [rss_mib(pid) for pid in server.workers()]
        results["worker_pss_mib"][ds.key] = [pss_mib(pid) for pid in server.workers()]
        log(
            f"{ds.label:>14} | worker RSS after the run: {results['worker_rss_mib'][ds.key]} MiB "
            f"(PSS {results['worker_pss_mib'][ds.key]} MiB)"
        )
        if ds.key == "large" and (not args.only or "live" in args.only):
            log("live page: 200 people posting and voting for 60 s (bench/meetings_live.py)")
            live = subprocess.run(
                [
                    PY,
                    "bench/meetings_live.py",
                    base,
                    "--setup",
                    "--people",
                    "200",
                    "--seconds",
                    "60",
                ],
                cwd=ROOT,
                env=ds.env(),
                capture_output=True,
                text=True,
            )
            print(live.stdout[-3000:], live.stderr[-1000:])
            results["live_page"] = {"exit_status": live.returncode, "output": live.stdout[-3000:]}
    finally:
        server.stop()


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1048576:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    pg = psql("SHOW server_version")
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, PostgreSQL {pg}, Python {platform.python_version()}, Redis cache: {'yes' if redis_available() else 'no'}"


def parse_args(argv: list[str] | None = None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--ideas", type=int, default=100_000, help="ideas in the large database")
    ap.add_argument("--small", type=int, default=1_000, help="ideas in the small database")
    ap.add_argument("--no-large", action="store_true", help="skip the large database (quick runs)")
    ap.add_argument("--no-demo", action="store_true", help="skip SQLite with the demo data")
    ap.add_argument("--seconds", type=int, default=15, help="seconds of load per scenario")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per scenario")
    ap.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    ap.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    ap.add_argument("--threads", type=int, default=2, help="threads per gthread worker")
    ap.add_argument(
        "--preload",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="gunicorn --preload as bin/serve (workers share the imported code)",
    )
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--db-prefix", default="aufbruch_bench", help="names of the bench databases")
    ap.add_argument("--fresh", action="store_true", help="reseed the databases")
    ap.add_argument("--only", nargs="*", help="scenario name prefixes (the ceiling always runs)")
    return ap.parse_args(argv)


def datasets(args) -> list[Dataset]:
    main_conns = (1, 16)
    out = [
        Dataset(
            "small",
            f"{args.db_prefix}_small",
            args.small,
            (1,) if not args.no_large else main_conns,
            f"{args.small:,} ideas",
        )
    ]
    if not args.no_large:
        out.append(
            Dataset("large", args.db_prefix, args.ideas, main_conns, f"{args.ideas:,} ideas")
        )
    if not args.no_demo:
        demo = str(ROOT / "var" / f"{args.db_prefix}_demo.sqlite3")
        out.append(Dataset("demo", demo, 0, main_conns, "demo (SQLite)"))
    return out


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    results = {
        "machine": machine(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "bin/bench " + shlex.join(sys.argv[1:] if argv is None else argv),
        "server": f"gunicorn {args.workers} {args.worker_class} workers"
        + (f" × {args.threads} threads" if args.worker_class == "gthread" else "")
        + (", --preload" if args.preload else ""),
        "runs": [],
        "support_checks": {},
        "worker_rss_mib": {},
        "worker_pss_mib": {},
    }
    for ds in datasets(args):
        ensure_database(ds, args.fresh)
        env = ds.env()
        manage(env, "collectstatic", "--noinput", "-v0")
        if not ds.sqlite:
            manage(env, "bench_agenda")  # the 100-page agenda document (once)
        ds.label = ds.label if not ds.sqlite else f"demo (SQLite, {ds.ideas:,} ideas)"
        run_dataset(ds, args, results)
    if not args.no_large and (not args.only or "cluster" in args.only):
        log(
            "opinion map recompute: 5,000 participants x 500 statements (bench/opinions_cluster.py)"
        )
        cl = subprocess.run(
            [PY, "bench/opinions_cluster.py"],
            cwd=ROOT,
            env=Dataset("large", args.db_prefix, args.ideas).env(),
            capture_output=True,
            text=True,
        )
        print(cl.stdout[-2000:], cl.stderr[-500:])
        results["opinion_cluster"] = cl.stdout[-2000:]
    results["targets"] = targets(results)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    write_markdown(results)


# --- reporting ---------------------------------------------------------------------


def find(runs: list[dict], dataset: str, scenario: str, conns: int) -> dict | None:
    for r in runs:
        if r["dataset"] == dataset and r["scenario"] == scenario and r["connections"] == conns:
            return r
    return None


def vs_ceiling(runs: list[dict], r: dict) -> tuple[float | None, float | None]:
    """(p50 as a multiple of the ceiling's, req/s as a share of the ceiling's)."""
    c = find(runs, r["dataset"], CEILING_OK, r["connections"])
    if not c or not c.get("p50_ms") or not c.get("rps") or r.get("p50_ms") is None:
        return None, None
    return round(r["p50_ms"] / c["p50_ms"], 1), round(r["rps"] / c["rps"], 3)


def scale_ratios(runs: list[dict]) -> list[tuple[str, float, float, float]]:
    """(scenario, p50 small, p50 large, ratio) for every scenario at c=1 on both."""
    out = []
    for r in runs:
        if r["dataset"] != "large" or r["connections"] != 1 or r["scenario"].startswith("ceiling"):
            continue
        s = find(runs, "small", r["scenario"], 1)
        if s and s.get("p50_ms") and r.get("p50_ms"):
            out.append(
                (r["scenario"], s["p50_ms"], r["p50_ms"], round(r["p50_ms"] / s["p50_ms"], 2))
            )
    return out


def _main_dataset(runs: list[dict]) -> str | None:
    keys = {r["dataset"] for r in runs}
    return "large" if "large" in keys else ("small" if "small" in keys else None)


def targets(results: dict) -> list[dict]:
    """Issue #15's targets with the measured value and whether each is met."""
    runs = results["runs"]
    ds = _main_dataset(runs)
    rows: list[dict] = []

    def add(target: str, measured: str, met: bool | None) -> None:
        rows.append({"target": target, "measured": measured, "met": met})

    def at(name: str, conns: int) -> dict | None:
        return find(runs, ds, name, conns) if ds else None

    def rps_p50(target: str, names: list[str], rps_min: float, p50_max: float | None) -> None:
        parts, met = [], True
        found = False
        for name in names:
            r16, r1 = at(name, 16), at(name, 1)
            if not r16 and not r1:
                continue
            found = True
            bits = []
            if r16:
                bits.append(f"{r16['rps']} req/s at 16")
                met &= r16["rps"] >= rps_min and r16["errors"] == 0
            else:
                met = False
            if p50_max is not None:
                if r1 and r1["p50_ms"] is not None:
                    bits.append(f"p50 {r1['p50_ms']} ms at 1")
                    met &= r1["p50_ms"] <= p50_max
                else:
                    met = False
            label = f"{name}: " if len(names) > 1 else ""
            parts.append(label + ", ".join(bits))
        add(target, "; ".join(parts) if found else "not run", met if found else None)

    rps_p50("list logged in ≥ 300 req/s, p50 ≤ 8 ms", ["list (logged in)"], 300, 8)
    rps_p50(
        "idea page logged in ≥ 250 req/s, p50 ≤ 12 ms",
        ["idea page (logged in, 200 comments)"],
        250,
        12,
    )
    rps_p50(
        "search ≥ 200 req/s, p50 ≤ 15 ms",
        [
            "search: single word (Radweg)",
            "search: compound (Fahrradstraße)",
            "search: several words (Digitalisierung Schule)",
        ],
        200,
        15,
    )
    # support: the rate, no errors and exact counts afterwards
    r16 = at("support (POST)", 16)
    check = results.get("support_checks", {}).get(ds or "")
    if r16 and check:
        add(
            "support ≥ 300 req/s, 0 errors, exact counts",
            f"{r16['rps']} req/s at 16, {r16['errors']} errors, "
            f"{check['new_rows']} new supports = {check['new_counted']} counted, "
            f"{check['ideas_with_wrong_count']} ideas with a wrong count",
            r16["rps"] >= 300 and r16["errors"] == 0 and check["ok"],
        )
    else:
        add("support ≥ 300 req/s, 0 errors, exact counts", "not run", None)
    rps_p50("staff inbox ≥ 150 req/s", ["staff inbox"], 150, None)
    public = ["figures (public)"] + sorted(
        {r["scenario"] for r in runs if r["dataset"] == ds and r["scenario"].startswith("api: ")}
    )
    rps_p50("figures page and API lists ≥ 300 req/s (anonymous)", public, 300, None)
    ratios = scale_ratios(runs)
    if ratios:
        worst = max(ratios, key=lambda x: x[3])
        add(
            "p50 at 100,000 ideas ≤ 1.5 × p50 at 1,000",
            f"worst {worst[0]}: {worst[1]} → {worst[2]} ms ({worst[3]}×); "
            f"{sum(1 for x in ratios if x[3] > 1.5)} of {len(ratios)} scenarios above 1.5×",
            all(x[3] <= 1.5 for x in ratios),
        )
    else:
        add("p50 at 100,000 ideas ≤ 1.5 × p50 at 1,000", "not run (needs both databases)", None)
    rss = [v for vs in results.get("worker_rss_mib", {}).values() for v in vs if v is not None]
    if rss:
        add(
            "one gunicorn worker < 200 MiB after the run", f"largest {max(rss)} MiB", max(rss) < 200
        )
    else:
        add("one gunicorn worker < 200 MiB after the run", "not measured", None)
    return rows


def _fmt(v) -> str:
    return "–" if v is None else str(v)


def write_markdown(results: dict) -> str:
    runs = results["runs"]
    lines = [
        "| data | scenario | clients | p50 ms | p90 ms | p99 ms | req/s | p50 × ceiling | req/s ÷ ceiling | CPU ms/req | non-2xx/3xx |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        x, share = vs_ceiling(runs, r)
        lines.append(
            f"| {r['label']} | {r['scenario']} | {r['connections']} | {_fmt(r['p50_ms'])} | "
            f"{_fmt(r['p90_ms'])} | {_fmt(r['p99_ms'])} | {r['rps']} | {_fmt(x)} | {_fmt(share)} | "
            f"{_fmt(r.get('cpu_ms_per_request'))} | {r['errors']} |"
        )
    table = "\n".join(lines)
    ratios = scale_ratios(runs)
    if ratios:
        table += "\n\np50 at 1 client, large vs small database (target ≤ 1.5×):\n\n"
        table += (
            "| scenario | small p50 ms | large p50 ms | ratio |\n| --- | ---: | ---: | ---: |\n"
        )
        table += "\n".join(f"| {n} | {s} | {lg} | {q}× |" for n, s, lg, q in ratios)
    if results.get("support_checks"):
        table += "\n\nSupport check (counters against rows after the run):\n\n"
        table += "\n".join(
            f"- {key}: {c['new_rows']} new supports, {c['new_counted']} counted, "
            f"{c['accepted_requests']} accepted requests, {c['ideas_with_wrong_count']} ideas "
            f"with a wrong count: {'ok' if c['ok'] else 'FAILED'}"
            for key, c in results["support_checks"].items()
        )
    if results.get("worker_rss_mib"):
        table += "\n\nWorker memory after the run (VmRSS; PSS splits shared pages), MiB:\n\n"
        table += "\n".join(
            f"- {k}: RSS {v}, PSS {results.get('worker_pss_mib', {}).get(k)}"
            for k, v in results["worker_rss_mib"].items()
        )
    if results.get("targets"):
        main = _main_dataset(runs)
        where = next((r["label"] for r in runs if r["dataset"] == main), "")
        table += (
            f"\n\nTargets of issue #15 (measured on {where}; req/s at 16 clients, p50 at 1):"
            "\n\n| target | measured | met? |\n| --- | --- | --- |\n"
        )
        table += "\n".join(
            f"| {t['target']} | {t['measured']} | "
            f"{'–' if t['met'] is None else ('yes' if t['met'] else 'no')} |"
            for t in results["targets"]
        )
    if results.get("live_page"):
        table += (
            "\n\nLive page (200 people, 60 s):\n\n```\n"
            + results["live_page"]["output"].strip()
            + "\n```"
        )
    if results.get("opinion_cluster"):
        table += (
            "\n\nOpinion map recompute:\n\n```\n" + results["opinion_cluster"].strip() + "\n```"
        )
    text = (
        f"Run {results['started']} on {results['machine']}; {results.get('server', '')}.\n"
        f"Command: `{results.get('command', 'make bench')}`. The ceiling is `{CEILING_OK}` of the same "
        f"database and client count.\n\n{table}\n"
    )
    out = ROOT / "bench" / "latest.md"
    out.write_text(text)
    log(f"wrote {out.relative_to(ROOT)}; copy the figures into docs/performance.md")
    print(text)
    return text


if __name__ == "__main__":
    sys.exit(main())
