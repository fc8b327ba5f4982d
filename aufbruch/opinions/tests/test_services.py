from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification
from aufbruch.opinions import selectors, services
from aufbruch.opinions.models import ClusterResult, OpinionMap, Statement, StatementState, Vote

pytestmark = pytest.mark.django_db


def test_office_creates_a_map_with_published_statements(opinion_map, office):
    assert opinion_map.statements.count() == 8
    assert set(opinion_map.statements.values_list("state", flat=True)) == {StatementState.ACCEPTED}
    assert AuditEntry.objects.filter(
        action="opinions.create", target_id=str(opinion_map.pk), actor=office
    ).exists()


def test_only_the_office_creates_maps(moderator, user):
    for actor in (moderator, user):
        with pytest.raises(PermissionDenied):
            services.opinion_map_create(actor=actor, question="Frage?")
    assert not OpinionMap.objects.exists()


def test_participant_statement_waits_for_moderation(opinion_map, user):
    s = services.statement_add(
        opinion_map=opinion_map, author=user, text="  Mehr  WLAN in Bussen. "
    )
    assert (s.state, s.text, s.author) == (StatementState.PENDING, "Mehr WLAN in Bussen.", user)
    assert AuditEntry.objects.filter(
        action="opinions.statement_add", target_id=str(s.pk), actor=user
    ).exists()
    assert selectors.next_statement(opinion_map=opinion_map, participant=None).pk != s.pk


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Bitte geben Sie eine Aussage ein."),
        ("   ", "Bitte geben Sie eine Aussage ein."),
        ("x" * 281, "höchstens 280 Zeichen"),
        ("<script>alert(1)</script>", "ohne HTML"),
        ("Gut <b>fett</b>", "ohne HTML"),
        (None, "Bitte geben Sie Text ein."),
    ],
)
def test_bad_statements_are_refused(opinion_map, user, text, message):
    before = Statement.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.statement_add(opinion_map=opinion_map, author=user, text=text)
    assert message in " ".join(exc.value.messages)
    assert Statement.objects.count() == before


def test_a_statement_of_280_characters_is_fine(opinion_map, user):
    assert (
        len(services.statement_add(opinion_map=opinion_map, author=user, text="a" * 280).text)
        == 280
    )


def test_the_same_statement_twice_is_refused(opinion_map, user, other_user):
    services.statement_add(opinion_map=opinion_map, author=user, text="Mehr Bänke am Rathaus.")
    with pytest.raises(ValidationError):
        services.statement_add(
            opinion_map=opinion_map, author=other_user, text="mehr bänke am rathaus."
        )
    assert opinion_map.statements.filter(text__iexact="Mehr Bänke am Rathaus.").count() == 1


def test_blocked_users_and_closed_maps_get_no_statements(opinion_map, user):
    user.blocked_until = timezone.now() + timedelta(days=1)
    user.save()
    with pytest.raises(PermissionDenied):
        services.statement_add(opinion_map=opinion_map, author=user, text="Hallo")
    opinion_map.is_open = False
    opinion_map.save()
    with pytest.raises(ValidationError):
        services.statement_add(opinion_map=opinion_map, author=UserFactory(), text="Hallo")


def test_moderation_accepts_and_notifies_the_author(opinion_map, user, moderator):
    s = services.statement_add(opinion_map=opinion_map, author=user, text="Mehr WLAN.")
    services.statement_moderate(statement=s, actor=moderator, state=StatementState.ACCEPTED)
    s.refresh_from_db()
    assert (s.state, s.moderated_by) == (StatementState.ACCEPTED, moderator)
    assert (
        Notification.objects.filter(
            recipient=user, event_key=f"opinion-statement:{s.pk}:accepted"
        ).count()
        == 1
    )
    entry = AuditEntry.objects.get(action="opinions.statement_moderate", target_id=str(s.pk))
    assert entry.details == {"from": "pending", "to": "accepted"}


def test_only_moderators_moderate(opinion_map, user, other_user, guide):
    s = services.statement_add(opinion_map=opinion_map, author=user, text="Mehr WLAN.")
    for actor in (user, other_user, guide):
        with pytest.raises(PermissionDenied):
            services.statement_moderate(statement=s, actor=actor, state=StatementState.ACCEPTED)
    s.refresh_from_db()
    assert s.state == StatementState.PENDING


def test_vote_and_change_of_mind(opinion_map, user):
    p = services.participant_for(opinion_map=opinion_map, user=user)
    s = opinion_map.statements.first()
    services.vote_cast(participant=p, statement=s, value=1)
    services.vote_cast(participant=p, statement=s, value="-1")
    vote = Vote.objects.get()
    assert vote.value == -1
    s.refresh_from_db()
    p.refresh_from_db()
    assert s.vote_count == 1 and p.vote_count == 1
    assert AuditEntry.objects.filter(action="opinions.vote", target_id=str(s.pk)).count() == 2


@pytest.mark.parametrize("value", [5, "5", "", None, "ja", 2])
def test_vote_values_other_than_agree_disagree_pass_are_refused(opinion_map, value):
    p = services.participant_for(opinion_map=opinion_map, anonymous_key="abc")
    with pytest.raises(ValidationError):
        services.vote_cast(participant=p, statement=opinion_map.statements.first(), value=value)
    assert not Vote.objects.exists()


def test_no_votes_on_pending_rejected_or_foreign_statements(
    opinion_map, other_map, user, moderator
):
    p = services.participant_for(opinion_map=opinion_map, anonymous_key="abc")
    pending = services.statement_add(opinion_map=opinion_map, author=user, text="Noch offen.")
    rejected = services.statement_add(opinion_map=opinion_map, author=user, text="Abgelehnt.")
    services.statement_moderate(statement=rejected, actor=moderator, state=StatementState.REJECTED)
    for statement in (pending, rejected, other_map.statements.first()):
        with pytest.raises(ValidationError):
            services.vote_cast(participant=p, statement=statement, value=1)
    assert not Vote.objects.exists()


def test_no_votes_on_a_closed_map(opinion_map):
    p = services.participant_for(opinion_map=opinion_map, anonymous_key="abc")
    OpinionMap.objects.filter(pk=opinion_map.pk).update(is_open=False)
    statement = (
        Statement.objects.filter(opinion_map=opinion_map).select_related("opinion_map").first()
    )
    with pytest.raises(ValidationError):
        services.vote_cast(participant=p, statement=statement, value=1)
    assert not Vote.objects.exists()


def test_next_statement_fewest_votes_first_then_oldest(opinion_map):
    first, second, *_ = opinion_map.statements.order_by("id")
    a = services.participant_for(opinion_map=opinion_map, anonymous_key="a")
    b = services.participant_for(opinion_map=opinion_map, anonymous_key="b")
    services.vote_cast(participant=a, statement=first, value=1)
    assert selectors.next_statement(opinion_map=opinion_map, participant=b) == second
    assert selectors.next_statement(opinion_map=opinion_map, participant=a) == second
    services.vote_cast(participant=b, statement=second, value=0)
    # b: first has 1 vote, third has none -> third
    assert (
        selectors.next_statement(opinion_map=opinion_map, participant=b).pk
        == opinion_map.statements.order_by("id")[2].pk
    )


def test_recompute_is_debounced_and_runs_after_commit(
    opinion_map, make_voters, django_capture_on_commit_callbacks
):
    assert services.schedule_recompute(opinion_map_id=opinion_map.pk) is True
    assert (
        services.schedule_recompute(opinion_map_id=opinion_map.pk) is False
    )  # one pending at most
    OpinionMap.objects.filter(pk=opinion_map.pk).update(recompute_queued_at=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_voters(12)
    recomputes = [c for c in callbacks if "schedule_recompute" in c.__qualname__]
    assert len(recomputes) == 1  # 96 votes, one recompute
    result = ClusterResult.objects.get(opinion_map=opinion_map)
    assert result.n_participants == 12 and len(result.groups) == 2
    assert OpinionMap.objects.get(pk=opinion_map.pk).recompute_queued_at is None


def test_a_lost_recompute_is_queued_again_after_a_while(opinion_map):
    stale = timezone.now() - services.RECOMPUTE_STALE_AFTER - timedelta(seconds=1)
    OpinionMap.objects.filter(pk=opinion_map.pk).update(recompute_queued_at=stale)
    assert services.schedule_recompute(opinion_map_id=opinion_map.pk) is True
    assert services.schedule_recompute(opinion_map_id=opinion_map.pk) is False


def test_results_hide_figures_of_small_groups(opinion_map, make_voters, settings):
    make_voters(30, camp_split=0.8)  # 24 and 6
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    settings.SMALL_GROUP_THRESHOLD = 10
    data = selectors.results(opinion_map=opinion_map)
    sizes = {g["size"]: g for g in data["groups"]}
    assert set(sizes) == {24, 6}
    assert sizes[24]["shown"] and sizes[24]["representative"]
    assert not sizes[6]["shown"] and sizes[6]["representative"] == []
    for row in data["consensus"] + data["divisive"]:
        small = [g for g in row["groups"] if g["group"] == sizes[6]["label"]][0]
        assert small["agree"] is None and not small["shown"]


def test_anonymised_account_keeps_votes_without_the_link(opinion_map, user):
    from aufbruch.opinions.privacy import anonymise_user, export_user_data

    p = services.participant_for(opinion_map=opinion_map, user=user)
    services.vote_cast(participant=p, statement=opinion_map.statements.first(), value=1)
    assert export_user_data(user)["votes"][0]["value"] == 1
    anonymise_user(user)
    assert Vote.objects.count() == 1 and Vote.objects.get().participant.user is None
