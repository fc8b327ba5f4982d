import pytest

from aufbruch.agenda.importers import parse_markdown
from aufbruch.agenda.services import document_create, document_publish
from aufbruch.core.testing import UserFactory
from aufbruch.guides.tests.conftest import (  # noqa: F401
    author,
    department,
    guide,
    idea,
    moderator,
    office,
    participant,
)

SOURCE = """# Lernende Stadt

Alle Generationen lernen digital.

Offene Werkstätten im Quartier.

## Bibliotheken

Die Stadtbibliothek wird ein digitaler Lernort.

# Vernetzte Mobilität

Eine App bündelt alle Wege durch die Stadt.
"""


@pytest.fixture
def draft(office):  # noqa: F811
    return document_create(
        actor=office, title="Digitale Agenda – Entwurf", sections=parse_markdown(SOURCE)
    )


@pytest.fixture
def document(draft, office):  # noqa: F811
    document_publish(document=draft, actor=office)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def paragraph(document):
    return document.paragraphs.order_by("position").first()


@pytest.fixture
def section(document):
    return document.sections.order_by("position").first()


@pytest.fixture
def resident(db):
    return UserFactory(email="resident@example.org", display_name="Anwohnerin")
