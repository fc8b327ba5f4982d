import threading

import pytest
from django.db import connection

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create, comment_delete
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")


def run_in_threads(fn, items) -> list[Exception]:
    errors: list[Exception] = []

    def work(item):
        try:
            fn(item)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_twenty_parallel_comments_keep_the_counter_exact(idea):
    people = [UserFactory() for _ in range(20)]
    errors = run_in_threads(
        lambda p: comment_create(idea=idea, author=p, body=f"Parallel von {p.pk}"), people
    )
    assert errors == []
    assert Comment.objects.filter(idea=idea).count() == 20
    assert Idea.objects.get(pk=idea.pk).comment_count == 20


def test_parallel_double_submit_creates_one_comment(idea):
    person = UserFactory()
    errors = run_in_threads(
        lambda _: comment_create(idea=idea, author=person, body="Doppelklick"), range(5)
    )
    assert len(errors) == 4
    assert Comment.objects.filter(idea=idea).count() == 1
    assert Idea.objects.get(pk=idea.pk).comment_count == 1


def test_parallel_deletes_and_writes(idea):
    people = [UserFactory() for _ in range(10)]
    old = [comment_create(idea=idea, author=p, body=f"Alt {p.pk}") for p in people]
    jobs = [("delete", c) for c in old] + [("write", p) for p in people]

    def job(item):
        kind, obj = item
        if kind == "delete":
            comment_delete(comment=obj, actor=obj.author)
        else:
            comment_create(idea=idea, author=obj, body=f"Neu {obj.pk}")

    assert run_in_threads(job, jobs) == []
    assert Idea.objects.get(pk=idea.pk).comment_count == 10


def test_hiding_deleting_and_replying_at_once_keep_the_counter_exact(idea):
    from aufbruch.comments.tests.fixtures import grant
    from aufbruch.moderation.services import content_hide

    moderator = grant(UserFactory(), "moderator")
    people = [UserFactory() for _ in range(6)]
    tops = [comment_create(idea=idea, author=p, body=f"Oben {p.pk}") for p in people]
    jobs = (
        [("hide", c) for c in tops[:3]]
        + [("delete", c) for c in tops[3:]]
        + [("reply", c) for c in tops]
    )

    def job(item):
        kind, c = item
        if kind == "hide":
            content_hide(target=c, actor=moderator, reason="Grund")
        elif kind == "delete":
            comment_delete(comment=c, actor=c.author)
        else:
            comment_create(idea=idea, author=moderator, body=f"Antwort auf {c.pk}", parent=c)

    errors = run_in_threads(job, jobs)
    # a reply may lose the race against the deletion of its parent (a clear ValidationError)
    assert all(exc.__class__.__name__ == "ValidationError" for exc in errors)
    visible = Comment.objects.filter(idea=idea, is_hidden=False, is_deleted=False).count()
    assert Idea.objects.get(pk=idea.pk).comment_count == visible
