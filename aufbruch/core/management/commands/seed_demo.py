import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aufbruch.core.demo import DemoContext, seeders, seeding


class Command(BaseCommand):
    help = "Load the Gütersloh demo (idempotent: a second run adds nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply the amount of demo content"
        )
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--only", nargs="*", help="run only these seeders")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, scale, seed, only, quiet, **options):
        if getattr(settings, "PRODUCTION", False):
            # The demo's accounts (programme office included) have a published
            # password and TOTP secret: never on a production database.
            raise CommandError(
                "seed_demo refuses to run under production settings: the demo accounts "
                "have a published password and TOTP secret."
            )
        ctx = DemoContext(rng=random.Random(seed), scale=scale, quiet=quiet)
        for seeder in seeders():
            if only and seeder.key not in only:
                continue
            if not quiet:
                self.stdout.write(f"Demo: {seeder.key}")
            # Silent: no mail, no queued task, notifications only as read history.
            with seeding(), transaction.atomic():
                seeder.run(ctx)
        if not quiet:
            self.stdout.write(self.style.SUCCESS("Demo data ready."))
