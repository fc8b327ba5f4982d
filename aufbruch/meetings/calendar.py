"""iCalendar files: one per event and a subscribable feed of all events."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vGeo

from aufbruch.core.links import absolute_url, site_host
from aufbruch.core.text import markdown_to_text

from .models import Meeting


def _uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{site_host() or 'aufbruch'}"


def meetings_calendar(
    meetings: Iterable[Meeting], request: HttpRequest, name: str = ""
) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PLATFORM_NAME} {settings.CITY_NAME}//Aufbruch//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", f"{settings.PLATFORM_NAME} – {name}")
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", _uid(meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", meeting.title)
        event.add("last-modified", meeting.updated_at)
        url = absolute_url(meeting.get_absolute_url())
        event.add("url", url)
        description = markdown_to_text(meeting.description)
        event.add("description", f"{description}\n\n{url}".strip())
        location = ", ".join(p for p in [meeting.venue, meeting.address] if p) or meeting.online_url
        if location:
            event.add("location", location)
        if meeting.has_map_point:
            event.add("geo", vGeo((float(meeting.latitude), float(meeting.longitude))))
        cal.add_component(event)
    return cal


def calendar_response(cal: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
