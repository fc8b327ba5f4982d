"""Recommendations: drafting, voting, closing under the board's rules, publication and answers."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.boards import voting
from aufbruch.boards.models import (
    MajorityRule,
    Recommendation,
    RecommendationAnswer,
    RecommendationStatus,
    Vote,
)
from aufbruch.boards.selectors import is_overdue
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification

from .conftest import add_member

pytestmark = pytest.mark.django_db


def draft(board, author, ideas=()):
    return voting.recommendation_draft(
        board=board, author=author, title="Ein Infokanal", body="Bündelt alles.", ideas=ideas
    )


def open_vote(rec, actor, days=3):
    return voting.recommendation_open_vote(
        recommendation=rec, actor=actor, closes_at=timezone.now() + timedelta(days=days)
    )


def expire(rec):
    """Freeze time the other way round: move the vote's end into the past."""
    Recommendation.objects.filter(pk=rec.pk).update(
        opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(seconds=1)
    )
    rec.refresh_from_db()
    return rec


# --- the rules, exactly at their edges -----------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "members", "quorum", "rule", "quorum_reached", "adopted"),
    [
        (5, 0, 0, 10, 50, MajorityRule.SIMPLE, True, True),  # exactly half voted: quorum reached
        (4, 0, 0, 10, 50, MajorityRule.SIMPLE, False, False),  # one short of the quorum
        (3, 3, 0, 10, 50, MajorityRule.SIMPLE, True, False),  # a tie is not a majority
        (4, 3, 0, 10, 50, MajorityRule.SIMPLE, True, True),
        (2, 1, 4, 10, 50, MajorityRule.SIMPLE, True, True),  # abstentions do not count against
        (
            2,
            1,
            4,
            10,
            50,
            MajorityRule.ABSOLUTE,
            True,
            False,
        ),  # ... but do under the absolute majority
        (
            4,
            0,
            4,
            10,
            50,
            MajorityRule.ABSOLUTE,
            True,
            False,
        ),  # exactly half yes: not more than half
        (5, 0, 4, 10, 50, MajorityRule.ABSOLUTE, True, True),
        (7, 0, 0, 21, 34, MajorityRule.SIMPLE, False, False),  # 7/21 = 33.3 % < 34 %
        (7, 0, 0, 21, 33, MajorityRule.SIMPLE, True, True),  # 33.3 % >= 33 %
        (0, 0, 0, 10, 0, MajorityRule.SIMPLE, False, False),  # nobody voted: never adopted
        (1, 0, 0, 10, 0, MajorityRule.SIMPLE, True, True),
        (10, 0, 0, 10, 100, MajorityRule.ABSOLUTE, True, True),
        (9, 0, 0, 10, 100, MajorityRule.ABSOLUTE, False, False),
    ],
)
def test_vote_result_edges(yes, no, abstain, members, quorum, rule, quorum_reached, adopted):
    result = voting.vote_result(
        yes=yes, no=no, abstain=abstain, members=members, quorum_percent=quorum, majority_rule=rule
    )
    assert (result.quorum_reached, result.adopted) == (quorum_reached, adopted)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    yes=st.integers(0, 60),
    no=st.integers(0, 60),
    abstain=st.integers(0, 60),
    extra=st.integers(0, 60),
    quorum=st.integers(0, 100),
    rule=st.sampled_from(list(MajorityRule)),
)
def test_vote_result_matches_the_definition(yes, no, abstain, extra, quorum, rule):
    cast = yes + no + abstain
    members = cast + extra
    result = voting.vote_result(
        yes=yes, no=no, abstain=abstain, members=members, quorum_percent=quorum, majority_rule=rule
    )
    from fractions import Fraction

    assert result.quorum_reached == (
        cast > 0 and Fraction(cast, max(members, 1)) >= Fraction(quorum, 100)
    )
    majority = (
        Fraction(yes, cast) > Fraction(1, 2) if rule == MajorityRule.ABSOLUTE and cast else yes > no
    )
    assert result.adopted == (result.quorum_reached and majority)
    # One more yes vote (from a member who had not voted) never turns adopted into rejected.
    if extra > 0:
        more = voting.vote_result(
            yes=yes + 1,
            no=no,
            abstain=abstain,
            members=members,
            quorum_percent=quorum,
            majority_rule=rule,
        )
        assert more.adopted or not result.adopted


# --- drafting and discussion ---------------------------------------------------------------------


def test_draft_by_member_with_ideas(board, member, idea):
    rec = draft(board, member, ideas=[idea])
    assert list(rec.ideas.all()) == [idea] and rec.status == RecommendationStatus.DRAFT
    assert AuditEntry.objects.filter(
        action=AuditAction.BOARD_RECOMMENDATION_DRAFT, actor=member
    ).exists()


@pytest.mark.parametrize("who", ["office", "other_member", "user", "guide"])
def test_only_members_draft(request, board, who):
    with pytest.raises(PermissionDenied):
        draft(board, request.getfixturevalue(who))
    assert not Recommendation.objects.exists()


def test_draft_bad_input(board, member):
    with pytest.raises(ValidationError) as exc:
        voting.recommendation_draft(board=board, author=member, title="", body="x" * 10_001)
    assert set(exc.value.message_dict) == {"title", "body"}
    assert not Recommendation.objects.exists()


def test_discussion_on_a_draft(board, member, office, other_member):
    rec = draft(board, member)
    voting.recommendation_comment(recommendation=rec, author=office, body="Bitte mit Quellen.")
    with pytest.raises(PermissionDenied):
        voting.recommendation_comment(recommendation=rec, author=other_member, body="Ich auch!")
    with pytest.raises(ValidationError):
        voting.recommendation_comment(recommendation=rec, author=member, body=" ")
    assert rec.comments.count() == 1


# --- opening ---------------------------------------------------------------------------------------


def test_open_vote_validation(board, member, other_member):
    rec = draft(board, member)
    with pytest.raises(PermissionDenied):
        open_vote(rec, other_member)
    with pytest.raises(ValidationError):
        voting.recommendation_open_vote(
            recommendation=rec, actor=member, closes_at=timezone.now() - timedelta(hours=1)
        )
    with pytest.raises(ValidationError):
        voting.recommendation_open_vote(
            recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=61)
        )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.DRAFT
    open_vote(rec, member)
    with pytest.raises(ValidationError):
        open_vote(rec, member)
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_VOTE_OPEN).count() == 1


def test_office_may_open_and_members_are_told(board, member, office):
    rec = draft(board, member)
    open_vote(rec, office)
    assert Notification.objects.filter(
        recipient=member, event_key=f"board-vote-open:{rec.pk}"
    ).exists()


# --- voting ----------------------------------------------------------------------------------------


def test_one_vote_per_member_changeable_until_close(board, member):
    rec = open_vote(draft(board, member), member)
    voting.vote_cast(recommendation=rec, voter=member, choice="no")
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    assert list(Vote.objects.values_list("voter", "choice")) == [(member.pk, "yes")]
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_VOTE_CAST).count() == 3


def test_database_allows_one_vote_per_member(board, member):
    from django.db import IntegrityError, transaction

    rec = open_vote(draft(board, member), member)
    Vote.objects.create(recommendation=rec, voter=member, choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(recommendation=rec, voter=member, choice="no")


def test_vote_after_close_is_refused_whatever_the_form_says(board, member):
    rec = open_vote(draft(board, member), member)
    voting.vote_cast(recommendation=rec, voter=member, choice="no")
    expire(rec)
    with pytest.raises(ValidationError):
        voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    assert Vote.objects.get().choice == "no"


def test_vote_before_open_and_on_drafts_is_refused(board, member):
    rec = draft(board, member)
    with pytest.raises(ValidationError):
        voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    voting.recommendation_open_vote(
        recommendation=rec,
        actor=member,
        opens_at=timezone.now() + timedelta(hours=1),
        closes_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    assert not Vote.objects.exists()


@pytest.mark.parametrize("who", ["office", "other_member", "user", "guide"])
def test_non_members_cannot_vote(request, board, member, who):
    rec = open_vote(draft(board, member), member)
    with pytest.raises(PermissionDenied):
        voting.vote_cast(recommendation=rec, voter=request.getfixturevalue(who), choice="yes")
    assert not Vote.objects.exists()


def test_bad_choice(board, member):
    rec = open_vote(draft(board, member), member)
    for choice in ("", "ja", "<script>", None):
        with pytest.raises(ValidationError):
            voting.vote_cast(recommendation=rec, voter=member, choice=choice)
    assert not Vote.objects.exists()


# --- closing ---------------------------------------------------------------------------------------


def _board_with_members(board, office, n):
    return [add_member(board, office) for _ in range(n)]


def test_close_applies_quorum_and_majority_and_publishes(board, office, idea, user):
    members = _board_with_members(board, office, 10)
    follower = UserFactory()
    from aufbruch.ideas.services import idea_follow

    idea_follow(idea=idea, user=follower)
    rec = open_vote(draft(board, members[0], ideas=[idea]), members[0])
    for m, choice in zip(members, ["yes", "yes", "yes", "no", "abstain"], strict=False):
        voting.vote_cast(recommendation=rec, voter=m, choice=choice)
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert (rec.yes_count, rec.no_count, rec.abstain_count, rec.member_count) == (3, 1, 1, 10)
    assert rec.quorum_reached and rec.adopted and rec.status == RecommendationStatus.CLOSED
    assert rec.published_at is not None
    assert (
        rec.answer_due_at.date()
        == (rec.published_at + timedelta(days=voting._response_days())).date()
    )
    # The idea's author and its followers are told.
    for person in (user, follower):
        assert Notification.objects.filter(
            recipient=person, event_key=f"board-statement:{rec.pk}:{idea.pk}"
        ).exists()
    close = AuditEntry.objects.get(action=AuditAction.BOARD_VOTE_CLOSE)
    assert close.details["yes"] == 3 and close.details["adopted"] is True and close.actor == office
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_RECOMMENDATION_PUBLISH).count() == 1
    # Closing again changes nothing.
    voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_VOTE_CLOSE).count() == 1


def test_one_vote_short_of_the_quorum_is_not_adopted(board, office):
    members = _board_with_members(board, office, 10)
    rec = open_vote(draft(board, members[0]), members[0])
    for m in members[:4]:
        voting.vote_cast(recommendation=rec, voter=m, choice="yes")
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert rec.quorum_reached is False and rec.adopted is False and rec.published_at is None
    assert not AuditEntry.objects.filter(action=AuditAction.BOARD_RECOMMENDATION_PUBLISH).exists()


def test_only_the_office_closes_early(board, member):
    rec = open_vote(draft(board, member), member)
    with pytest.raises(PermissionDenied):
        voting.recommendation_close_vote(recommendation=rec, actor=member)
    # Without an actor (the scheduler) nothing happens before closes_at.
    assert (
        voting.recommendation_close_vote(recommendation=rec).status == RecommendationStatus.VOTING
    )


def test_close_due_votes_command(board, member, capsys):
    due = open_vote(draft(board, member), member)
    voting.vote_cast(recommendation=due, voter=member, choice="yes")
    running = open_vote(draft(board, member), member)
    expire(due)
    call_command("close_due_votes")
    assert "closed 1" in capsys.readouterr().out
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == RecommendationStatus.CLOSED and due.adopted  # 1 of 1 member voted yes
    assert running.status == RecommendationStatus.VOTING
    assert AuditEntry.objects.get(action=AuditAction.BOARD_VOTE_CLOSE).details["automatic"] is True


def test_close_due_votes_task(board, member):
    from aufbruch.boards.tasks import close_due_votes_task

    expire(open_vote(draft(board, member), member))
    close_due_votes_task.enqueue()
    assert Recommendation.objects.get().status == RecommendationStatus.CLOSED


def test_members_count_at_close_not_at_opening(board, office, member):
    rec = open_vote(draft(board, member), member)
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    _board_with_members(board, office, 2)  # join during the vote: 1 of 3 voted, quorum 50 % missed
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert rec.member_count == 3 and not rec.quorum_reached


# --- answers ---------------------------------------------------------------------------------------


@pytest.fixture
def published(board, office, member, idea):
    rec = open_vote(draft(board, member, ideas=[idea]), member)
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    return voting.recommendation_close_vote(recommendation=rec, actor=office)


def test_guide_of_the_department_answers(published, guide, department, member):
    answer = voting.recommendation_answer(
        recommendation=published, actor=guide, department=department, body="Wir prüfen das."
    )
    assert answer.body_html.strip() == "<p>Wir prüfen das.</p>"
    assert AuditEntry.objects.filter(
        action=AuditAction.BOARD_RECOMMENDATION_ANSWER, actor=guide
    ).exists()
    assert Notification.objects.filter(
        recipient=member, event_key=f"board-answer:{answer.pk}"
    ).exists()
    with pytest.raises(ValidationError) as exc:
        voting.recommendation_answer(
            recommendation=published, actor=guide, department=department, body="Nochmal"
        )
    assert "department" in exc.value.message_dict
    assert RecommendationAnswer.objects.count() == 1


def test_others_cannot_answer(published, other_guide, member, department):
    for actor in (other_guide, member):
        with pytest.raises(PermissionDenied):
            voting.recommendation_answer(
                recommendation=published, actor=actor, department=department, body="Nein"
            )
    assert not RecommendationAnswer.objects.exists()


def test_office_answers_and_empty_answers_are_refused(published, office, department):
    with pytest.raises(ValidationError):
        voting.recommendation_answer(
            recommendation=published, actor=office, department=department, body=""
        )
    voting.recommendation_answer(
        recommendation=published, actor=office, department=department, body="Ja."
    )


def test_unpublished_recommendations_cannot_be_answered(board, member, office, department):
    rec = draft(board, member)
    with pytest.raises(ValidationError):
        voting.recommendation_answer(
            recommendation=rec, actor=office, department=department, body="Ja."
        )


def test_overdue_after_the_deadline_until_answered(published, office, department):
    assert not is_overdue(published)
    Recommendation.objects.filter(pk=published.pk).update(
        answer_due_at=timezone.now() - timedelta(minutes=1)
    )
    published.refresh_from_db()
    assert is_overdue(published)
    voting.recommendation_answer(
        recommendation=published, actor=office, department=department, body="Spät, aber da."
    )
    published = Recommendation.objects.prefetch_related("answers").get(pk=published.pk)
    assert not is_overdue(published)
