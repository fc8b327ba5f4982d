"""StatusChange moved from guides to ideas by Django's state only: the table
(guides_statuschange), its rows and the content type (audit entries and admin
log rows point at it) stay."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from aufbruch.core.testing import TopicFactory, UserFactory
from aufbruch.ideas.models import StatusChange
from aufbruch.ideas.services import idea_submit

BEFORE = [
    ("ideas", "0005_page_version"),
    ("guides", "0004_merge_20261203_1018"),
    ("committees", "0003_administration_position"),
]
AFTER = [
    ("ideas", "0007_move_statuschange_contenttype"),
    ("guides", "0005_move_statuschange"),
    ("committees", "0004_status_change_in_ideas"),
]


def test_model_lives_in_ideas_on_the_old_table():
    assert StatusChange._meta.app_label == "ideas"
    assert StatusChange._meta.db_table == "guides_statuschange"


@pytest.mark.django_db(transaction=True)
def test_rows_and_content_type_survive_the_move():
    author = UserFactory()
    idea = idea_submit(
        author=author,
        title="Eine alte Idee",
        body="Ein Text zur Idee, lang genug.",
        topic=TopicFactory(),
    )
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldStatusChange = old_apps.get_model("guides", "StatusChange")
    OldStatusChange.objects.create(
        idea_id=idea.pk, from_status="submitted", to_status="in_review", explanation="Alt"
    )
    # As on a live installation before the move: the content type is the guides' one.
    ContentType.objects.filter(app_label="ideas", model="statuschange").delete()
    old_type = ContentType.objects.get_or_create(app_label="guides", model="statuschange")[0]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # Then everything after the move too, as the rest of the suite expects.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    change = StatusChange.objects.get(idea=idea)
    assert (change.to_status, change.explanation) == ("in_review", "Alt")
    ContentType.objects.clear_cache()
    moved = ContentType.objects.get_for_model(StatusChange)
    assert moved.pk == old_type.pk and moved.app_label == "ideas"
    assert not ContentType.objects.filter(app_label="guides", model="statuschange").exists()
