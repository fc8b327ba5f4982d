from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aufbruch.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into an empty installation "
        "(migrated, no data, empty MEDIA_ROOT). Empties the cache afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            counts = restore(folder)
        except BackupError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"restored {sum(counts.values())} rows from {folder}; cache emptied")
