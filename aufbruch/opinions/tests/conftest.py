import pytest

from aufbruch.core.testing import UserFactory
from aufbruch.opinions import services
from aufbruch.opinions.models import Participant
from aufbruch.staff.models import StaffRole, StaffRoleKind

STATEMENTS = [
    "Alle Anträge sollen online gestellt werden können.",
    "Das Bürgerbüro soll ohne Termin erreichbar bleiben.",
    "Die Stadt soll offene Daten veröffentlichen.",
    "Papierformulare soll es weiter geben.",
    "Sprechstunden sollen auch per Video möglich sein.",
    "Bescheide sollen digital zugestellt werden.",
    "Ältere Menschen brauchen Lotsen für Online-Anträge.",
    "Zuerst sollen interne Abläufe digital werden.",
]


@pytest.fixture
def office(db):
    u = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=u, role=StaffRoleKind.OFFICE)
    return u


@pytest.fixture
def moderator(db):
    u = UserFactory(display_name="Moderatorin")
    StaffRole.objects.create(user=u, role=StaffRoleKind.MODERATOR)
    return u


@pytest.fixture
def guide(db):
    from aufbruch.core.testing import DepartmentFactory

    u = UserFactory(display_name="Lotsin")
    StaffRole.objects.create(user=u, role=StaffRoleKind.GUIDE, department=DepartmentFactory())
    return u


@pytest.fixture
def opinion_map(office):
    return services.opinion_map_create(
        actor=office,
        question="Wie digital soll das Rathaus werden?",
        description="Ihre Meinung zählt.",
        statements=tuple(STATEMENTS),
    )


@pytest.fixture
def other_map(office):
    return services.opinion_map_create(
        actor=office, question="Wie soll die Innenstadt werden?", statements=("Mehr Bäume.",)
    )


@pytest.fixture
def make_voters(opinion_map):
    """n anonymous participants who vote in two camps on every statement."""

    def make(n: int, *, camp_split: float = 0.5) -> list[Participant]:
        statements = list(opinion_map.statements.order_by("id"))
        people = []
        for i in range(n):
            p = services.participant_for(opinion_map=opinion_map, anonymous_key=f"voter-{i}")
            camp = 1 if i < n * camp_split else -1
            for j, s in enumerate(statements):
                value = camp if j % 2 == 0 else (-camp if j % 4 == 1 else 0)
                services.vote_cast(participant=p, statement=s, value=value)
            people.append(p)
        return people

    return make
