# Run by bench/soak.py through `manage.py shell` against the cluster's database:
# a topic, an author with ideas, participants with verified e-mail, one event.
import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from aufbruch.ideas.services import idea_submit
from aufbruch.meetings.models import MeetingKind
from aufbruch.meetings.services import meeting_create
from aufbruch.organisation.models import Topic

N_USERS = int(__import__("os").environ["SOAK_USERS"])
PASSWORD = "soak-passwort-2026"
User = get_user_model()
hashed = make_password(PASSWORD)


def person(email, name):
    user = User.objects.create(email=email, display_name=name, password=hashed)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


topic = Topic.objects.create(name="Mobilität", slug="mobilitaet")
author = person("autorin@soak.invalid", "Autorin")
ideas = [
    idea_submit(
        author=author, title=f"Soak-Idee {n}", body="Fahrradstellplätze am Bahnhof.", topic=topic
    ).pk
    for n in range(5)
]
users = [
    person(f"teilnehmer-{n:03d}@soak.invalid", f"Teilnehmer {n}").email for n in range(N_USERS)
]
office = person("office@soak.invalid", "Programmbüro")
from aufbruch.staff.models import StaffRole, StaffRoleKind  # noqa: E402

StaffRole.objects.create(user=office, role=StaffRoleKind.OFFICE)
now = timezone.now()
meeting = meeting_create(
    actor=office,
    topics=[topic],
    title="Soak-Forum",
    description="Lasttest",
    kind=MeetingKind.SUMMIT,
    starts_at=now + timedelta(days=10),
    ends_at=now + timedelta(days=10, hours=3),
    venue="Stadthalle",
    address="Friedrichstraße 10",
    capacity=5000,
    registration_opens_at=now - timedelta(days=1),
    registration_closes_at=now + timedelta(days=9),
    is_published=True,
)
print(
    "SOAK_SETUP "
    + json.dumps({"ideas": ideas, "users": users, "password": PASSWORD, "meeting": meeting.pk})
)
