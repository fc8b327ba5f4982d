"""Moderation as the EU Digital Services Act expects of a hosting service:
the reporter hears the outcome (Art. 16(5)), the author gets a statement of
reasons (Art. 17) and can object (Art. 20); the objection is decided by
another moderator where there is one and recorded; moderators act on any
content from its page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.comments.services import comment_create
from aufbruch.comments.tests.fixtures import grant
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.moderation.models import Decision, Objection, ObjectionStatus
from aufbruch.moderation.services import (
    content_hide,
    objection_create,
    objection_decide,
    report_create,
    report_dismiss,
)
from aufbruch.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(idea, participant):
    return comment_create(idea=idea, author=participant, body="Peter ist ein Idiot, Tel. 0170 1")


@pytest.fixture
def second_moderator(db):
    return grant(UserFactory(display_name="Zweite Moderatorin"), "moderator")


def decision_url(d):
    return reverse("moderation:decision", args=[d.pk])


# --- reporter is told the outcome ------------------------------------------------------


def test_reporters_hear_that_the_content_was_hidden(comment, other_user, moderator):
    third = UserFactory()
    report_create(reporter=other_user, target=comment, reason="insult")
    report_create(reporter=third, target=comment, reason="personal_data")
    content_hide(target=comment, actor=moderator, reason="Beleidigung und Telefonnummer.")
    decision = Decision.objects.get()
    assert decision.action == "hide" and decision.ground in ("insult", "personal_data")
    for person in (other_user, third):
        n = Notification.objects.get(recipient=person)
        assert "ausgeblendet" in n.title and n.url == decision_url(decision)
        assert n.body == "Beleidigung und Telefonnummer."
    assert set(decision.reports.values_list("reporter_id", flat=True)) == {other_user.pk, third.pk}


def test_reporters_hear_that_the_content_stays(comment, other_user, moderator, participant):
    report_create(reporter=other_user, target=comment, reason="spam")
    report_dismiss(target=comment, actor=moderator, reason="Kein Spam, eine Meinung.")
    n = Notification.objects.get(recipient=other_user)
    assert "bleibt sichtbar" in n.title and n.body == "Kein Spam, eine Meinung."
    assert not Notification.objects.filter(recipient=participant).exists()


# --- statement of reasons ------------------------------------------------------------


def test_author_gets_a_statement_of_reasons(client, comment, participant, moderator):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    n = Notification.objects.get(recipient=participant)
    assert n.url == decision_url(decision)
    client.force_login(participant)
    html = client.get(n.url).content.decode()
    for part in (
        "Begründung",  # statement of reasons
        "Peter ist ein Idiot",  # which content
        "beleidigend oder diskriminierend",  # which rule
        "Beleidigung.",  # facts
        "ausgeblendet",  # the decision
        "keine automatisierten",  # not automated
        "Widerspruch",  # how to object
        "Streitbeilegung",  # other redress
    ):
        assert part in html, part
    assert 'name="text"' in html


@pytest.mark.parametrize("who", ["anonymous", "stranger", "guide"])
def test_statement_is_private(client, comment, moderator, who, guide):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "guide":
        login_with_mfa(client, guide)
    response = client.get(decision_url(decision))
    assert response.status_code in (302, 404)
    if who != "anonymous":
        assert response.status_code == 404


# --- objections ------------------------------------------------------------------------


def test_author_objects_and_another_moderator_reverses(
    client, comment, participant, moderator, second_moderator
):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    client.force_login(participant)
    response = client.post(decision_url(decision), {"text": "Das war Satire."})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.objector == participant and objection.status == ObjectionStatus.OPEN
    assert AuditEntry.objects.filter(action="moderation.objection").count() == 1
    # the moderator who decided may not decide on the objection …
    with pytest.raises(ValidationError):
        objection_decide(
            objection=objection, actor=moderator, reverse_decision=True, reason="Doch ok."
        )
    # … another one does, over HTTP
    login_with_mfa(client, second_moderator)
    queue = client.get(reverse("moderation_staff:queue")).content.decode()
    assert reverse("moderation_staff:objection", args=[objection.pk]) in queue
    url = reverse("moderation_staff:objection", args=[objection.pk])
    assert "Das war Satire." in client.get(url).content.decode()
    response = client.post(url, {"outcome": "reverse", "reason": "Erkennbar Satire."})
    assert response.status_code == 302
    objection.refresh_from_db()
    comment.refresh_from_db()
    assert objection.status == ObjectionStatus.REVERSED and objection.handled_by == second_moderator
    assert not comment.is_hidden
    entry = AuditEntry.objects.get(action="moderation.objection_decide")
    assert entry.details["outcome"] == "reversed" and entry.details["same_moderator"] is False
    n = Notification.objects.get(
        recipient=participant, event_key__startswith="moderation:objection"
    )
    assert "aufgehoben" in n.title and n.body == "Erkennbar Satire."


def test_the_only_moderator_may_decide_on_their_own_decision(comment, participant, moderator):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    objection = objection_create(
        decision=Decision.objects.get(), objector=participant, text="Falsch."
    )
    objection_decide(objection=objection, actor=moderator, reverse_decision=False, reason="Bleibt.")
    objection.refresh_from_db()
    comment.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD and comment.is_hidden
    entry = AuditEntry.objects.get(action="moderation.objection_decide")
    assert entry.details["same_moderator"] is True


def test_reporter_objects_to_a_dismissal_and_the_content_is_hidden(
    comment, other_user, moderator, second_moderator
):
    report_create(reporter=other_user, target=comment, reason="personal_data")
    report_dismiss(target=comment, actor=moderator, reason="Kein Problem.")
    decision = Decision.objects.get()
    objection = objection_create(
        decision=decision, objector=other_user, text="Da steht meine Nummer."
    )
    objection_decide(
        objection=objection,
        actor=second_moderator,
        reverse_decision=True,
        reason="Nummer entfernt.",
    )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Nummer entfernt."
    assert Decision.objects.filter(action="hide", ground="personal_data").exists()


def test_objection_bad_input_and_wrong_people(client, comment, participant, other_user, moderator):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    client.force_login(participant)
    for text in ("", "   ", "x" * 2001):
        response = client.post(decision_url(decision), {"text": text})
        assert response.status_code == 400 and 'id="text-error"' in response.content.decode()
    response = client.post(decision_url(decision), {"text": "<script>alert(1)</script>"})
    assert response.status_code == 302
    assert Objection.objects.get().text == "<script>alert(1)</script>"
    html = client.get(decision_url(decision)).content.decode()
    assert "<script>alert(1)</script>" not in html
    # double submit
    assert client.post(decision_url(decision), {"text": "Nochmal"}).status_code == 403
    assert Objection.objects.count() == 1
    # someone who is neither author nor reporter
    with pytest.raises(PermissionDenied):
        objection_create(decision=decision, objector=other_user, text="Ich auch")
    client.force_login(other_user)
    assert client.post(decision_url(decision), {"text": "Ich auch"}).status_code == 404
    assert Objection.objects.count() == 1


@pytest.mark.parametrize("role", ["participant", "guide"])
def test_objections_are_decided_only_by_moderators(
    client, comment, participant, moderator, guide, role
):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    objection = objection_create(decision=Decision.objects.get(), objector=participant, text="x")
    person = participant if role == "participant" else guide
    login_with_mfa(client, person)
    url = reverse("moderation_staff:objection", args=[objection.pk])
    response = client.post(url, {"outcome": "reverse", "reason": "Weg damit."})
    assert response.status_code in (302, 403)
    objection.refresh_from_db()
    comment.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN and comment.is_hidden


def test_objection_decision_form_errors(client, comment, participant, moderator, second_moderator):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    objection = objection_create(decision=Decision.objects.get(), objector=participant, text="x")
    login_with_mfa(client, second_moderator)
    url = reverse("moderation_staff:objection", args=[objection.pk])
    response = client.post(url, {"outcome": "vielleicht", "reason": ""})
    html = response.content.decode()
    assert (
        response.status_code == 400 and 'id="outcome-error"' in html and 'id="reason-error"' in html
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN


# --- moderate any content from its page ----------------------------------------------


def test_moderators_see_a_moderate_action_on_ideas_and_comments(
    client, idea, comment, moderator, participant
):
    login_with_mfa(client, moderator)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("moderation_staff:item", args=["idea", idea.pk]) in html
    assert reverse("moderation_staff:item", args=["comment", comment.pk]) in html
    assert "Moderieren" in html
    client.force_login(participant)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Moderieren" not in html
    client.logout()
    assert "Moderieren" not in client.get(idea.get_absolute_url()).content.decode()


def test_moderator_hides_unreported_content_and_must_name_the_rule(client, idea, moderator, author):
    login_with_mfa(client, moderator)
    url = reverse("moderation_staff:item", args=["idea", idea.pk])
    response = client.post(url, {"action": "hide", "reason": "Werbung."})
    assert 'id="ground-error"' in response.content.decode()
    idea.refresh_from_db()
    assert not idea.is_hidden and not Decision.objects.exists()
    response = client.post(url, {"action": "hide", "reason": "Werbung.", "ground": "nonsense"})
    idea.refresh_from_db()
    assert not idea.is_hidden
    response = client.post(url, {"action": "hide", "reason": "Werbung.", "ground": "spam"})
    assert response.status_code == 302
    idea.refresh_from_db()
    decision = Decision.objects.get()
    assert idea.is_hidden and decision.ground == "spam" and decision.author == author
    n = Notification.objects.get(recipient=author)
    assert n.url == decision_url(decision)


def test_decision_and_objection_pages_use_few_queries(
    client, comment, participant, moderator, second_moderator, django_assert_max_num_queries
):
    content_hide(target=comment, actor=moderator, reason="Beleidigung.", ground="insult")
    decision = Decision.objects.get()
    objection = objection_create(decision=decision, objector=participant, text="Falsch.")
    client.force_login(participant)
    with django_assert_max_num_queries(12):
        assert client.get(decision_url(decision)).status_code == 200
    login_with_mfa(client, second_moderator)
    with django_assert_max_num_queries(14):
        url = reverse("moderation_staff:objection", args=[objection.pk])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("moderation_staff:queue")).status_code == 200
