import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0003_administration_position'),
        ('ideas', '0006_statuschange'),
    ]

    # StatusChange moved to the ideas app; the table and the foreign key
    # constraint stay as they are, only Django's state follows.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='agendaitem',
                    name='status_change',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='ideas.statuschange'),
                ),
            ],
        ),
    ]
