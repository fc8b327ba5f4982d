"""Stored plain text was HTML-escaped once too often; store it as typed."""

from django.db import migrations

from aufbruch.core.repair import unescape_fields


def forwards(apps, schema_editor):
    get = apps.get_model
    unescape_fields(get("assumptions", "Assumption"), ["wording", "original_wording"])
    unescape_fields(get("assumptions", "Evidence"), ["title", "note"])
    unescape_fields(get("assumptions", "Review"), ["previous_wording", "new_wording"])


class Migration(migrations.Migration):
    dependencies = [("assumptions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
