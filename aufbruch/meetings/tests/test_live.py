from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import login_with_mfa
from aufbruch.ideas.models import Idea
from aufbruch.meetings import live, services
from aufbruch.meetings.live_views import COOKIE
from aufbruch.meetings.models import (
    ContributionKind,
    ContributionStatus,
    LiveContribution,
    LiveVote,
)

pytestmark = pytest.mark.django_db


def approved(session, text="Wann kommt das WLAN?", kind=ContributionKind.QUESTION, office=None):
    c = live.live_post(session=session, client_id="someone", kind=kind, text=text)
    return live.live_moderate(
        contribution=c, actor=office or session.meeting.organiser, approve=True
    )


def test_post_validation(live_session):
    with pytest.raises(ValidationError):
        live.live_post(session=live_session, client_id="a", kind="question", text="   ")
    with pytest.raises(ValidationError):
        live.live_post(session=live_session, client_id="a", kind="question", text="x" * 281)
    with pytest.raises(ValidationError):
        live.live_post(session=live_session, client_id="a", kind="poll", text="Hallo")
    c = live.live_post(
        session=live_session,
        client_id="a",
        kind="question",
        text="<script>alert(1)</script>Frage <b>eins</b>",
    )
    # stored as typed; the templates escape it when it is shown
    assert c.text == "<script>alert(1)</script>Frage <b>eins</b>"
    assert c.status == ContributionStatus.PENDING
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_LIVE_POST).count() == 1


def test_one_vote_per_browser(live_session):
    c = approved(live_session)
    assert live.live_vote(contribution=c, client_id="browser-1") is True
    assert live.live_vote(contribution=c, client_id="browser-1") is False
    assert live.live_vote(contribution=c, client_id="browser-2") is True
    c.refresh_from_db()
    assert c.vote_count == 2 == LiveVote.objects.count()


def test_pending_and_closed_cannot_be_voted(live_session, office):
    pending = live.live_post(session=live_session, client_id="a", kind="question", text="Frage")
    with pytest.raises(ValidationError):
        live.live_vote(contribution=pending, client_id="b")
    c = approved(live_session)
    live_session = services.session_update(session=live_session, actor=office, live_open=False)
    c.session.refresh_from_db()
    with pytest.raises(ValidationError):
        live.live_vote(contribution=c, client_id="b")
    with pytest.raises(ValidationError):
        live.live_post(session=live_session, client_id="a", kind="question", text="Noch eine")


def test_only_moderators_and_the_organiser_moderate(live_session, moderator, user):
    c = live.live_post(session=live_session, client_id="a", kind="question", text="Frage")
    with pytest.raises(PermissionDenied):
        live.live_moderate(contribution=c, actor=user, approve=True)
    live.live_moderate(contribution=c, actor=moderator, approve=False)
    c.refresh_from_db()
    assert c.status == ContributionStatus.REJECTED and c.moderated_by == moderator


# --- over HTTP -------------------------------------------------------------------------


def live_url(session):
    return reverse("meetings:live", args=[session.meeting_id, session.pk])


def test_live_page_post_and_vote_without_account(
    client, live_session, django_assert_max_num_queries
):
    for i in range(12):
        approved(live_session, text=f"Frage {i}")
    with django_assert_max_num_queries(6):
        response = client.get(live_url(live_session))
    assert response.status_code == 200 and COOKIE in response.cookies
    response = client.post(
        live_url(live_session), {"kind": "idea", "text": "Sitzbänke mit Steckdosen"}
    )
    assert response.status_code == 302
    c = LiveContribution.objects.get(text="Sitzbänke mit Steckdosen")
    assert c.status == ContributionStatus.PENDING and c.kind == "idea"
    assert (
        "Sitzbänke" not in client.get(live_url(live_session)).content.decode()
    )  # not before approval

    target = LiveContribution.objects.get(text="Frage 3")
    vote = reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, target.pk])
    client.post(vote)
    client.post(vote)
    target.refresh_from_db()
    assert target.vote_count == 1
    response = client.post(vote, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "1 Stimme" in response.content.decode()


def test_live_bad_input_keeps_text_and_changes_nothing(client, live_session):
    client.get(live_url(live_session))
    response = client.post(live_url(live_session), {"kind": "question", "text": "x" * 300})
    assert response.status_code == 400 and 'id="id_text_error"' in response.content.decode()
    response = client.post(live_url(live_session), {"kind": "question", "text": ""})
    assert response.status_code == 400
    assert not LiveContribution.objects.exists()


def test_forged_or_closed_session_ids(client, live_session, make_meeting, office):
    other = make_meeting(title="Anderes")
    response = client.get(reverse("meetings:live", args=[other.pk, live_session.pk]))
    assert response.status_code == 404 and "Live-Seite nicht gefunden" in response.content.decode()
    response = client.get(reverse("meetings:live", args=[live_session.meeting_id, 999999]))
    assert response.status_code == 404
    response = client.post(
        reverse("meetings:live", args=[other.pk, live_session.pk]),
        {"kind": "question", "text": "Hallo"},
    )
    assert response.status_code == 404 and not LiveContribution.objects.exists()
    services.session_update(session=live_session, actor=office, live_open=False)
    response = client.get(live_url(live_session))
    assert response.status_code == 404 and "geschlossen" in response.content.decode()


def test_vote_for_a_contribution_of_another_session_is_404(client, live_session, office):
    other = services.session_create(
        meeting=live_session.meeting,
        actor=office,
        title="Zweite",
        live_open=True,
        starts_at=live_session.starts_at,
        ends_at=live_session.ends_at,
    )
    c = approved(other)
    response = client.post(
        reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, c.pk])
    )
    assert response.status_code == 404 and not LiveVote.objects.exists()


def test_live_posting_is_rate_limited_per_browser(client, live_session, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "live_post": (2, 60)}
    client.get(live_url(live_session))
    codes = [
        client.post(live_url(live_session), {"kind": "question", "text": f"F{i}"}).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    assert LiveContribution.objects.count() == 2


def test_projector_full_page_and_polling_partial(
    client, live_session, django_assert_max_num_queries
):
    approved(live_session, text="Große Frage")
    url = reverse("meetings:projector", args=[live_session.meeting_id, live_session.pk])
    with django_assert_max_num_queries(4):
        page = client.get(url).content.decode()
    assert 'hx-trigger="every 3s"' in page and "Große Frage" in page
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Große Frage" in partial and "<html" not in partial


def test_moderation_page_approves_and_turns_cards_into_ideas(
    client, live_session, office, user, topic
):
    card = live.live_post(
        session=live_session, client_id="a", kind="idea", text="Mitfahrbänke in Isselhorst"
    )
    url = reverse("meetings:live_moderation", args=[live_session.meeting_id, live_session.pk])
    client.force_login(user)
    assert client.post(url, {"contribution": card.pk, "action": "approve"}).status_code == 403
    card.refresh_from_db()
    assert card.status == ContributionStatus.PENDING
    login_with_mfa(client, office)
    assert "Mitfahrbänke" in client.get(url).content.decode()
    client.post(url, {"contribution": card.pk, "action": "approve"})
    card.refresh_from_db()
    assert card.status == ContributionStatus.APPROVED
    client.post(url, {"contribution": card.pk, "action": "idea", "topic": ""})
    assert not Idea.objects.exists()
    client.post(url, {"contribution": card.pk, "action": "idea", "topic": topic.pk})
    client.post(
        url, {"contribution": card.pk, "action": "idea", "topic": topic.pk}
    )  # double submit
    assert Idea.objects.get().title == "Mitfahrbänke in Isselhorst"


def test_shared_live_list_gets_each_browsers_token_and_votes(live_session):
    from django.test import Client

    first = approved(live_session, text="Erste Frage")
    approved(live_session, text="Zweite Frage")
    url = live_url(live_session)
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = alice.get(url).content.decode()
    assert "<!--csrf-->" not in page and "<!--vote:" not in page
    token = page.split('name="csrfmiddlewaretoken" value="')[2].split('"')[0]  # a vote form's token
    vote = reverse("meetings:live_vote", args=[live_session.meeting_id, live_session.pk, first.pk])
    assert alice.post(vote, {"csrfmiddlewaretoken": token}).status_code == 302
    page = alice.get(url).content.decode()  # the list itself comes from the shared cache
    assert page.count("Sie haben abgestimmt") == 1 and page.count("Dafür stimmen") == 1
    assert bob.get(url).content.decode().count("Dafür stimmen") == 2
    first.refresh_from_db()
    assert first.vote_count == 1
