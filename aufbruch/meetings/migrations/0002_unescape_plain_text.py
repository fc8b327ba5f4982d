"""Stored plain text was HTML-escaped once too often; store it as typed."""

from django.db import migrations

from aufbruch.core.repair import unescape_fields


def forwards(apps, schema_editor):
    get = apps.get_model
    unescape_fields(get("meetings", "Meeting"), ["title", "venue", "address"])
    unescape_fields(get("meetings", "Session"), ["title", "room", "speakers"])
    unescape_fields(get("meetings", "Track"), ["name"])
    unescape_fields(get("meetings", "Registration"), ["guest_name", "access_needs"])
    unescape_fields(get("meetings", "MeetingPhoto"), ["alt_text"])
    unescape_fields(get("meetings", "LiveContribution"), ["text"])
    # Ideas typed in from event cards got an escaped title.
    idea_ids = get("meetings", "MeetingIdea").objects.values("idea_id")
    Idea = get("ideas", "Idea")
    unescape_fields(Idea, ["title"], Idea.objects.filter(pk__in=idea_ids))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("ideas", "0005_page_version"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
