"""The stored search text now keeps the title's stems before a separator
(" <title> | <text> ") so that title matches rank first; recompute it for
existing ideas in batches (aufbruch.core.search.search_document)."""

from django.db import migrations

BATCH = 2000


def forward(apps, schema_editor):
    from aufbruch.core.search import search_document

    Idea = apps.get_model("ideas", "Idea")
    last = 0
    while True:
        rows = list(
            Idea.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "title", "body", "topic__name", "district__name")[:BATCH]
        )
        if not rows:
            break
        ideas = [
            Idea(pk=pk, search_text=search_document(title, body, topic or "", district or ""))
            for pk, title, body, topic, district in rows
        ]
        Idea.objects.bulk_update(ideas, ["search_text"], batch_size=500)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("ideas", "0008_version_point_images_address")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
