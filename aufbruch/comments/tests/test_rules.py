"""Each comment permission across the roles: anonymous, participant, author,
moderator, programme office and guide."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.core.testing import login_with_mfa

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "author", "moderator", "office", "guide"]


@pytest.fixture
def people(participant, moderator, office, guide, other_user):
    # "author" wrote the comment; "participant" is someone else.
    return {
        "anonymous": AnonymousUser(),
        "participant": other_user,
        "author": participant,
        "moderator": moderator,
        "office": office,
        "guide": guide,
    }


@pytest.fixture
def comment(idea, participant):
    return comment_create(idea=idea, author=participant, body="Kommentar")


EXPECTED = {
    "comments.add_comment": {
        "anonymous": False,
        "participant": True,
        "author": True,
        "moderator": True,
        "office": True,
        "guide": True,
    },
    "comments.reply_to_comment": {
        "anonymous": False,
        "participant": True,
        "author": True,
        "moderator": True,
        "office": True,
        "guide": True,
    },
    "comments.change_comment": {
        "anonymous": False,
        "participant": False,
        "author": True,
        "moderator": False,
        "office": False,
        "guide": False,
    },
    "comments.delete_comment": {
        "anonymous": False,
        "participant": False,
        "author": True,
        "moderator": False,
        "office": False,
        "guide": False,
    },
    "comments.view_hidden_comment": {
        "anonymous": False,
        "participant": False,
        "author": True,
        "moderator": True,
        "office": True,
        "guide": True,
    },
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, comment, perm, role):
    user = people[role]
    obj = None if perm == "comments.add_comment" else comment
    assert user.has_perm(perm, obj) is EXPECTED[perm][role]


def test_edit_window_closes_for_the_author(people, comment):
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=2))
    comment.refresh_from_db()
    assert not people["author"].has_perm("comments.change_comment", comment)
    assert people["author"].has_perm("comments.delete_comment", comment)


def test_no_reply_to_replies_or_deleted_comments(people, idea, comment):
    reply = comment_create(idea=idea, author=people["participant"], body="Antwort", parent=comment)
    assert not people["author"].has_perm("comments.reply_to_comment", reply)
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)
    comment.refresh_from_db()
    assert not people["participant"].has_perm("comments.reply_to_comment", comment)


@pytest.mark.parametrize("role", ROLES)
def test_edit_over_http_per_role(client, people, comment, role):
    """Allowed roles change the comment; everyone else gets 403 (or the login page) and nothing changes."""
    if role != "anonymous":
        login_with_mfa(client, people[role])
    response = client.post(reverse("comments:edit", args=[comment.pk]), {"body": f"von {role}"})
    comment.refresh_from_db()
    if EXPECTED["comments.change_comment"][role]:
        assert response.status_code == 302 and comment.body == f"von {role}"
    else:
        assert response.status_code in (302, 403) and comment.body == "Kommentar"
        if role == "anonymous":
            assert reverse("account_login") in response["Location"]
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_delete_over_http_per_role(client, people, comment, role):
    if role != "anonymous":
        login_with_mfa(client, people[role])
    response = client.post(reverse("comments:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_deleted is EXPECTED["comments.delete_comment"][role]
    if role not in ("anonymous", "author"):
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_thread_actions_match_the_rules(people, idea, comment, moderator, role):
    """The thread decides "reply" per row without calling the rule; it must agree with it."""
    from aufbruch.comments.selectors import comment_thread, thread_items

    reply = comment_create(idea=idea, author=people["participant"], body="Antwort", parent=comment)
    gone = comment_create(idea=idea, author=people["participant"], body="Weg")
    Comment.objects.filter(pk=gone.pk).update(is_deleted=True)
    hidden = comment_create(idea=idea, author=people["author"], body="Versteckt")
    Comment.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="Grund")
    user = people[role]
    items = thread_items(comment_thread(idea_id=idea.pk), user)
    flat = {i["pk"]: i for top in items for i in (top, *top["replies"])}
    for c in Comment.objects.filter(pk__in=[comment.pk, reply.pk, gone.pk, hidden.pk]):
        urls = flat[c.pk]["urls"]
        assert ("reply" in urls) is user.has_perm("comments.reply_to_comment", c), (role, c.pk)
        assert ("edit" in urls) is user.has_perm("comments.change_comment", c), (role, c.pk)
        assert ("delete" in urls) is user.has_perm("comments.delete_comment", c), (role, c.pk)
        shows_text = flat[c.pk]["state"] == "hidden_visible"
        assert shows_text is (c.is_hidden and user.has_perm("comments.view_hidden_comment", c)), (
            role,
            c.pk,
        )
