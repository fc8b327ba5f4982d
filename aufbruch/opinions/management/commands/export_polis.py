from django.core.management.base import BaseCommand, CommandError

from aufbruch.opinions.models import OpinionMap
from aufbruch.opinions.polis_io import polis_export


class Command(BaseCommand):
    help = "Write an opinion map in the Pol.is open-data format (comments, votes, participants-votes, summary)."

    def add_arguments(self, parser):
        parser.add_argument("map_id", type=int)
        parser.add_argument("directory")

    def handle(self, *args, map_id, directory, **options):
        opinion_map = OpinionMap.objects.filter(pk=map_id).first()
        if opinion_map is None:
            raise CommandError(f"no opinion map with id {map_id}")
        path = polis_export(opinion_map=opinion_map, directory=directory)
        self.stdout.write(f"exported map {map_id} to {path}")
