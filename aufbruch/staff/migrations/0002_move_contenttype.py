from django.db import migrations


def forwards(apps, schema_editor):
    """Audit entries and admin log rows point at the content type: keep it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="staff", model="staffrole").exists():
        ContentType.objects.filter(app_label="guides", model="staffrole").update(app_label="staff")


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="guides", model="staffrole").exists():
        ContentType.objects.filter(app_label="staff", model="staffrole").update(app_label="guides")


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
