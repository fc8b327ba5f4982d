"""Import meetings and papers from the council information system (OParl 1.1)
and link them to our committee meetings. Does nothing without OPARL_ENDPOINT."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aufbruch.opendata.oparl import OParlError, import_oparl


class Command(BaseCommand):
    help = "Import meetings and papers via OParl 1.1 (settings.OPARL_ENDPOINT or --endpoint)."

    def add_arguments(self, parser):
        parser.add_argument("--endpoint", default=None, help="URL of the OParl System object")

    def handle(self, *args, endpoint=None, **options):
        endpoint = endpoint or settings.OPARL_ENDPOINT
        if not endpoint:
            if options.get("verbosity", 1) > 1:
                self.stdout.write("OPARL_ENDPOINT is not set; nothing to import.")
            return
        try:
            result = import_oparl(endpoint=endpoint)
        except (OParlError, OSError) as exc:
            raise CommandError(f"OParl import failed: {exc}") from exc
        self.stdout.write(
            f"OParl: {result.bodies} bodies, {result.meetings} meetings, {result.papers} papers; "
            f"linked {result.linked_meetings} meetings and {result.linked_papers} papers."
        )
