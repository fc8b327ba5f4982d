"""core.compiled: a queryset compiled once and run with other ids gives what
the queryset itself gives for those ids (rows, converted values, shapes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext

from aufbruch.comments.services import comment_create, comment_mark_helpful
from aufbruch.core.compiled import CompiledQuery
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea, Support
from aufbruch.ideas.services import idea_submit, idea_support

pytestmark = pytest.mark.django_db


def _ideas(topic):
    anna, bert = UserFactory(), UserFactory()
    ideas = [
        idea_submit(author=anna, title=f"Idee {i}", body="Text", topic=topic) for i in range(3)
    ]
    idea_support(idea=ideas[1], user=bert)
    return anna, bert, ideas


def _with_support(shape, user_id, pk):
    qs = Idea.objects.filter(pk=pk).annotate(
        supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user_id=user_id))
    )
    return qs.filter(is_hidden=False) if shape == "public" else qs


def test_model_rows_match_the_queryset_for_every_id(topic):
    anna, bert, ideas = _ideas(topic)
    query = CompiledQuery(_with_support)
    for user in (anna, bert):
        for idea in ideas:
            (row,) = query.run("public", user_id=user.pk, pk=idea.pk)
            (expected,) = _with_support("public", user.pk, idea.pk)
            assert (row.pk, row.title, row.created_at) == (idea.pk, idea.title, expected.created_at)
            assert bool(row.supported) == expected.supported == (user == bert and idea == ideas[1])
    assert query.run("public", user_id=anna.pk, pk=10**9) == []


def test_it_compiles_once_per_shape(topic):
    anna, _bert, ideas = _ideas(topic)
    query = CompiledQuery(_with_support)
    calls = []
    build = query.build
    query.build = lambda *a, **k: calls.append(a[0]) or build(*a, **k)
    for idea in ideas:
        query.run("public", user_id=anna.pk, pk=idea.pk)
        query.run("all", user_id=anna.pk, pk=idea.pk)
    assert calls == ["public", "all"]
    with CaptureQueriesContext(connection) as ctx:
        query.run("all", user_id=anna.pk, pk=ideas[0].pk)
    assert len(ctx.captured_queries) == 1


def test_values_rows_are_converted_like_the_querysets(topic):
    from aufbruch.comments.models import Comment, HelpfulMark

    anna, bert, ideas = _ideas(topic)
    first = comment_create(idea=ideas[0], author=anna, body="Erster")
    comment_create(idea=ideas[0], author=bert, body="Zweiter")
    comment_mark_helpful(comment=first, user=bert)

    def build(_shape, idea_id, user_id):
        return (
            Comment.objects.filter(idea_id=idea_id)
            .annotate(
                marked=Exists(HelpfulMark.objects.filter(comment=OuterRef("pk"), user_id=user_id))
            )
            .filter(Q(author_id=user_id) | Q(marked=True))
            .values("id", "created_at", "author__display_name", "is_hidden", "marked")
        )

    query = CompiledQuery(build)
    for user in (anna, bert):
        assert query.run(None, idea_id=ideas[0].pk, user_id=user.pk) == list(
            build(None, ideas[0].pk, user.pk)
        )
    (row,) = query.run(None, idea_id=ideas[0].pk, user_id=anna.pk)
    assert row["created_at"] == first.created_at and row["marked"] is False


def test_a_stand_in_the_query_drops_is_refused():
    query = CompiledQuery(lambda _shape, pk: Idea.objects.all())
    with pytest.raises(ValueError, match="pk"):
        query.run(None, pk=1)


def test_the_users_lookup_by_primary_key_is_the_orms():
    """accounts.UserManager.get(pk=…), run on every logged-in request."""
    from django.contrib.auth import get_user_model
    from django.db.models import QuerySet

    user_model = get_user_model()
    anna = UserFactory(display_name="Anna")
    for value in (anna.pk, str(anna.pk)):
        fast = user_model.objects.get(pk=value)
        orm = QuerySet(user_model).get(pk=value)
        assert fast == orm and type(fast) is user_model
        fields = [f.attname for f in user_model._meta.concrete_fields]
        assert [getattr(fast, f) for f in fields] == [getattr(orm, f) for f in fields]
        assert not fast._state.adding and fast._state.db == "default"
    with pytest.raises(user_model.DoesNotExist):
        user_model.objects.get(pk=anna.pk + 1000)
    with pytest.raises(ValueError):
        user_model.objects.get(pk="1; DROP TABLE")  # not an id: the ORM's own error
    assert user_model.objects.get(email=anna.email) == anna
