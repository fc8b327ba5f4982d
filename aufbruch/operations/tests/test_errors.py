"""Errors reach someone; the demo stays out of production (issue #10, 5 and 7)."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aufbruch.accounts.models import User
from aufbruch.core.checks import check_development_secret_key
from aufbruch.core.observability import init_sentry, parse_admins, scrub_event
from aufbruch.core.testing import UserFactory

ROOT = Path(__file__).resolve().parents[3]


def test_admins_from_the_environment():
    assert parse_admins("Ada Lovelace <ada@stadt.de>, it@stadt.de,  ") == [
        ("Ada Lovelace", "ada@stadt.de"),
        ("it@stadt.de", "it@stadt.de"),
    ]
    assert parse_admins("") == []


def test_the_sentry_scrubber_removes_personal_data():
    event = {
        "request": {
            "url": "https://beteiligung.example/ideas/1/",
            "query_string": "email=ada%40x.de&next=a@b.de",
            "cookies": {"sessionid": "abc"},
            "data": {"guest_email": "gast@example.org", "guest_name": "Gast"},
            "env": {"REMOTE_ADDR": "198.51.100.7"},
            "headers": {
                "Cookie": "sessionid=abc",
                "X-Forwarded-For": "198.51.100.7",
                "User-Agent": "Firefox",
            },
        },
        "user": {"id": 42, "email": "ada@x.de", "ip_address": "198.51.100.7"},
        "exception": {
            "values": [
                {
                    "value": "Mail to ada@x.de from 198.51.100.7 / 2001:db8::5 failed at 12:30:45",
                    "stacktrace": {"frames": [{"vars": {"email": "'ada@x.de'", "n": "3"}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"message": "login ada@x.de"}]},
    }
    out = scrub_event(event, {})
    text = repr(out)
    assert "ada@x.de" not in text and "gast@example.org" not in text and "Gast" not in text
    assert "198.51.100.7" not in text and "2001:db8::5" not in text and "abc" not in text
    assert out["user"] == {"id": 42}
    assert out["request"]["headers"] == {"User-Agent": "Firefox"}
    assert "12:30:45" in out["exception"]["values"][0]["value"]  # times are not addresses


def test_sentry_is_optional():
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        assert init_sentry("https://key@sentry.example/1") is False
    assert init_sentry("") is False


def run_production(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aufbruch.settings.production",
        "SECRET_KEY": "test-" + "x" * 50,
        "EMAIL_URL": "consolemail://",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_server_error_in_production_is_mailed_to_the_admins():
    result = run_production(
        "import logging\n"
        "logging.getLogger('django.request').error('Internal Server Error: /x/', extra={'status_code': 500})\n",
        ADMINS="Bereitschaft <it@stadt.example>",
    )
    assert result.returncode == 0, result.stderr
    assert "To: it@stadt.example" in result.stdout
    assert "Internal Server Error: /x/" in result.stdout


@pytest.mark.django_db
def test_seed_demo_refuses_production_settings(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", quiet=True)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_development_key_warns_once_real_accounts_exist(settings):
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    UserFactory(email="einwohnerin@demo.aufbruch.invalid")
    assert check_development_secret_key(databases=["default"]) == []
    UserFactory(email="echte.person@example.org")
    assert [w.id for w in check_development_secret_key(databases=["default"])] == ["aufbruch.W001"]
    settings.SECRET_KEY = "a-real-secret-" + "y" * 40
    assert check_development_secret_key(databases=["default"]) == []


def test_the_worker_is_restarted_when_it_dies(tmp_path):
    log = tmp_path / "worker.log"
    env = {**os.environ, "AUFBRUCH_WORKER_CMD": "sleep 120", "WORKER_RESTART_DELAY": "0.1"}
    with log.open("w") as err:
        proc = subprocess.Popen([str(ROOT / "bin" / "worker")], stderr=err, env=env)

    def pids():
        return [int(p) for p in re.findall(r"started \(pid (\d+)\)", log.read_text())]

    def wait_for(n):
        deadline = time.monotonic() + 20
        while len(pids()) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        return pids()

    try:
        first = wait_for(1)[0]
        os.kill(first, signal.SIGKILL)
        second = wait_for(2)[1]
        assert second != first
        assert f"task worker (pid {first}) stopped with exit code 137" in log.read_text()
        os.kill(second, 0)  # running
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    with pytest.raises(ProcessLookupError):  # stopping the supervisor stops the worker
        os.kill(second, 0)
