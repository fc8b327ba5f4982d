"""Consistent backups and restores into an empty installation.

``manage.py backup DIR`` writes

- ``database/<app>.<model>.json.gz``: every row of every model (Django's
  serialiser, primary keys kept), read in one transaction: REPEATABLE READ
  on PostgreSQL, a single (write-locked) transaction on SQLite, so all tables
  are from the same moment;
- ``media/``: a copy of ``MEDIA_ROOT`` including ``private/`` (copied after
  the dump, so every file the dump names is there);
- ``manifest.json`` (written last; its presence marks a complete backup): the
  applied migrations, the row count per model and a SHA-256 of every file.

``manage.py restore DIR`` checks the manifest and the checksums, refuses an
installation that holds any data or media, or whose migrations differ, then
loads everything in one transaction, copies the media, empties the cache
(shared renderings are keyed by counters the restore sets back) and writes
an audit entry.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log

FORMAT = 1
# Rows that ``migrate`` creates in every installation; the backup replaces them.
STRUCTURAL = {"contenttypes.contenttype", "auth.permission"}
# Not worth keeping: sessions (everyone logs in again after a restore).
SKIPPED = {"sessions.session"}


class BackupError(ValidationError):
    pass


class FullPrecisionSerializer(JSONSerializer):
    """Django's JSON serialiser cuts times to milliseconds; a backup keeps
    microseconds (orderings and cache keys depend on them)."""

    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return value


def _models():
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed or opts.label_lower in SKIPPED:
            continue
        yield model


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def _applied_migrations() -> list[list[str]]:
    return sorted(
        [app, name] for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
    )


@dataclass
class BackupResult:
    path: Path
    rows: int
    media_files: int


def backup(target: Path) -> BackupResult:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; choose a new folder for each backup.")
    (target / "database").mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    outermost = not connection.in_atomic_block  # (tests run inside a transaction)
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        migrations = _applied_migrations()
        for model in _models():
            label = model._meta.label_lower
            qs = model._base_manager.order_by("pk")
            counts[label] = qs.count()
            with gzip.open(target / "database" / f"{label}.json.gz", "wt", encoding="utf-8") as fh:
                FullPrecisionSerializer().serialize(qs.iterator(chunk_size=2000), stream=fh)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, target / "media", dirs_exist_ok=True)
    else:
        (target / "media").mkdir()
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "counts": counts,
        "database_files": _files(target / "database"),
        "media_files": _files(target / "media"),
    }
    tmp = target / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, target / "manifest.json")
    return BackupResult(target, sum(counts.values()), len(manifest["media_files"]))


def _read_manifest(source: Path) -> dict:
    path = source / "manifest.json"
    if not path.exists():
        raise BackupError(f"{source} has no manifest.json: not a (complete) backup.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for folder, key in (("database", "database_files"), ("media", "media_files")):
        if _files(source / folder) != manifest[key]:
            raise BackupError(f"The files under {source / folder} do not match the manifest.")
    return manifest


def installation_data() -> dict[str, int]:
    """Rows that make an installation non-empty (what migrate creates aside)."""
    found = {}
    for model in _models():
        label = model._meta.label_lower
        if label in STRUCTURAL:
            continue
        if model._base_manager.exists():
            found[label] = model._base_manager.count()
    return found


def restore(source: Path, *, actor=None) -> dict[str, int]:
    source = Path(source)
    manifest = _read_manifest(source)
    if _applied_migrations() != manifest["migrations"]:
        raise BackupError(
            "The database's migrations differ from the backup's. Restore into an installation "
            "of the same version (migrate to the same state), then upgrade."
        )
    data = installation_data()
    if data:
        raise BackupError(
            "Refusing to restore into an installation that holds data: "
            + ", ".join(f"{k} ({v})" for k, v in sorted(data.items())[:10])
        )
    media_root = Path(settings.MEDIA_ROOT)
    if _files(media_root):
        raise BackupError(f"Refusing to restore: MEDIA_ROOT ({media_root}) already holds files.")
    from django.contrib.contenttypes.models import ContentType

    fixtures = [
        str(source / "database" / f"{label}.json.gz")
        for label, count in sorted(manifest["counts"].items())
        if count
    ]
    with transaction.atomic():
        # The backup's content types and permissions replace the ones migrate
        # made, so every stored reference (audit targets, grants) keeps its id.
        apps.get_model("auth", "Permission")._base_manager.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        call_command("loaddata", *fixtures, verbosity=0)
        ContentType.objects.clear_cache()
        counts = {
            model._meta.label_lower: model._base_manager.count()
            for model in _models()
            if model._meta.label_lower in manifest["counts"]
        }
        if counts != manifest["counts"]:
            raise BackupError(
                "Row counts after loading differ from the manifest; nothing restored."
            )
        audit_log(
            action=AuditAction.OPERATIONS_RESTORE,
            actor=actor,
            details={"created_at": manifest["created_at"], "rows": sum(counts.values())},
        )
    media_root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    cache.clear()
    return counts
