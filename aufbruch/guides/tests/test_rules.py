"""Every role × every action of the staff area, through real HTTP: allowed
actions succeed, forbidden ones get 403 (anonymous: the login page) and
change nothing."""

import pytest
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.guides.models import GuideSettings, InternalNote, OfficialResponse
from aufbruch.guides.services import response_publish
from aufbruch.ideas.models import Idea, StatusChange
from aufbruch.ideas.services import idea_submit
from aufbruch.staff.models import StaffRole

from .conftest import ROLES

pytestmark = pytest.mark.django_db
STAFF = {"guide", "other_guide", "moderator", "office"}
DEPT = {"guide", "office"}


def _target(idea):
    return idea_submit(
        author=UserFactory(), title="Zielidee zum Zusammenführen", body="Text", topic=idea.topic
    )


ACTIONS = {
    # name: (method, url(ctx), data(ctx), changed(ctx) -> bool, allowed roles)
    "view inbox": ("get", lambda c: reverse("guides:inbox"), None, None, STAFF),
    "view staff idea": (
        "get",
        lambda c: reverse("guides:idea", args=[c["idea"].pk]),
        None,
        None,
        STAFF,
    ),
    "assign": (
        "post",
        lambda c: reverse("guides:idea_assign", args=[c["idea"].pk]),
        lambda c: {"assign-department": c["department"].pk, "assign-assignee": c["guide"].pk},
        lambda c: Idea.objects.get(pk=c["idea"].pk).assignee_id == c["guide"].pk,
        DEPT,
    ),
    "change status": (
        "post",
        lambda c: reverse("guides:idea_status", args=[c["idea"].pk]),
        lambda c: {"status-to_status": "in_review", "status-explanation": "Wir prüfen."},
        lambda c: StatusChange.objects.exists(),
        DEPT,
    ),
    "add note": (
        "post",
        lambda c: reverse("guides:idea_note", args=[c["idea"].pk]),
        lambda c: {"note-text": "Notiz"},
        lambda c: InternalNote.objects.exists(),
        DEPT,
    ),
    "publish response": (
        "post",
        lambda c: reverse("guides:idea_respond", args=[c["idea"].pk]),
        lambda c: {"response-text": "Antwort"},
        lambda c: OfficialResponse.objects.exists(),
        DEPT,
    ),
    "edit response": (
        "post",
        lambda c: reverse("guides:response_edit", args=[c["response"].pk]),
        lambda c: {f"edit-{c['response'].pk}-text": "Neue Fassung"},
        lambda c: OfficialResponse.objects.get(pk=c["response"].pk).version == 2,
        DEPT,
    ),
    "merge": (
        "post",
        lambda c: reverse("guides:idea_merge", args=[c["idea"].pk]),
        lambda c: {"merge-into": c["target"].pk, "merge-explanation": "Doppelt"},
        lambda c: Idea.objects.get(pk=c["idea"].pk).status == "merged",
        DEPT,
    ),
    "enter idea for resident": (
        "post",
        lambda c: reverse("guides:idea_enter"),
        lambda c: {
            "source": "phone",
            "title": "Anruf zum Thema Bus",
            "body": "Text",
            "topic": c["idea"].topic_id,
        },
        lambda c: Idea.objects.filter(title="Anruf zum Thema Bus").exists(),
        {"guide", "other_guide", "office"},
    ),
    "view roles": ("get", lambda c: reverse("guides:roles"), None, None, {"office"}),
    "grant role": (
        "post",
        lambda c: reverse("guides:roles"),
        lambda c: {"grant-user": c["participant"].pk, "grant-role": "moderator"},
        lambda c: StaffRole.objects.filter(user=c["participant"]).exists(),
        {"office"},
    ),
    "revoke role": (
        "post",
        lambda c: reverse(
            "guides:role_revoke", args=[StaffRole.objects.get(user=c["moderator"]).pk]
        ),
        lambda c: {},
        lambda c: not StaffRole.objects.filter(user=c["moderator"]).exists(),
        {"office"},
    ),
    "change settings": (
        "post",
        lambda c: reverse("guides:settings"),
        lambda c: {"response_days": 14, "support_threshold": 150, "support_window_days": 30},
        lambda c: GuideSettings.objects.filter(response_days=14).exists(),
        {"office"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_matrix(
    request, client, as_role, idea, department, guide, participant, moderator, role, action
):
    method, url, data, changed, allowed = ACTIONS[action]
    ctx = {
        "idea": idea,
        "department": department,
        "guide": guide,
        "participant": participant,
        "moderator": moderator,
    }
    if action == "edit response":
        ctx["response"] = response_publish(idea=idea, actor=guide, text="Erste Fassung")
    if action == "merge":
        ctx["target"] = _target(idea)
    audit_before = AuditEntry.objects.count()
    as_role(role)
    if method == "get":
        response = client.get(url(ctx))
    else:
        response = client.post(url(ctx), data(ctx))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == 403
    if changed is not None:
        assert changed(ctx) is (role in allowed)
        if role not in allowed:
            assert AuditEntry.objects.count() == audit_before


def test_guide_of_any_department_may_pick_up_an_idea_without_department(
    client, as_role, author, other_guide, other_department
):
    from aufbruch.core.testing import TopicFactory

    loose = idea_submit(
        author=author, title="Idee ohne Fachbereich", body="Text", topic=TopicFactory()
    )
    assert loose.department_id is None
    as_role("other_guide")
    r = client.post(
        reverse("guides:idea_assign", args=[loose.pk]),
        {"assign-department": other_department.pk, "assign-assignee": other_guide.pk},
    )
    assert r.status_code == 302 and Idea.objects.get(pk=loose.pk).department == other_department


def test_staff_without_totp_is_sent_to_mfa_setup(client, guide):
    client.force_login(guide)
    r = client.get(reverse("guides:inbox"))
    assert r.status_code == 302 and r["Location"] == reverse("mfa_activate_totp")
