from django.core.management.base import BaseCommand

from aufbruch.boards.voting import close_due_votes


class Command(BaseCommand):
    help = "Close every board vote whose time is over and record its result (run from cron every few minutes)."

    def handle(self, *args, **options):
        closed = close_due_votes()
        self.stdout.write(f"closed {closed} vote(s)")
