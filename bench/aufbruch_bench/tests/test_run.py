"""bench/run.py's bookkeeping: wrk output, ratios, the support check, targets."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import run  # noqa: E402  (bench/run.py is a script, not a package module)

WRK = """Running 2s test @ http://127.0.0.1:8791/ideas/
  1 threads and 1 connections
  Latency Distribution
     50%    3.50ms
     90%    5.00ms
     99%    1.20s
  840 requests in 2.00s, 9.10MB read
  Non-2xx or 3xx responses: 2
Requests/sec:    420.00
"""


def test_parse_wrk_reads_latency_units_and_errors():
    r = run.parse_wrk(WRK)
    assert (r["p50_ms"], r["p90_ms"], r["p99_ms"]) == (3.5, 5.0, 1200.0)
    assert (r["rps"], r["requests"], r["errors"]) == (420.0, 840, 2)


def _r(dataset, scenario, conns, p50, rps, errors=0):
    return {
        "dataset": dataset,
        "label": dataset,
        "scenario": scenario,
        "connections": conns,
        "p50_ms": p50,
        "p90_ms": p50,
        "p99_ms": p50,
        "rps": rps,
        "errors": errors,
        "requests": 100,
    }


def test_every_scenario_is_a_ratio_to_the_ceiling_of_its_own_run():
    runs = [
        _r("large", run.CEILING_OK, 1, 1.0, 1000.0),
        _r("large", "list (logged in)", 1, 8.0, 125.0),
    ]
    assert run.vs_ceiling(runs, runs[1]) == (8.0, 0.125)
    assert run.vs_ceiling(runs, _r("small", "x", 1, 2.0, 10.0)) == (None, None)


def test_scale_ratio_compares_p50_at_one_client():
    runs = [_r("small", "list (logged in)", 1, 4.0, 1), _r("large", "list (logged in)", 1, 7.0, 1)]
    assert run.scale_ratios(runs) == [("list (logged in)", 4.0, 7.0, 1.75)]


def test_support_check_needs_rows_equal_to_counters():
    before = {"rows": 100, "counted": 100, "ideas_with_wrong_count": 0}
    assert run.verify_supports(
        before, {"rows": 150, "counted": 150, "ideas_with_wrong_count": 0}, 160
    )["ok"]
    lost = {"rows": 150, "counted": 149, "ideas_with_wrong_count": 1}
    assert not run.verify_supports(before, lost, 160)["ok"]
    assert not run.verify_supports(
        before, {"rows": 170, "counted": 170, "ideas_with_wrong_count": 0}, 60
    )["ok"]


def test_targets_table_says_what_is_met():
    runs = [
        _r("large", "list (logged in)", 1, 7.5, 130),
        _r("large", "list (logged in)", 16, 60, 310),
        _r("large", "idea page (logged in, 200 comments)", 1, 20, 50),
        _r("large", "idea page (logged in, 200 comments)", 16, 200, 80),
        _r("large", "support (POST)", 16, 40, 320),
        _r("large", "figures (public)", 16, 40, 400),
        _r("large", "api: ideas", 16, 40, 200),
        _r("small", "list (logged in)", 1, 7.0, 140),
        _r("small", "idea page (logged in, 200 comments)", 1, 10, 100),
    ]
    results = {
        "runs": runs,
        "support_checks": {
            "large": {"new_rows": 5, "new_counted": 5, "ideas_with_wrong_count": 0, "ok": True}
        },
        "worker_rss_mib": {"large": [120.5, 180.0]},
    }
    met = {
        t["target"].split(" ")[0] + " " + t["target"].split(" ")[1]: t["met"]
        for t in run.targets(results)
    }
    assert met["list logged"] is True
    assert met["idea page"] is False
    assert met["search ≥"] is None  # not run
    assert met["support ≥"] is True
    assert met["figures page"] is False  # the API's idea list is at 200 req/s
    assert met["p50 at"] is False  # idea page 10 → 20 ms
    assert met["one gunicorn"] is True


def test_markdown_has_ratio_columns_and_targets(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "ROOT", tmp_path)
    (tmp_path / "bench").mkdir()
    runs = [
        _r("small", run.CEILING_OK, 1, 1.0, 1000.0),
        _r("small", "list (logged in)", 1, 8.0, 125.0),
    ]
    results = {
        "runs": runs,
        "started": "now",
        "machine": "test",
        "worker_rss_mib": {"small": [99.0]},
    }
    results["targets"] = run.targets(results)
    text = run.write_markdown(results)
    assert "| small | list (logged in) | 1 | 8.0 | 8.0 | 8.0 | 125.0 | 8.0 | 0.125 |" in text
    assert "| one gunicorn worker < 200 MiB after the run | largest 99.0 MiB | yes |" in text


def test_only_keeps_the_ceiling():
    assert run.wanted(run.CEILING_CARDS, ["search"])
    assert run.wanted("search: compound (Fahrradstraße)", ["search"])
    assert not run.wanted("list (default)", ["search"])


def test_own_processes_have_memory_and_cpu():
    assert run.rss_mib(os.getpid()) > 1
    assert 0 < run.pss_mib(os.getpid()) <= run.rss_mib(os.getpid())
    assert run.cpu_seconds([os.getpid()]) > 0


def test_a_run_without_answers_has_no_latency(monkeypatch):
    class Done:
        stdout = "Running 2s test\n  0 requests in 2.00s, 0B read\nRequests/sec: 0.00\n"
        stderr = ""

    monkeypatch.setattr(run.subprocess, "run", lambda *a, **k: Done())
    monkeypatch.setattr(run, "drain", lambda url: None)
    r = run.wrk("http://127.0.0.1:1/x/", 16, 2)
    assert r["requests"] == 0 and r["p50_ms"] is None and "0 requests" in r["wrk_output"]


def test_session_files_are_reused_only_while_they_log_in(tmp_path):
    import sqlite3

    db = tmp_path / "demo.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE django_session (session_key, session_data, expire_date)")
        conn.executemany(
            "INSERT INTO django_session VALUES (?, '', ?)",
            [
                ("aaa1", "2999-01-01 00:00:00"),
                ("bbb2", "2999-01-01 00:00:00"),
                ("old3", "2000-01-01 00:00:00"),
            ],
        )
    ds = run.Dataset("demo", str(db), 0)
    members, staff = tmp_path / "s.txt", tmp_path / "staff.txt"
    members.write_text("aaa1 csrf\nbbb2 csrf\n")
    staff.write_text("bbb2\n")
    assert run.sessions_valid(ds, members, staff)
    staff.write_text("old3\n")  # expired
    assert not run.sessions_valid(ds, members, staff)
    staff.write_text("x'; DROP TABLE django_session; --\n")
    assert not run.sessions_valid(ds, members, staff)
    assert not run.sessions_valid(ds, tmp_path / "missing.txt", staff)
