from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('guides', '0004_merge_20261203_1018'),
        ('ideas', '0006_statuschange'),
        ('committees', '0004_status_change_in_ideas'),
    ]

    # StatusChange moved to the ideas app; its table (guides_statuschange) stays.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='StatusChange')],
        ),
    ]
