"""A backup restores into an empty installation with identical public pages
and counts (issue #10, backups)."""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory

# flush and restore need real transactions (PostgreSQL cannot TRUNCATE inside one)
pytestmark = pytest.mark.django_db(transaction=True)

SKIP = ("/accounts/", "/i18n/", "/admin/", "/static/", "/staff/", "/profile/", "/health/")
# Per request by design: the iCal generation time and the public figures' "Stand"
# (computed afresh, so a run crossing a minute boundary would differ).
STAMP = re.compile(r"^DTSTAMP:.*$|Stand: \d{1,2}\. \w+ \d{4}, \d{2}:\d{2}", re.MULTILINE)
HREF = re.compile(r'href="(/[^"#]*)"')
TOKEN = re.compile(r'((?:name="csrfmiddlewaretoken" value|name="csrf-token" content)=")[^"]+')


def crawl(limit=150) -> dict[str, tuple[int, str]]:
    """Every public page reachable from the home page (anonymous), up to limit."""
    client = Client()
    seen: dict[str, tuple[int, str]] = {}
    queue = deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        body = response.content.decode() if response["Content-Type"].startswith("text/") else ""
        if url.startswith("/media/"):
            body = response.getvalue().hex() if hasattr(response, "getvalue") else body
        # Per request by design: form tokens, the iCal generation time.
        seen[url] = (response.status_code, STAMP.sub("", TOKEN.sub(r"\1", body)))
        for href in HREF.findall(body):
            href = href.replace("&amp;", "&")
            if urlsplit(href).query or href.startswith(SKIP) or href in seen:
                continue
            queue.append(href)
    return seen


def counts() -> dict[str, int]:
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.label_lower != "sessions.session"
    }


def media(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_backup_restores_into_an_empty_installation(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "private" / "boards").mkdir(parents=True)
    (settings.MEDIA_ROOT / "private" / "boards" / "bewerbung.jpg").write_bytes(b"\xff\xd8geheim")
    (settings.MEDIA_ROOT / "ideas").mkdir()
    (settings.MEDIA_ROOT / "ideas" / "bild.webp").write_bytes(b"RIFF-oeffentlich")
    call_command(
        "seed_demo",
        only=["organisation", "accounts", "ideas", "comments", "meetings"],
        scale=0.01,
        quiet=True,
    )
    pages_before = crawl()
    counts_before = counts()
    files_before = media(settings.MEDIA_ROOT)
    assert counts_before["ideas.idea"] > 5 and counts_before["comments.comment"] > 5
    assert sum(1 for u in pages_before if u.startswith("/ideas/")) > 5

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    with pytest.raises(CommandError, match="holds data"):  # not into a live installation
        call_command("restore", str(tmp_path / "backup"), verbosity=0)

    # An empty installation: tables emptied (migrate's rows recreated), no media.
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "media-new"
    assert counts()["ideas.idea"] == 0
    call_command("restore", str(tmp_path / "backup"), verbosity=0)

    expected = {**counts_before, "audit.auditentry": counts_before["audit.auditentry"] + 1}
    assert counts() == expected
    assert AuditEntry.objects.filter(action=AuditAction.OPERATIONS_RESTORE).count() == 1
    assert media(settings.MEDIA_ROOT) == files_before
    pages_after = crawl()
    assert pages_after.keys() == pages_before.keys()
    different = [u for u in pages_before if pages_before[u] != pages_after[u]]
    if different:
        import difflib

        print(
            "\n".join(
                list(
                    difflib.unified_diff(
                        pages_before[different[0]][1].splitlines(),
                        pages_after[different[0]][1].splitlines(),
                        lineterm="",
                    )
                )[:60]
            )
        )
    assert different == []


def test_restore_refuses_a_broken_or_incomplete_backup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory()
    call_command("backup", str(tmp_path / "b"), verbosity=0)
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # A changed file fails the checksum, nothing is loaded.
    target = next((tmp_path / "b" / "database").glob("accounts.user.json.gz"))
    target.write_bytes(target.read_bytes() + b"x")
    with pytest.raises(CommandError, match="do not match"):
        call_command("restore", str(tmp_path / "b"), verbosity=0)
    (tmp_path / "b" / "manifest.json").unlink()
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(tmp_path / "b"), verbosity=0)
    assert counts()["accounts.user"] == 0
