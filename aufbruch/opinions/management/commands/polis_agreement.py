from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aufbruch.opinions.agreement import agreement, export_dirs, stability
from aufbruch.opinions.polis_format import PolisFormatError

ATTRIBUTION = (
    "Data: Pol.is open-data exports (compdemocracy.org/polis), CC BY 4.0, "
    "The Computational Democracy Project."
)


class Command(BaseCommand):
    help = (
        "Group the participants of Pol.is export folders as the recompute task does and print "
        "how far the groups agree with Pol.is's own (a Markdown table). No database needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folders", nargs="*", help="export folders (default: every export in the shared data)"
        )
        parser.add_argument(
            "--explain", action="store_true", help="also print the evidence for each export"
        )
        parser.add_argument(
            "--stability",
            action="store_true",
            help="also measure the share of participants changing group after 1 %% more votes",
        )

    def handle(self, *args, folders, explain, stability: bool, **options):
        dirs = [Path(f) for f in folders] or export_dirs()
        head = "| conversation | participants | grouped (Pol.is / ours) | k (Pol.is / ours) | ARI | time (s) |"
        line = "| --- | ---: | ---: | ---: | ---: | ---: |"
        if stability:
            head += " moved after +1 % votes |"
            line += " ---: |"
        self.stdout.write(head)
        self.stdout.write(line)
        rows = []
        for folder in dirs:
            try:
                row = agreement(folder, explain=explain)
            except PolisFormatError as exc:
                raise CommandError(f"{folder}: {exc}") from exc
            rows.append(row)
            text = (
                f"| {row.name} | {row.participants} | {row.polis_grouped} / {row.grouped} "
                f"| {row.k_polis} / {row.k} | {row.ari:.3f} | {row.seconds:.2f} |"
            )
            if stability:
                if (folder / "votes.csv").exists():
                    moved, n = stability_of(folder)
                    text += f" {moved:.1%} of {n} |"
                else:
                    text += " – |"
            self.stdout.write(text)
        aris = sorted(r.ari for r in rows)
        if aris:
            mid = len(aris) // 2
            median = aris[mid] if len(aris) % 2 else (aris[mid - 1] + aris[mid]) / 2
            self.stdout.write(
                f"\nmedian ARI {median:.3f} over {len(aris)} exports; "
                f"same k as Pol.is on {sum(r.k == r.k_polis for r in rows)} of {len(rows)}"
            )
        if explain:
            for row in rows:
                self.stdout.write(f"\n{row.name}: {row.evidence}")
        self.stdout.write(f"\n{ATTRIBUTION}")


def stability_of(folder: Path) -> tuple[float, int]:
    return stability(folder)
