"""On PostgreSQL, a trigram GIN index makes the German containment search
(aufbruch.core.search) an index lookup. SQLite scans, which is fine for the
embedded default. Creating the extension needs a superuser once; see
docs/deployment.md."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS idea_search_trgm_idx ON ideas_idea USING gin (search_text gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS idea_search_trgm_idx"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
