"""Run every periodic job once: reminders, flags and vote closing.

Each job is idempotent (notifications carry an event key per day), so
running this every few minutes from cron, a systemd timer or bin/serve is
safe, also on several servers at once."""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

JOBS = [
    "send_guide_reminders",  # overdue first responses, support threshold (guides)
    "close_due_votes",  # board votes whose time is over (boards)
    "send_event_reminders",  # mail the day before an event (meetings)
    "remind_assumption_reviews",  # assumption reviews that are due (assumptions)
    "export_open_data",  # the open-data archive, once a day (opendata)
    "import_oparl",  # council information system via OParl, if OPARL_ENDPOINT is set (opendata)
]


class Command(BaseCommand):
    help = "Run the platform's periodic jobs once (safe to repeat)."

    def handle(self, *args, **options):
        available = get_commands()
        for job in JOBS:
            if job in available:
                call_command(job, verbosity=options.get("verbosity", 1))
