from django.db import migrations


def forwards(apps, schema_editor):
    """Audit entries and admin log rows point at the content type: keep it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="ideas", model="statuschange").exists():
        ContentType.objects.filter(app_label="guides", model="statuschange").update(
            app_label="ideas"
        )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="guides", model="statuschange").exists():
        ContentType.objects.filter(app_label="ideas", model="statuschange").update(
            app_label="guides"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0006_statuschange"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
