"""Stored plain text was HTML-escaped once too often; store it as typed."""

from django.db import migrations

from aufbruch.core.repair import unescape_fields


def forwards(apps, schema_editor):
    get = apps.get_model
    unescape_fields(get("surveys", "Survey"), ["title"])
    unescape_fields(get("surveys", "Section"), ["title"])
    unescape_fields(get("surveys", "Question"), ["text", "help_text"])
    unescape_fields(get("surveys", "Option"), ["label"])
    unescape_fields(get("surveys", "Answer"), ["hidden_reason"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_survey_revision")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
