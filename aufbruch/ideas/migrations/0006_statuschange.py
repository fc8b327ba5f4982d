import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    # StatusChange moved from guides to ideas (the idea's state machine lives
    # in ideas now). The table keeps its name (guides_statuschange) and its
    # rows: only Django's state moves.
    dependencies = [
        ('guides', '0004_merge_20261203_1018'),
        ('ideas', '0005_page_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.CreateModel(
                name='StatusChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('from_status', models.CharField(choices=[('submitted', 'submitted'), ('in_review', 'under review'), ('pool', 'in the project pool'), ('decided', 'adopted by the committee'), ('declined', 'declined'), ('feasibility', 'feasibility study'), ('pilot', 'pilot (Reallabor)'), ('implemented', 'implemented'), ('merged', 'merged')], max_length=20, verbose_name='previous status')),
                    ('to_status', models.CharField(choices=[('submitted', 'submitted'), ('in_review', 'under review'), ('pool', 'in the project pool'), ('decided', 'adopted by the committee'), ('declined', 'declined'), ('feasibility', 'feasibility study'), ('pilot', 'pilot (Reallabor)'), ('implemented', 'implemented'), ('merged', 'merged')], max_length=20, verbose_name='new status')),
                    ('explanation', models.TextField(max_length=5000, verbose_name='explanation')),
                    ('explanation_html', models.TextField(default='', editable=False)),
                    ('decided_at', models.DateField(blank=True, null=True, verbose_name='date of decision')),
                    ('reference', models.CharField(blank=True, max_length=100, verbose_name='reference')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='ideas.idea')),
                ],
                options={
                    'verbose_name': 'status change',
                    'verbose_name_plural': 'status changes',
                    'db_table': 'guides_statuschange',
                    'ordering': ['idea', 'created_at', 'id'],
                    'indexes': [models.Index(fields=['idea', 'created_at'], name='statuschange_idea_idx')],
                },
            ),
            ],
        ),
    ]
