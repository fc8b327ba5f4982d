from django.core.management.base import BaseCommand, CommandError

from aufbruch.opinions.polis_format import PolisFormatError
from aufbruch.opinions.polis_io import polis_import
from aufbruch.opinions.selectors import polis_agreement
from aufbruch.opinions.services import cluster_recompute


class Command(BaseCommand):
    help = "Import a Pol.is open-data export folder as a (closed) opinion map and group its participants."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--attribution", default="", help="licence/attribution text shown with the map"
        )

    def handle(self, *args, directory, attribution, **options):
        try:
            opinion_map = polis_import(directory=directory, attribution=attribution)
        except PolisFormatError as exc:
            raise CommandError(f"nothing imported: {exc}") from exc
        result = cluster_recompute(opinion_map_id=opinion_map.pk)
        self.stdout.write(
            f"imported map {opinion_map.pk}: {opinion_map.statements.count()} statements, "
            f"{opinion_map.participants.count()} participants; {result.n_participants} grouped "
            f"into {len(result.groups)} groups in {result.duration_ms} ms"
        )
        agreement = polis_agreement(opinion_map=opinion_map, result=result)
        if agreement is not None:
            self.stdout.write(
                f"adjusted Rand index against the Pol.is group-ids: {agreement[0]} over {agreement[1]} participants"
            )
