"""Write the open-data archive (CSV per table + datapackage.json, zipped).

Run by run_periodic: it rewrites the archive only when it is older than
OPEN_DATA_EXPORT_HOURS (default 24), or always with --force."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from aufbruch.opendata.export import archive_info, export_open_data


class Command(BaseCommand):
    help = "Write the open-data archive (/open-data/)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="write it even if it is fresh")

    def handle(self, *args, force=False, **options):
        info = archive_info()
        max_age = timedelta(hours=getattr(settings, "OPEN_DATA_EXPORT_HOURS", 24))
        if info and not force and timezone.now() - info["generated_at"] < max_age:
            if options.get("verbosity", 1) > 1:
                self.stdout.write("The open-data archive is fresh; nothing to do.")
            return
        path, counts = export_open_data()
        self.stdout.write(
            f"Open data: {sum(counts.values())} rows in {len(counts)} tables → {path}"
        )
