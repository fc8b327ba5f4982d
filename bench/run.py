#!/usr/bin/env python
"""make bench: PostgreSQL at scale, gunicorn like production, wrk as the load.

1. Seed (once, then reused) a database with --ideas ideas, 10x supports and
   3x comments through `manage.py bench_seed`, and a small one with 1,000
   ideas to show that cost does not grow with the data.
2. Serve each with gunicorn (sync workers, DEBUG off, whitenoise, Redis
   cache when available) on 127.0.0.1.
3. Load every scenario with wrk at 1 and 16 connections and write the
   figures to docs/performance.md (and bench/results.json).
Only 127.0.0.1 is ever contacted; every run is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432/"


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def env_for(db: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=PG + db,
        DJANGO_SETTINGS_MODULE="aufbruch.settings.dev",
        DEBUG="false",
        SECRET_KEY="benchmark-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        AUFBRUCH_BENCH="1",  # the bench commands (bench/aufbruch_bench)
    )
    if redis_available():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/3"
    return env


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
        capture_output=False,
        text=True,
        stdout=subprocess.PIPE,
    )
    return res.stdout


def ensure_database(db: str, ideas: int, fresh: bool) -> None:
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname='{db}'") == "1"
    if exists and not fresh:
        have = (
            psql("SELECT count(*) FROM ideas_idea", db)
            if psql("SELECT to_regclass('ideas_idea')", db)
            else "0"
        )
        if have and int(have or 0) >= ideas:
            log(f"{db}: reusing {have} ideas (--fresh to reseed)")
            env = env_for(db)
            manage(env, "migrate", "--noinput", "-v0")
            # Merge the trigram index's pending list and refresh statistics,
            # as autovacuum would on a live system.
            psql("VACUUM ANALYZE", db)
            return
        psql(f"DROP DATABASE {db}")
    elif exists:
        psql(f"DROP DATABASE {db}")
    psql(f"CREATE DATABASE {db}")
    env = env_for(db)
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


class Server:
    def __init__(self, db: str, port: int, workers: int):
        self.env = env_for(db)
        self.port = port
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "aufbruch.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--env",
                "DJANGO_SETTINGS_MODULE=aufbruch.settings.dev",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
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

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", value)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


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
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60).stdout
    res = {"url": url, "connections": conns, "seconds": seconds}
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
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


def scenarios(db: str) -> dict:
    topic = psql("SELECT slug FROM organisation_topic ORDER BY id LIMIT 1", db)
    district = psql("SELECT slug FROM organisation_district ORDER BY id LIMIT 1", db)
    hot = psql("SELECT min(id) FROM ideas_idea", db)  # bench_seed gives it exactly 200 comments
    agenda = psql("SELECT min(id) FROM agenda_document WHERE title LIKE 'Bench:%'", db)
    return {
        "agenda reading view (2,000 paragraphs)": f"/agenda/{agenda}/",
        "list (default)": "/ideas/",
        "list (filtered)": f"/ideas/?topic={topic}&district={district}&status=submitted",
        "list (sorted: most supported)": "/ideas/?sort=supported",
        "list (sorted: trending)": "/ideas/?sort=trending",
        "idea page (200 comments)": f"/ideas/{hot}/",
        "search (Fahrradstraße)": "/ideas/?q=Fahrradstra%C3%9Fe",
        # the site-wide search (issue #12/#15): a single word, a compound, several words
        "site search (single word: Radweg)": "/suche/?q=Radweg",
        "site search (compound: Fahrradstraße)": "/suche/?q=Fahrradstra%C3%9Fe",
        "site search (several words: Digitalisierung Schule)": "/suche/?q=Digitalisierung+Schule",
        "figures (public)": "/figures/",
        "figures (field of action)": f"/figures/?topic={topic}",
        "committee sessions (public)": "/committees/",
        # open data (anonymous): API lists and a feed
        "api: ideas": "/api/v1/ideas?page_size=100",
        "api: ideas (filtered)": f"/api/v1/ideas?topic={topic}&district={district}&status=submitted",
        "api: committee sessions": "/api/v1/committee-sessions",
        "api: decisions": "/api/v1/decisions",
        "api: projects": "/api/v1/projects",
        "api: project updates": "/api/v1/project-updates",
        "api: events": "/api/v1/events",
        "api: recommendations": "/api/v1/recommendations",
        "api: surveys": "/api/v1/surveys",
        "api: opinion maps": "/api/v1/opinion-maps",
        "api: assumptions": "/api/v1/assumptions",
        "feed: new ideas": "/feeds/ideas/",
        "feed: decisions": "/feeds/decisions/",
        "feed: project updates": "/feeds/projects/",
    }


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ideas", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--only", nargs="*", help="scenario name prefixes")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    results = {
        "machine": machine(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "runs": [],
    }
    for db, n in (("aufbruch_bench_small", args.small), ("aufbruch_bench", args.ideas)):
        ensure_database(db, n, args.fresh)
        env = env_for(db)
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "bench_agenda")  # the 100-page agenda document (once)
        sessions = ROOT / "bench" / f"sessions-{db}.txt"
        staff_session = ROOT / "bench" / f"sessions-{db}-staff.txt"
        manage(
            env,
            "bench_sessions",
            "--count",
            "2000",
            "--output",
            str(sessions),
            "--staff-output",
            str(staff_session),
        )
        lo, hi = psql("SELECT min(id) || ' ' || max(id) FROM ideas_idea", db).split()
        server = Server(db, args.port, args.workers)
        try:
            base = f"http://127.0.0.1:{args.port}"
            for name, path in scenarios(db).items():
                if args.only and not any(name.startswith(o) for o in args.only):
                    continue
                conns_list = (1, 16) if db == "aufbruch_bench" else (1,)
                for conns in conns_list:
                    wrk(base + path, conns, 3)  # warm-up
                    r = wrk(base + path, conns, args.seconds)
                    r.update(scenario=name, db=db, ideas=n)
                    results["runs"].append(r)
                    log(
                        f"{n:>7} ideas | {name:<32} | c={conns:<2} | p50 {r['p50_ms']} ms | p99 {r['p99_ms']} ms | {r['rps']} req/s | errors {r['errors']}"
                    )
            # Logged-in residents never get the renderings shared by anonymous
            # visitors: these show what a fresh render costs.
            hot = scenarios(db)["idea page (200 comments)"]
            member_env = {"BENCH_SESSION_ID": sessions.read_text().split()[0]}
            staff_env = {"BENCH_SESSION_ID": staff_session.read_text().strip()}
            for name, path, session in (
                ("list (logged in)", "/ideas/", member_env),
                ("idea page (logged in, 200 comments)", hot, member_env),
                ("staff inbox", "/staff/", staff_env),
                ("staff dashboard (overall)", "/staff/dashboards/", staff_env),
            ):
                if args.only and not any(name.startswith(o) for o in args.only):
                    continue
                for conns in (1, 16) if db == "aufbruch_bench" else (1,):
                    wrk(base + path, conns, 3, str(ROOT / "bench" / "session_get.lua"), session)
                    r = wrk(
                        base + path,
                        conns,
                        args.seconds,
                        str(ROOT / "bench" / "session_get.lua"),
                        session,
                    )
                    r.update(scenario=name, db=db, ideas=n)
                    results["runs"].append(r)
                    log(
                        f"{n:>7} ideas | {name:<32} | c={conns:<2} | p50 {r['p50_ms']} ms | {r['rps']} req/s | errors {r['errors']}"
                    )
            if db == "aufbruch_bench" and (
                not args.only or any("support".startswith(o) for o in args.only)
            ):
                extra = {
                    "BENCH_SESSIONS": str(sessions),
                    "BENCH_IDEA_MIN": lo,
                    "BENCH_IDEA_MAX": hi,
                }
                for conns in (1, 16):
                    r = wrk(
                        base + "/", conns, args.seconds, str(ROOT / "bench" / "support.lua"), extra
                    )
                    r.update(scenario="support (POST)", db=db, ideas=n)
                    results["runs"].append(r)
                    log(
                        f"{n:>7} ideas | support (POST)                   | c={conns:<2} | p50 {r['p50_ms']} ms | {r['rps']} req/s | errors {r['errors']}"
                    )
            if db == "aufbruch_bench" and (not args.only or "live" in args.only):
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
                    env=env,
                    capture_output=True,
                    text=True,
                )
                print(live.stdout[-3000:], live.stderr[-1000:])
                results["live_page"] = {
                    "exit_status": live.returncode,
                    "output": live.stdout[-3000:],
                }
        finally:
            server.stop()
    if not args.only or "cluster" in args.only:
        log(
            "opinion map recompute: 5,000 participants x 500 statements (bench/opinions_cluster.py)"
        )
        cl = subprocess.run(
            [PY, "bench/opinions_cluster.py"],
            cwd=ROOT,
            env=env_for("aufbruch_bench"),
            capture_output=True,
            text=True,
        )
        print(cl.stdout[-2000:], cl.stderr[-500:])
        results["opinion_cluster"] = cl.stdout[-2000:]
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    write_markdown(results, args)


def write_markdown(results: dict, args) -> None:
    lines = [
        "| data | scenario | clients | p50 ms | p90 ms | p99 ms | req/s | non-2xx/3xx |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results["runs"]:
        lines.append(
            f"| {r['ideas']:,} ideas | {r['scenario']} | {r['connections']} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['rps']} | {r['errors']} |"
        )
    table = "\n".join(lines)
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
    out = ROOT / "bench" / "latest.md"
    out.write_text(
        f"Run {results['started']} on {results['machine']}.\n"
        f"Command: `make bench` (bench/run.py --ideas {args.ideas} --seconds {args.seconds} --workers {args.workers}).\n\n{table}\n"
    )
    log(f"wrote {out.relative_to(ROOT)}; copy the figures into docs/performance.md")
    print(out.read_text())


if __name__ == "__main__":
    sys.exit(main())
