"""Data export and account deletion: applications and memberships go,
votes stay counted without their voter, contributions stay anonymised."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.accounts.services import user_delete_account, user_export_data
from aufbruch.boards import services, voting, workspace
from aufbruch.boards.models import BoardApplication, Membership, Post, Vote

from .conftest import MINOR_YEAR, MP4_BYTES, add_member, upload

pytestmark = pytest.mark.django_db


def test_export_contains_the_users_board_data(board, office, user):
    application = services.application_submit(
        board=board,
        applicant=user,
        motivation="Meine Motivation",
        birth_year=MINOR_YEAR,
        video=upload("v.mp4", MP4_BYTES),
    )
    services.application_decide(application=application, actor=office, accept=True)
    services.membership_record_consent(
        membership=application.membership,
        actor=office,
        guardian_name="Eva Muster",
        given_on=timezone.localdate(),
        method="paper",
    )
    data = user_export_data(user=user)["boards"]
    assert (
        data["applications"][0]["motivation"] == "Meine Motivation"
        and data["applications"][0]["birth_year"] == MINOR_YEAR
    )
    assert data["memberships"][0]["guardian_consent"]["guardian"] == "Eva Muster"


def test_export_of_others_contains_nothing_of_this_board(board, member, other_user):
    workspace.thread_create(board=board, author=member, title="Intern", body="Nur für uns")
    data = user_export_data(user=other_user)["boards"]
    assert data == {
        "applications": [],
        "memberships": [],
        "posts": [],
        "recommendation_comments": [],
        "votes": [],
    }


def test_deletion_removes_applications_and_memberships_keeps_votes_counted(board, office, member):
    other = add_member(board, office)
    rec = voting.recommendation_draft(board=board, author=member, title="T", body="B")
    voting.recommendation_open_vote(
        recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    voting.vote_cast(recommendation=rec, voter=other, choice="no")
    workspace.thread_create(board=board, author=member, title="Bleibt", body="Mein Beitrag")
    application = BoardApplication.objects.get(applicant=member)
    user_delete_account(user=member, actor=member)

    assert not BoardApplication.objects.filter(pk=application.pk).exists()
    assert not Membership.objects.filter(user=member).exists()
    assert Vote.objects.filter(recommendation=rec).count() == 2
    assert Vote.objects.filter(recommendation=rec, voter__isnull=True).get().choice == "yes"
    assert Post.objects.get(body="Mein Beitrag").author.public_name != "Mitglied Mia"
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    assert (rec.yes_count, rec.no_count) == (1, 1)


def test_deletion_removes_uploaded_media(board, user):
    application = services.application_submit(
        board=board,
        applicant=user,
        motivation="Hallo",
        birth_year=MINOR_YEAR,
        video=upload("v.mp4", MP4_BYTES),
    )
    path = application.video.path
    assert os.path.exists(path)
    user_delete_account(user=user, actor=user)
    assert not os.path.exists(path)
    assert not BoardApplication.objects.exists()
