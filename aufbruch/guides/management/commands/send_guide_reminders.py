from django.core.management.base import BaseCommand

from aufbruch.guides.reminders import send_guide_reminders


class Command(BaseCommand):
    help = "Remind guides of overdue ideas and flag ideas that reached the support threshold (run daily)."

    def handle(self, *args, **options):
        result = send_guide_reminders()
        self.stdout.write(
            f"reminded about {result.reminded_ideas} overdue idea(s) ({result.notifications} new notification(s)); "
            f"flagged {result.flagged_ideas} idea(s) for a written response"
        )
