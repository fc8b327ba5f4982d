import random
from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.core.demo import DemoContext, seeders
from aufbruch.ideas.models import IdeaSource
from aufbruch.meetings.models import Meeting, MeetingIdea, RegistrationStatus

pytestmark = pytest.mark.django_db


def run(ctx, keys):
    for seeder in seeders():
        if seeder.key in keys:
            seeder.run(ctx)


def test_demo_events_are_seeded_once_through_the_services():
    ctx = DemoContext(rng=random.Random(1), quiet=True)
    run(ctx, {"organisation", "accounts", "meetings"})
    forum = Meeting.objects.get(title__startswith="Digitales Forum")
    assert forum.starts_at.date().isoformat() == "2018-11-23" and forum.results_published_at
    assert "700" in forum.minutes
    assert MeetingIdea.objects.filter(meeting=forum).count() >= 3
    assert {link.idea.source for link in MeetingIdea.objects.select_related("idea")} == {
        IdeaSource.WORKSHOP
    }
    werkstatt = Meeting.objects.get(title__startswith="Zukunftswerkstatt")
    assert werkstatt.tracks.count() == 5
    assert "Mobilität, Bildung, Verwaltung" in werkstatt.minutes
    # each workshop card lands in the field of action of its table
    expected = {
        "Mobilität": "vernetzte-mobilitaet",
        "Bildung": "lernende-stadt",
        "Verwaltung": "guter-service",
        "Wirtschaft und Arbeit": "zukunft-der-arbeit",
        "Gemeinschaft und Ehrenamt": "mitmachstadt",
    }
    seen = {}
    for link in MeetingIdea.objects.filter(meeting=werkstatt).select_related("idea__topic"):
        theme = link.idea.title.removeprefix("Ideenkarte zum Thema ").split(":")[0]
        seen[theme] = link.idea.topic.slug
    assert seen == expected
    gipfel = Meeting.objects.get(title__startswith="Digitalgipfel")
    now = timezone.now()
    assert gipfel.starts_at > now + timedelta(weeks=12) and gipfel.starts_at.weekday() == 4
    assert gipfel.registration_opens_at < now < gipfel.registration_closes_at
    assert gipfel.title == f"Digitalgipfel {gipfel.starts_at.year}"
    assert gipfel.tracks.count() == 2 and gipfel.capacity == 20
    assert gipfel.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 20
    assert gipfel.registrations.filter(status=RegistrationStatus.WAITING).count() >= 1
    assert Meeting.objects.filter(kind="think_lab").exists()

    count = Meeting.objects.count()
    run(DemoContext(rng=random.Random(1), quiet=True), {"organisation", "accounts", "meetings"})
    assert Meeting.objects.count() == count
