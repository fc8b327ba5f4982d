from django.core.management.base import BaseCommand

from aufbruch.core.fonts import build_dir, build_fonts


class Command(BaseCommand):
    help = "Subset KERN's Fira Sans to Latin as WOFF2 into the static build folder (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild even if up to date")

    def handle(self, *args, force, **options):
        written = build_fonts(force=force)
        if options["verbosity"]:
            self.stdout.write(f"fonts: {len(written)} built in {build_dir()}")
