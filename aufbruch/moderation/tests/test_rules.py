"""Reporting and moderation across the roles. Guides have no queue access."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.moderation.models import Report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "author", "moderator", "office", "guide"]
CAN_MODERATE = {"moderator", "office"}


@pytest.fixture
def people(participant, moderator, office, guide, other_user):
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


@pytest.mark.parametrize("role", ROLES)
def test_permissions(people, role):
    user = people[role]
    assert user.has_perm("moderation.moderate") is (role in CAN_MODERATE)
    assert user.has_perm("moderation.report_content") is (role != "anonymous")


def test_blocked_users_cannot_report():
    blocked = UserFactory(blocked_until=timezone.now() + timedelta(days=1))
    assert not blocked.has_perm("moderation.report_content")


@pytest.mark.parametrize("role", ROLES)
def test_queue_access(client, people, role):
    if role != "anonymous":
        login_with_mfa(client, people[role])
    response = client.get(reverse("moderation_staff:queue"))
    if role in CAN_MODERATE:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_hide_per_role(client, people, comment, role):
    if role != "anonymous":
        login_with_mfa(client, people[role])
    response = client.post(
        reverse("moderation_staff:item", args=["comment", comment.pk]),
        {"action": "hide", "reason": "Grund", "ground": "insult"},
    )
    comment.refresh_from_db()
    assert comment.is_hidden is (role in CAN_MODERATE)
    if role not in CAN_MODERATE and role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_block_per_role(client, people, role):
    target = UserFactory()
    if role != "anonymous":
        login_with_mfa(client, people[role])
    response = client.post(
        reverse("moderation_staff:block", args=[target.pk]), {"days": "3", "reason": "Grund"}
    )
    target.refresh_from_db()
    assert target.is_blocked is (role in CAN_MODERATE)
    if role not in CAN_MODERATE and role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_report_per_role(client, people, comment, role):
    if role != "anonymous":
        client.force_login(people[role])
    client.post(reverse("moderation:report", args=["comment", comment.pk]), {"reason": "spam"})
    # everyone with an account except the author can report; anonymous is sent to log in
    assert Report.objects.filter(object_id=comment.pk).exists() is (
        role not in ("anonymous", "author")
    )
