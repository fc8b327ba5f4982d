from django.core.management.base import BaseCommand

from aufbruch.meetings.tasks import send_event_reminders


class Command(BaseCommand):
    help = "Remind everyone with a confirmed seat of tomorrow's events (run daily; sends nothing twice)."

    def handle(self, *args, **options):
        sent = send_event_reminders.call()
        self.stdout.write(f"{sent} reminder(s) sent")
