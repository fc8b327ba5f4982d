"""Run the periodic jobs once: reminders, flags, vote closing, retention.

Every 15 minutes from a systemd timer (docs/deployment.md) or bin/serve.
Safe on several servers at once: each job runs under a database lock, and
the jobs are idempotent, so a second run changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from aufbruch.operations.periodic import UnknownJob, periodic_jobs, run_jobs


class Command(BaseCommand):
    help = "Run the platform's periodic jobs once (safe to repeat, also on several servers)."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="only these jobs (default: all)")
        parser.add_argument("--list", action="store_true", help="list the registered jobs")

    def handle(self, *args, jobs, list, **options):
        if list:
            for job in periodic_jobs():
                self.stdout.write(job.name)
            return
        try:
            outcomes = run_jobs(jobs)
        except UnknownJob as exc:
            raise CommandError(str(exc)) from None
        failed = [o for o in outcomes if o.error]
        for o in outcomes:
            if options["verbosity"] >= 1:
                state = (
                    "failed: " + o.error
                    if o.error
                    else (o.result if o.ran else "skipped (runs elsewhere)")
                )
                self.stdout.write(f"{o.name}: {state}")
        if failed:
            raise CommandError("periodic job(s) failed: " + ", ".join(o.name for o in failed))
