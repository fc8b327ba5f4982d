#!/usr/bin/env python
"""bin/cluster: the production set-up of docs/deployment.md on loopback.

nginx (Debian's package) on 127.0.0.1:8480 in front of two gunicorn app
servers (127.0.0.1:8481, :8482), two task workers (django-tasks-db
``db_worker``), the local PostgreSQL (its own database ``aufbruch_cluster``)
and the local Redis (127.0.0.1:6379, database 7), with the documented
settings: ``aufbruch.settings.production``, ``TRUSTED_PROXY_COUNT=1``,
``REDIS_URL``. Mail goes into files under var/cluster/mail (Django's file
backend), so the soak test can count every message.

    bin/cluster start         set up (fresh database) and start; stays up
    bin/cluster stop          stop everything it started
    bin/cluster soak [--long] start, run the soak test, stop
    bin/cluster --short-soak  the CI version of soak (< 3 minutes)

Only 127.0.0.1 is contacted. Every process is started in its own process
group and stopped on exit (also on Ctrl+C); a second start first stops what
a previous one left behind.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "var" / "cluster"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
NGINX_PORT = 8480
APP_PORTS = [8481, 8482]
WORKERS = ["w1", "w2"]
DB = "aufbruch_cluster"
PG = f"postgres://postgres@{HOST}:5432/"
REDIS_DB = 7

NGINX_CONF = """\
# Written by bin/cluster: docs/deployment.md section 7 on loopback, without
# TLS (the soak client plays the TLS terminator: X-Forwarded-Proto https).
{user}worker_processes 2;
daemon off;
pid {state}/nginx.pid;
error_log {state}/logs/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {state}/logs/nginx-access.log;
    client_body_temp_path {state}/nginx-tmp/body;
    proxy_temp_path {state}/nginx-tmp/proxy;
    fastcgi_temp_path {state}/nginx-tmp/fastcgi;
    uwsgi_temp_path {state}/nginx-tmp/uwsgi;
    scgi_temp_path {state}/nginx-tmp/scgi;

    upstream aufbruch {{
        server {host}:{app1} max_fails=1 fail_timeout=3s;
        server {host}:{app2} max_fails=1 fail_timeout=3s;
        keepalive 32;
    }}

    server {{
        listen {host}:{port};
        server_name 127.0.0.1 localhost;
        client_max_body_size 60m;

        location /static/ {{
            alias {root}/staticfiles/;
            expires 1y;
            add_header Cache-Control "public, immutable";
        }}
        location /media/private/ {{ return 404; }}
        location /media/ {{
            alias {state}/media/;
            expires 1d;
            add_header X-Content-Type-Options nosniff;
        }}
        location / {{
            proxy_pass http://aufbruch;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_read_timeout 30s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[cluster {time.monotonic() - T0:5.0f} s] {msg}", flush=True)


def secret_key() -> str:
    path = STATE / "secret_key"
    if not path.exists():
        STATE.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def cluster_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="aufbruch.settings.production",
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}:{NGINX_PORT}",
        SITE_URL=f"https://{HOST}:{NGINX_PORT}",
        DATABASE_URL=PG + DB,
        CONN_MAX_AGE="60",
        REDIS_URL=f"redis://{HOST}:6379/{REDIS_DB}",
        EMAIL_URL=f"filemail:///{STATE / 'mail'}",  # django-environ drops one slash
        DEFAULT_FROM_EMAIL="Aufbruch Cluster <cluster@aufbruch.invalid>",
        ADMINS="Bereitschaft <bereitschaft@cluster.invalid>",
        MEDIA_ROOT=str(STATE / "media"),
        SERVE_MEDIA="false",
        TRUSTED_PROXY_COUNT="1",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        IDEA_PAGE_CACHE_SECONDS="10",
        PYTHONUNBUFFERED="1",
    )
    return env


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def manage(*args: str, quiet: bool = True) -> str:
    out = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=cluster_env(),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return out.stdout


def port_open(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


# --- tools --------------------------------------------------------------------------------


def ensure_tools() -> None:
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        if os.geteuid() != 0:
            sys.exit("nginx is missing: apt-get install nginx-light (as root)")
        log("installing nginx-light (Debian)")
        run(["apt-get", "update", "-qq"])
        run(
            ["apt-get", "install", "-y", "-qq", "nginx-light"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    if subprocess.run(["pg_isready", "-h", HOST, "-p", "5432", "-q"]).returncode != 0:
        versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").exists() else []
        if not versions:
            sys.exit("PostgreSQL is not running on 127.0.0.1:5432 and no local cluster was found")
        run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"])
    if not port_open(6379):
        if not shutil.which("redis-server"):
            sys.exit("Redis is not running on 127.0.0.1:6379 and redis-server is not installed")
        run(["redis-server", "--bind", HOST, "--port", "6379", "--daemonize", "yes", "--save", ""])
        for _ in range(50):
            if port_open(6379):
                break
            time.sleep(0.1)


def nginx_bin() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


# --- processes ----------------------------------------------------------------------------


class Cluster:
    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = cluster_env()

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen:
        logf = open(STATE / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (kept open while the process runs)
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=logf,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        (STATE / "pids" / name).write_text(str(proc.pid))
        return proc

    def start_app(self, i: int) -> None:
        port = APP_PORTS[i]
        self._spawn(
            f"app{i + 1}",
            [
                GUNICORN,
                "aufbruch.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
                "--forwarded-allow-ips",
                HOST,
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
        )

    def start_worker(self, i: int) -> None:
        self._spawn(
            f"worker{i + 1}",
            [
                PY,
                "manage.py",
                "db_worker",
                "--queue-name",
                "default",
                "--interval",
                "0.5",
                "--worker-id",
                WORKERS[i],
                "--no-startup-delay",
                "--no-reload",
            ],
        )

    def start_nginx(self) -> None:
        user = "user root root;\n" if os.geteuid() == 0 else ""
        conf = NGINX_CONF.format(
            user=user,
            state=STATE,
            host=HOST,
            app1=APP_PORTS[0],
            app2=APP_PORTS[1],
            port=NGINX_PORT,
            root=ROOT,
        )
        (STATE / "nginx.conf").write_text(conf)
        subprocess.run(
            [nginx_bin(), "-t", "-q", "-c", str(STATE / "nginx.conf"), "-p", str(STATE)], check=True
        )
        self._spawn("nginx", [nginx_bin(), "-c", str(STATE / "nginx.conf"), "-p", str(STATE)])

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.get(name)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        (STATE / "pids" / name).unlink(missing_ok=True)

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.kill(name, signal.SIGTERM)
        self.procs.clear()

    def wait_healthy(self, port: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://{HOST}:{port}/health/"
        while time.monotonic() < deadline:
            req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            try:
                with urllib.request.urlopen(req, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"no healthy answer on port {port} after {timeout} s")


def stop_leftovers() -> None:
    """Stop what an earlier run left behind (its pid files), by process group."""
    piddir = STATE / "pids"
    if not piddir.exists():
        return
    for pidfile in piddir.iterdir():
        try:
            pid = int(pidfile.read_text())
            os.killpg(pid, signal.SIGTERM)
            log(f"stopped leftover {pidfile.name} (pid {pid})")
        except (ValueError, ProcessLookupError, PermissionError):
            pass
        pidfile.unlink(missing_ok=True)
    for port in [NGINX_PORT, *APP_PORTS]:
        for _ in range(50):
            if not port_open(port):
                break
            time.sleep(0.1)


def prepare() -> None:
    """A fresh installation: database, Redis database, media, mail folder."""
    stop_leftovers()
    for sub in ("mail", "media", "logs", "nginx-tmp"):
        shutil.rmtree(STATE / sub, ignore_errors=True)
    for sub in ("mail", "media/private", "logs", "pids", "nginx-tmp"):
        (STATE / sub).mkdir(parents=True, exist_ok=True)
    psql = ["psql", "-h", HOST, "-U", "postgres", "-qAt", "-c"]
    # A migrated, empty template per state of the migrations saves the
    # migrate step on the next run (the soak needs a fresh database each time).
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("aufbruch/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    template = f"{DB}_tpl_{digest.hexdigest()[:12]}"
    have = (
        subprocess.run(
            [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{template}'"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        == "1"
    )
    run([*psql, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], stderr=subprocess.DEVNULL)
    if have:
        run([*psql, f"CREATE DATABASE {DB} TEMPLATE {template}"])
        log(f"fresh database from the migrated template {template}")
    else:
        run([*psql, f"CREATE DATABASE {DB}"])
        log("migrating a fresh database")
        manage("migrate", "--noinput")
        old = subprocess.run(
            [*psql, f"SELECT datname FROM pg_database WHERE datname LIKE '{DB}_tpl_%'"],
            capture_output=True,
            text=True,
        ).stdout.split()
        for name in old:
            run([*psql, f"DROP DATABASE IF EXISTS {name}"])
        run([*psql, f"CREATE DATABASE {template} TEMPLATE {DB}"])
        log("migrated (kept as a template for the next run)")
    run(["redis-cli", "-h", HOST, "-n", str(REDIS_DB), "FLUSHDB"], stdout=subprocess.DEVNULL)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        manage("collectstatic", "--noinput", "-v0")


def start(cluster: Cluster) -> None:
    ensure_tools()
    prepare()
    for i in range(len(APP_PORTS)):
        cluster.start_app(i)
    for i in range(len(WORKERS)):
        cluster.start_worker(i)
    for port in APP_PORTS:
        cluster.wait_healthy(port)
    cluster.start_nginx()
    cluster.wait_healthy(NGINX_PORT)
    log(
        f"up: nginx http://{HOST}:{NGINX_PORT}/ -> gunicorn {APP_PORTS}, workers {WORKERS}, "
        f"PostgreSQL {DB}, Redis db {REDIS_DB}; logs in {STATE / 'logs'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", choices=["start", "stop", "soak"], default=None)
    parser.add_argument("--short-soak", action="store_true", help="the CI soak (< 3 minutes)")
    parser.add_argument(
        "--long", action="store_true", help="the longer soak for docs/performance.md"
    )
    parser.add_argument(
        "--write-docs", action="store_true", help="write the figures into docs/performance.md"
    )
    args = parser.parse_args()
    command = "soak" if args.short_soak else args.command
    if command is None:
        parser.error("say start, stop, soak or --short-soak")
    STATE.mkdir(parents=True, exist_ok=True)
    if command == "stop":
        stop_leftovers()
        log("stopped")
        return 0

    cluster = Cluster()
    atexit.register(cluster.stop_all)

    def on_signal(signum, frame):
        cluster.stop_all()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    start(cluster)
    if command == "start":
        log("running; Ctrl+C (or bin/cluster stop) ends it")
        while True:
            for name, proc in list(cluster.procs.items()):
                if proc.poll() is not None:
                    log(f"{name} stopped with exit code {proc.returncode}")
                    cluster.procs.pop(name)
            time.sleep(1)
    sys.path.insert(0, str(ROOT / "bench"))
    import soak

    ok = soak.run_soak(cluster, long=args.long, write_docs=args.write_docs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
