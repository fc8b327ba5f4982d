"""Calendar files link to SITE_URL, whatever host the request came through."""

import pytest
from django.urls import reverse
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def test_ics_url_and_uid_come_from_site_url(client, settings, meeting):
    settings.SITE_URL = "https://beteiligung.example.de"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    response = client.get(reverse("meetings:ics", args=[meeting.pk]), HTTP_HOST="127.0.0.1")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]) == f"https://beteiligung.example.de/events/{meeting.pk}/"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@beteiligung.example.de"
    assert "127.0.0.1" not in response.content.decode()
