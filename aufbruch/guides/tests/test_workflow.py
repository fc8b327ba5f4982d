from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Follow, Idea, IdeaStatus, StatusChange, Support
from aufbruch.ideas.services import idea_follow, idea_submit, idea_support
from aufbruch.ideas.workflow import ALLOWED_TRANSITIONS, idea_change_status, idea_merge
from aufbruch.notifications.models import Notification

S = IdeaStatus
pytestmark = pytest.mark.django_db


def test_transitions_follow_the_real_path():
    assert ALLOWED_TRANSITIONS[S.SUBMITTED] == {S.IN_REVIEW, S.DECLINED, S.MERGED}
    assert ALLOWED_TRANSITIONS[S.POOL] == {S.DECIDED, S.POOL, S.DECLINED, S.MERGED}
    assert ALLOWED_TRANSITIONS[S.DECIDED] == {S.FEASIBILITY, S.DECLINED, S.MERGED}
    assert ALLOWED_TRANSITIONS[S.PILOT] == {S.IMPLEMENTED, S.DECLINED, S.MERGED}
    for final in (S.IMPLEMENTED, S.DECLINED, S.MERGED):
        assert ALLOWED_TRANSITIONS[final] == set()
    assert set(ALLOWED_TRANSITIONS) == set(S.values)


def test_change_status_records_audits_and_notifies(
    idea, guide, author, supporter, follower, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = idea_change_status(
            idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="Wir prüfen das."
        )
    idea.refresh_from_db()
    assert idea.status == S.IN_REVIEW and idea.first_response_at is not None
    assert (change.from_status, change.to_status, change.actor) == (S.SUBMITTED, S.IN_REVIEW, guide)
    entry = AuditEntry.objects.get(action="guides.status_change", target_id=str(idea.pk))
    assert entry.details["from"] == S.SUBMITTED and entry.details["to"] == S.IN_REVIEW
    assert entry.details["explanation"] == "Wir prüfen das." and entry.details["reference"] == ""
    recipients = set(
        Notification.objects.filter(event_key=f"status:{change.pk}").values_list(
            "recipient_id", flat=True
        )
    )
    assert recipients == {author.pk, supporter.pk, follower.pk}
    assert (
        Notification.objects.filter(event_key=f"status:{change.pk}", recipient=author)
        .get()
        .title.startswith("Neuer Status")
    )
    assert len(mail.outbox) == 3


def test_email_preference_is_respected(
    idea, guide, author, supporter, django_capture_on_commit_callbacks
):
    supporter.email_on_updates = False
    supporter.save()
    with django_capture_on_commit_callbacks(execute=True):
        idea_change_status(
            idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="Wir prüfen das."
        )
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert Notification.objects.filter(recipient=supporter, kind="status").count() == 1


def test_first_response_at_is_kept(idea, guide):
    idea_change_status(idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="a")
    first = Idea.objects.get(pk=idea.pk).first_response_at
    idea_change_status(idea=idea, actor=guide, to_status=S.POOL, explanation="b")
    assert Idea.objects.get(pk=idea.pk).first_response_at == first


@pytest.mark.parametrize("to", [S.POOL, S.DECIDED, S.IMPLEMENTED, S.SUBMITTED, "nonsense"])
def test_forbidden_transition_changes_nothing(idea, guide, to):
    with pytest.raises(ValidationError) as exc:
        idea_change_status(idea=idea, actor=guide, to_status=to, explanation="x")
    assert "to_status" in exc.value.message_dict
    assert Idea.objects.get(pk=idea.pk).status == S.SUBMITTED
    assert (
        not StatusChange.objects.exists()
        and not Notification.objects.filter(kind="status").exists()
    )


@pytest.mark.parametrize("explanation", ["", "   ", "x" * 5001])
def test_explanation_required_and_bounded(idea, guide, explanation):
    with pytest.raises(ValidationError) as exc:
        idea_change_status(idea=idea, actor=guide, to_status=S.DECLINED, explanation=explanation)
    assert "explanation" in exc.value.message_dict
    assert Idea.objects.get(pk=idea.pk).status == S.SUBMITTED


def test_declined_without_reasons_says_so(idea, guide):
    with pytest.raises(ValidationError) as exc:
        idea_change_status(idea=idea, actor=guide, to_status=S.DECLINED, explanation="")
    assert (
        "Ablehnung" in exc.value.message_dict["explanation"][0]
        or "Gründe" in exc.value.message_dict["explanation"][0]
    )


@pytest.mark.parametrize("role", ["author", "participant", "other_guide", "moderator"])
def test_only_department_guides_and_office_change_status(request, idea, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        idea_change_status(idea=idea, actor=actor, to_status=S.IN_REVIEW, explanation="x")
    assert (
        Idea.objects.get(pk=idea.pk).status == S.SUBMITTED
        and not AuditEntry.objects.filter(action="guides.status_change").exists()
    )


def test_office_may_change_status_of_any_idea(idea, office):
    idea_change_status(idea=idea, actor=office, to_status=S.IN_REVIEW, explanation="x")
    assert Idea.objects.get(pk=idea.pk).status == S.IN_REVIEW


def test_back_to_pool_is_a_recorded_step_with_reference(idea, office):
    idea_change_status(idea=idea, actor=office, to_status=S.IN_REVIEW, explanation="a")
    idea_change_status(idea=idea, actor=office, to_status=S.POOL, explanation="b")
    change = idea_change_status(
        idea=idea,
        actor=office,
        to_status=S.POOL,
        explanation="Zurückgestellt.",
        decided_at=date(2026, 3, 2),
        reference="HA/2026/7",
    )
    assert (change.from_status, change.to_status, change.reference, change.decided_at) == (
        S.POOL,
        S.POOL,
        "HA/2026/7",
        date(2026, 3, 2),
    )
    assert (
        AuditEntry.objects.filter(action="guides.status_change").first().details["reference"]
        == "HA/2026/7"
    )


def test_failed_transaction_sends_nothing(idea, guide, author):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            idea_change_status(idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="x")
            raise RuntimeError("later step failed")
    assert not Notification.objects.exists() and mail.outbox == []
    assert Idea.objects.get(pk=idea.pk).status == S.SUBMITTED


def test_notifications_once_per_recipient_even_for_author_who_supports(
    idea, guide, author, django_capture_on_commit_callbacks
):
    # The author follows automatically; a supporter who also follows gets one notice.
    both = UserFactory()
    idea_support(idea=idea, user=both)
    idea_follow(idea=idea, user=both)
    with django_capture_on_commit_callbacks(execute=True):
        change = idea_change_status(idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="x")
    assert Notification.objects.filter(event_key=f"status:{change.pk}").count() == 2
    assert len(mail.outbox) == 2


def test_merge_moves_supports_and_follows_without_double_counting(idea, guide, author, topic):
    target = idea_submit(
        author=UserFactory(), title="WLAN in allen Ämtern", body="Auch im Bürgerbüro.", topic=topic
    )
    only_source, both = UserFactory(), UserFactory()
    for u in (only_source, both):
        idea_support(idea=idea, user=u)
    idea_support(idea=target, user=both)
    idea_follow(idea=target, user=both)
    idea_follow(idea=idea, user=both)
    change = idea_merge(idea=idea, into=target, actor=guide, explanation="Gleiches Anliegen.")
    idea.refresh_from_db()
    target.refresh_from_db()
    assert idea.status == S.MERGED and idea.merged_into == target and change.to_status == S.MERGED
    assert set(Support.objects.filter(idea=target).values_list("user_id", flat=True)) == {
        only_source.pk,
        both.pk,
    }
    assert target.support_count == 2
    assert set(Follow.objects.filter(idea=target).values_list("user_id", flat=True)) == {
        target.author_id,
        author.pk,
        both.pk,
    }
    assert target.follower_count == 3
    assert (
        AuditEntry.objects.filter(action="guides.merge", target_id=str(idea.pk))
        .get()
        .details["supports_moved"]
        == 1
    )
    # The people of the merged idea are told (author, supporters, followers).
    told = set(
        Notification.objects.filter(event_key=f"status:{change.pk}").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {author.pk, only_source.pk, both.pk}


def test_merge_bad_input(idea, guide, other_guide, topic):
    target = idea_submit(author=UserFactory(), title="Ein anderes Ding", body="Text", topic=topic)
    with pytest.raises(ValidationError):
        idea_merge(idea=idea, into=idea, actor=guide, explanation="x")
    with pytest.raises(ValidationError):
        idea_merge(idea=idea, into=target, actor=guide, explanation="")
    with pytest.raises(PermissionDenied):
        idea_merge(idea=idea, into=target, actor=other_guide, explanation="x")
    idea_merge(idea=target, into=idea, actor=guide, explanation="x")
    with pytest.raises(ValidationError):
        idea_merge(idea=idea, into=target, actor=guide, explanation="into a merged idea")
    assert Idea.objects.get(pk=idea.pk).status == S.SUBMITTED
