"""A published 100-page agenda document (2,000 paragraphs in 100 sections)
for `make bench`; idempotent, prints the document's id."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from aufbruch.agenda.importers import ImportedSection
from aufbruch.agenda.models import Document
from aufbruch.agenda.services import document_create, document_publish
from aufbruch.staff.models import StaffRole, StaffRoleKind

TITLE = "Bench: Digitale Agenda (100 Seiten)"
WORDS = (
    "Die Stadt Gütersloh gestaltet den digitalen Wandel gemeinsam mit ihren Einwohnerinnen und "
    "Einwohnern, ihrer Verwaltung und ihrem Rat, offen, barrierefrei und nachvollziehbar."
)


class Command(BaseCommand):
    help = "Create the benchmark's 2,000-paragraph agenda document (once)."

    def add_arguments(self, parser):
        parser.add_argument("--paragraphs", type=int, default=2000)

    def handle(self, *args, paragraphs: int, **options):
        existing = Document.objects.filter(title=TITLE).first()
        if existing is None:
            office, _created = get_user_model().objects.get_or_create(
                email="agenda-office@bench.invalid", defaults={"display_name": "Programmbüro"}
            )
            StaffRole.objects.get_or_create(user=office, role=StaffRoleKind.OFFICE, department=None)
            per = max(1, paragraphs // 100)
            sections = [
                ImportedSection(
                    level=1,
                    title=f"Handlungsfeld {i + 1}",
                    paragraphs=[f"{WORDS} ({i + 1}.{j + 1})" for j in range(per)],
                )
                for i in range(100)
            ]
            existing = document_create(actor=office, title=TITLE, sections=sections)
            document_publish(document=existing, actor=office)
        self.stdout.write(str(existing.pk))
