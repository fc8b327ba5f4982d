"""The idea page anonymous visitors share is fresh by construction: every
audited action says how it changes idea pages (audit.page_effects), and
recording the audit entry renews the pages it names. These tests change
things other apps own and read the page over HTTP at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from aufbruch.accounts.services import user_delete_account, user_update_profile
from aufbruch.assumptions import services as assumptions
from aufbruch.assumptions.models import AssumptionStatus, EvidenceKind
from aufbruch.staff.models import StaffRoleKind
from aufbruch.surveys.tests.conftest import staff_user

pytestmark = pytest.mark.django_db


def page(client, idea) -> str:
    response = client.get(idea.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_anonymous_page_is_shared(client, idea, django_assert_num_queries):
    page(client, idea)
    with django_assert_num_queries(1):  # the idea row that keys the shared rendering
        page(client, idea)


def test_a_new_display_name_of_the_author_shows_at_once(client, idea, user):
    user_update_profile(user=user, actor=user, display_name="Alte Anzeige")
    assert "Alte Anzeige" in page(client, idea)
    user_update_profile(user=user, actor=user, display_name="Neue Anzeige")
    html = page(client, idea)
    assert "Neue Anzeige" in html and "Alte Anzeige" not in html


def test_a_deleted_author_shows_at_once_on_ideas_and_comments(client, make_idea, user, other_user):
    from aufbruch.comments.services import comment_create

    theirs = make_idea(user, title="Idee der gelöschten Person")
    elsewhere = make_idea(other_user, title="Idee mit ihrem Kommentar")
    comment_create(idea=elsewhere, author=user, body="Ein Kommentar von ihr")
    name = user.display_name
    assert name in page(client, theirs) and name in page(client, elsewhere)
    user_delete_account(user=user, actor=user)
    assert name not in page(client, theirs) and name not in page(client, elsewhere)


def test_a_new_status_of_a_linked_assumption_shows_at_once(client, idea, topic):
    office = staff_user(StaffRoleKind.OFFICE)
    owner = staff_user(StaffRoleKind.GUIDE, display_name="Lotsin Schmidt")
    assumption = assumptions.assumption_create(
        actor=office,
        wording="Radwege werden mehr genutzt, wenn sie breiter sind",
        topic=topic,
        owner=owner,
        review_due_on=timezone.localdate(),
    )
    assumptions.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.IDEA, object_id=idea.pk
    )
    with translation.override("de"):
        open_label = str(AssumptionStatus.OPEN.label)
        confirmed_label = str(AssumptionStatus.CONFIRMED.label)
    assert f"({open_label})" in page(client, idea)
    assumptions.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="confirmed",
        reasoning="Die Zählstellen zeigen es.",
        next_review_on=timezone.localdate() + timedelta(days=90),
        evidence_ids=[],
    )
    html = page(client, idea)
    assert f"({confirmed_label})" in html and f"({open_label})" not in html
