"""The idea search term table (ideas.IdeaSearchTerm) and its vocabulary
(ideas.SearchWord), filled for existing ideas in batches with bulk inserts;
the indexes are built once after the rows are in (faster than keeping them
up to date row by row)."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def forward(apps, schema_editor):
    from aufbruch.core.search import document_terms

    Idea = apps.get_model("ideas", "Idea")
    IdeaSearchTerm = apps.get_model("ideas", "IdeaSearchTerm")
    SearchWord = apps.get_model("ideas", "SearchWord")
    vocabulary: set[str] = set()
    last = 0
    while True:
        rows = list(
            Idea.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "title", "body", "topic__name", "district__name")[:BATCH]
        )
        if not rows:
            break
        terms = []
        for pk, title, body, topic, district in rows:
            for term, in_title in document_terms(title, body, topic or "", district or "").items():
                terms.append(IdeaSearchTerm(idea_id=pk, term=term, in_title=in_title))
                vocabulary.add(term)
        IdeaSearchTerm.objects.bulk_create(terms, batch_size=5000)
        last = rows[-1][0]
    SearchWord.objects.bulk_create(
        [SearchWord(term=t) for t in sorted(vocabulary)], batch_size=5000, ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("ideas", "0009_search_text_title")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="IdeaSearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=40)),
                ("in_title", models.BooleanField(default=False)),
                (
                    "idea",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_terms",
                        to="ideas.idea",
                    ),
                ),
            ],
        ),
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="ideasearchterm",
            constraint=models.UniqueConstraint(
                fields=("idea", "term"), name="idea_search_term_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="ideasearchterm",
            index=models.Index(fields=["term", "idea", "in_title"], name="idea_search_term_idx"),
        ),
    ]
