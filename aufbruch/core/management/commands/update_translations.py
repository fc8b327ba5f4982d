"""Run makemessages for German and English in every app's own locale folder,
so each app carries its translations (and parallel work does not collide)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

APPS = [
    "core",
    "audit",
    "accounts",
    "organisation",
    "ideas",
    "comments",
    "notifications",
    "moderation",
    "api",
    "guides",
    "boards",
    "meetings",
    "surveys",
    "opinions",
    "assumptions",
    "dashboards",
    "committees",
]


class Command(BaseCommand):
    help = "Extract translatable strings of each Aufbruch app into <app>/locale/."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", default=APPS)

    def handle(self, *args, apps, **options):
        cwd = os.getcwd()
        try:
            for app in apps:
                app_dir = Path(settings.PACKAGE_DIR) / app
                (app_dir / "locale").mkdir(exist_ok=True)
                os.chdir(app_dir)
                call_command(
                    "makemessages",
                    locale=["de", "en"],
                    no_obsolete=True,
                    add_location="file",
                    verbosity=0,
                    ignore_patterns=["tests/*", "migrations/*"],
                )
        finally:
            os.chdir(cwd)
        self.stdout.write(f"updated translations of {len(apps)} app(s)")
