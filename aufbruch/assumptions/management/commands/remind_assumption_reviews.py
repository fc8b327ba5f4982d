from django.core.management.base import BaseCommand

from aufbruch.assumptions.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Queue the reminders to owners of assumptions that are due for review (run daily; safe to repeat)."

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        self.stdout.write(f"queued review reminders ({result.id})")
