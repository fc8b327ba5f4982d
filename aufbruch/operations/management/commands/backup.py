from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aufbruch.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup (every database row and MEDIA_ROOT) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            result = backup(folder)
        except BackupError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"backup written to {result.path}: {result.rows} rows, {result.media_files} media files"
        )
