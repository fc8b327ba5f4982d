"""Each permission across the roles; forbidden actions change nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from aufbruch.agenda import services
from aufbruch.agenda.models import AgendaComment, Amendment, Document, SectionVote
from aufbruch.core.testing import login_with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(resident, guide, office, moderator):
    return {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "guide": guide,
        "office": office,
        "moderator": moderator,
    }


def test_permission_matrix(people, document):
    draft = services.document_create(actor=people["office"], title="Noch geheim")
    expected = {
        "agenda.view_document": {"anonymous", "resident", "guide", "office", "moderator"},
        "agenda.comment": {"resident", "guide", "office", "moderator"},
        "agenda.vote": {"resident", "guide", "office", "moderator"},
        "agenda.manage_document": {"office"},
        "agenda.decide_amendment": {"office"},
    }
    for perm, allowed in expected.items():
        for role, user in people.items():
            assert user.has_perm(perm, document) == (role in allowed), (perm, role)
    # a draft: only the office sees it
    assert {r for r, u in people.items() if u.has_perm("agenda.view_document", draft)} == {"office"}


def test_blocked_resident_cannot_write(document, paragraph, section, resident):
    from datetime import timedelta

    from django.utils import timezone

    resident.blocked_until = timezone.now() + timedelta(days=1)
    resident.save()
    assert not resident.has_perm("agenda.comment", document)
    with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
        services.comment_create(paragraph=paragraph, author=resident, body="Gesperrt")
    assert AgendaComment.objects.count() == 0


@pytest.mark.parametrize("role", ["resident", "guide", "moderator"])
def test_staff_pages_refuse_non_office(client, people, draft, role):
    user = people[role]
    if role == "resident":
        client.force_login(user)
    else:
        login_with_mfa(client, user)
    for url in (reverse("agenda_staff:list"), reverse("agenda_staff:detail", args=[draft.pk])):
        assert client.get(url).status_code in (302, 403)
    client.post(reverse("agenda_staff:detail", args=[draft.pk]), {"action": "publish"})
    client.post(reverse("agenda_staff:list"), {"title": "Fremd", "source": "# A\n\nB"})
    assert Document.objects.get(pk=draft.pk).status == "draft"
    assert Document.objects.count() == 1


def test_anonymous_posts_change_nothing(client, document, paragraph, section):
    client.post(reverse("agenda:comment", args=[document.pk, paragraph.pk]), {"body": "Anonym"})
    client.post(
        reverse("agenda:propose", args=[document.pk, paragraph.pk]), {"text": "X", "reason": "Y"}
    )
    client.post(reverse("agenda:vote", args=[section.pk]), {"choice": "agree"})
    assert (
        AgendaComment.objects.count()
        == Amendment.objects.count()
        == SectionVote.objects.count()
        == 0
    )


def test_someone_elses_comment_cannot_be_deleted(client, paragraph, resident, participant):
    c = services.comment_create(paragraph=paragraph, author=resident, body="Meiner")
    client.force_login(participant)
    assert client.post(reverse("agenda:comment_delete", args=[c.pk])).status_code == 403
    assert not AgendaComment.objects.get(pk=c.pk).is_deleted


def test_report_an_agenda_comment(client, paragraph, resident, participant):
    from aufbruch.moderation.models import Report

    c = services.comment_create(paragraph=paragraph, author=resident, body="Melden bitte")
    client.force_login(participant)
    url = reverse("moderation:report", args=["agenda_comment", c.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "spam"})
    assert Report.objects.filter(object_id=c.pk).count() == 1


def test_moderator_hides_a_reported_amendment_through_the_queue(
    client, paragraph, resident, participant, moderator
):
    from aufbruch.moderation.services import report_create

    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Werbung!", reason="Kauft X"
    )
    report_create(reporter=participant, target=a, reason="spam")
    login_with_mfa(client, moderator)
    assert "Werbung" in client.get(reverse("moderation_staff:queue")).content.decode()
    url = reverse("moderation_staff:item", args=["agenda_amendment", a.pk])
    assert "Kauft X" in client.get(url).content.decode()
    client.post(url, {"action": "hide", "reason": "Werbung"})
    a.refresh_from_db()
    assert a.is_hidden and a.hidden_reason == "Werbung"
    assert Amendment.objects.filter(pk=a.pk).exists()
    client.force_login(participant)
    assert client.get(a.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert "Werbung" in client.get(a.get_absolute_url()).content.decode()
