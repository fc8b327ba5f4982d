"""Notification texts built from escaped plain text (comment excerpts,
answers and explanations of guides); store them as typed."""

from django.db import migrations

from aufbruch.core.repair import unescape_fields


def forwards(apps, schema_editor):
    unescape_fields(apps.get_model("notifications", "Notification"), ["body"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
