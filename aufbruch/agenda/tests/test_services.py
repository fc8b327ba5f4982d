from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from aufbruch.agenda import services
from aufbruch.agenda.diff import word_diff
from aufbruch.agenda.models import (
    AgendaComment,
    Amendment,
    AmendmentStatus,
    Document,
    DocumentStatus,
    Paragraph,
    Section,
    SectionVote,
    Version,
    VersionParagraph,
)
from aufbruch.audit.models import AuditEntry
from aufbruch.committees.services import meeting_create
from aufbruch.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_import_makes_sections_and_paragraphs(draft):
    sections = list(draft.sections.order_by("position"))
    assert [(s.number, s.title, s.level) for s in sections] == [
        ("1", "Lernende Stadt", 1),
        ("1.1", "Bibliotheken", 2),
        ("2", "Vernetzte Mobilität", 1),
    ]
    assert [p.section.number for p in draft.paragraphs.order_by("position")] == [
        "1",
        "1",
        "1.1",
        "2",
    ]
    assert draft.status == DocumentStatus.DRAFT
    assert AuditEntry.objects.filter(action="agenda.document_create").count() == 1


def test_publish_creates_version_one(draft, office):
    version = services.document_publish(document=draft, actor=office)
    assert version.number == 1
    assert VersionParagraph.objects.filter(version=version).count() == 4
    assert Document.objects.get(pk=draft.pk).status == DocumentStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.document_publish(document=draft, actor=office)
    assert Version.objects.count() == 1


def test_import_replaces_a_draft_but_not_a_published_text(draft, document, office):
    with pytest.raises(ValidationError):
        services.document_import(document=document, actor=office, sections=[])
    assert document.paragraphs.count() == 4


def test_only_the_office_creates_and_publishes(draft, resident, guide, moderator):
    for person in (resident, guide, moderator):
        with pytest.raises(PermissionDenied):
            services.document_create(actor=person, title="X")
        with pytest.raises(PermissionDenied):
            services.document_publish(document=draft, actor=person)
    assert Document.objects.count() == 1
    assert Version.objects.count() == 0


def test_comment_counts_and_hostile_html_is_escaped(paragraph, resident):
    comment = services.comment_create(
        paragraph=paragraph, author=resident, body="<script>alert(1)</script> **gut**"
    )
    assert "<script>" not in comment.body_html
    assert "<strong>gut</strong>" in comment.body_html
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 1
    assert AuditEntry.objects.filter(action="agenda.comment_create").count() == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_bad_comments_change_nothing(paragraph, resident, body):
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=paragraph, author=resident, body=body)
    assert AgendaComment.objects.count() == 0
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 0


def test_double_submit_and_replies(paragraph, resident, participant):
    top = services.comment_create(paragraph=paragraph, author=resident, body="Erster Gedanke")
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=paragraph, author=resident, body="Erster Gedanke")
    reply = services.comment_create(
        paragraph=paragraph, author=participant, body="Antwort", parent=top
    )
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=paragraph, author=resident, body="Tiefer", parent=reply)
    assert Notification.objects.filter(
        recipient=resident, event_key=f"agenda:comment:{reply.pk}"
    ).exists()
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 2


def test_delete_leaves_a_tombstone_and_recounts(paragraph, resident, participant):
    c = services.comment_create(paragraph=paragraph, author=resident, body="Weg damit")
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=c, actor=participant)
    services.comment_delete(comment=c, actor=resident)
    c.refresh_from_db()
    assert c.is_deleted and c.body == ""
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 0


def test_closed_switches_and_period(document, paragraph, section, resident, office):
    services.document_update(
        document=document,
        actor=office,
        title=document.title,
        intro="",
        comments_open=False,
        amendments_open=False,
        voting_open=False,
        opens_at=None,
        closes_at=None,
    )
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=paragraph, author=resident, body="Zu spät")
    with pytest.raises(ValidationError):
        services.amendment_propose(paragraph=paragraph, author=resident, text="Neu", reason="Weil")
    with pytest.raises(ValidationError):
        services.section_vote(section=section, user=resident, choice="agree")
    services.document_update(
        document=document,
        actor=office,
        title=document.title,
        intro="",
        comments_open=True,
        amendments_open=True,
        voting_open=True,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.amendment_propose(paragraph=paragraph, author=resident, text="Neu", reason="Weil")
    assert Amendment.objects.count() == 0 and AgendaComment.objects.count() == 0
    assert SectionVote.objects.count() == 0


def test_drafts_take_no_participation(draft, resident):
    p = draft.paragraphs.first()
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=p, author=resident, body="Schon da?")
    assert AgendaComment.objects.count() == 0


def test_vote_once_changeable_counters_exact(section, resident, participant):
    services.section_vote(section=section, user=resident, choice="agree")
    services.section_vote(section=section, user=resident, choice="agree")
    services.section_vote(section=section, user=participant, choice="disagree")
    s = Section.objects.get(pk=section.pk)
    assert (s.agree_count, s.disagree_count, s.abstain_count) == (1, 1, 0)
    services.section_vote(section=section, user=resident, choice="abstain")
    s = Section.objects.get(pk=section.pk)
    assert (s.agree_count, s.disagree_count, s.abstain_count) == (0, 1, 1)
    assert SectionVote.objects.filter(section=section).count() == 2
    assert services.vote_totals([section.pk]) == {section.pk: {"disagree": 1, "abstain": 1}}


def test_bad_vote_and_anonymous(section, resident):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValidationError):
        services.section_vote(section=section, user=resident, choice="maybe")
    with pytest.raises(PermissionDenied):
        services.section_vote(section=section, user=AnonymousUser(), choice="agree")
    assert SectionVote.objects.count() == 0


def test_amendment_support_accept_notifies_and_new_version(
    document, paragraph, resident, participant, office
):
    a = services.amendment_propose(
        paragraph=paragraph,
        author=resident,
        text="Alle Generationen lernen digital und analog.",
        reason="Beides zählt.",
    )
    assert Paragraph.objects.get(pk=paragraph.pk).open_amendment_count == 1
    with pytest.raises(ValidationError):
        services.amendment_support(amendment=a, user=resident)
    services.amendment_support(amendment=a, user=participant)
    services.amendment_support(amendment=a, user=participant)
    assert Amendment.objects.get(pk=a.pk).support_count == 1
    services.amendment_accept(amendment=a, actor=office, reason="Gute Ergänzung.")
    p = Paragraph.objects.get(pk=paragraph.pk)
    assert p.text == "Alle Generationen lernen digital und analog."
    assert p.open_amendment_count == 0
    assert Amendment.objects.get(pk=a.pk).status == AmendmentStatus.ACCEPTED
    recipients = set(
        Notification.objects.filter(event_key=f"agenda:amendment:{a.pk}:accepted").values_list(
            "recipient_id", flat=True
        )
    )
    assert recipients == {resident.pk, participant.pk}
    with pytest.raises(ValidationError):
        services.amendment_reject(amendment=a, actor=office, reason="Doch nicht")
    version = services.version_publish(
        document=document, actor=office, note="Änderungsantrag übernommen"
    )
    assert version.number == 2
    vp = VersionParagraph.objects.get(version=version, paragraph=paragraph)
    assert vp.amendment_id == a.pk and vp.change_reason == "Gute Ergänzung."
    with pytest.raises(ValidationError):
        services.version_publish(document=document, actor=office, note="Nichts")


def test_reject_needs_reasons_and_notifies(paragraph, resident, office):
    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Anders.", reason="Darum."
    )
    with pytest.raises(ValidationError):
        services.amendment_reject(amendment=a, actor=office, reason="")
    assert Amendment.objects.get(pk=a.pk).status == AmendmentStatus.OPEN
    services.amendment_reject(amendment=a, actor=office, reason="Passt nicht zum Ziel.")
    a.refresh_from_db()
    assert a.status == AmendmentStatus.REJECTED and a.decision_reason == "Passt nicht zum Ziel."
    assert Notification.objects.filter(
        recipient=resident, event_key__startswith=f"agenda:amendment:{a.pk}"
    ).exists()
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Alle Generationen lernen digital."


def test_merge_two_amendments(paragraph, resident, participant, office):
    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Variante A.", reason="A"
    )
    b = services.amendment_propose(
        paragraph=paragraph, author=participant, text="Variante B.", reason="B"
    )
    services.amendment_merge(
        amendments=[a, b], actor=office, text="Variante A und B.", reason="Zusammengeführt"
    )
    assert set(Amendment.objects.values_list("status", flat=True)) == {AmendmentStatus.MERGED}
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Variante A und B."


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "Grund"),
        ("Neu", ""),
        ("x" * 10_001, "Grund"),
        ("Alle Generationen lernen digital.", "Gleich"),
    ],
)
def test_bad_amendments_change_nothing(paragraph, resident, text, reason):
    with pytest.raises(ValidationError):
        services.amendment_propose(paragraph=paragraph, author=resident, text=text, reason=reason)
    assert Amendment.objects.count() == 0


def test_residents_cannot_decide(paragraph, resident, participant, guide, moderator):
    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Anders.", reason="Darum."
    )
    for person in (resident, participant, guide, moderator):
        with pytest.raises(PermissionDenied):
            services.amendment_accept(amendment=a, actor=person)
    assert Amendment.objects.get(pk=a.pk).status == AmendmentStatus.OPEN


def test_adopt_with_committee_meeting_closes_participation(document, paragraph, office, resident):
    meeting = meeting_create(
        actor=office, committee="Rat der Stadt", date=date(2021, 7, 1), reference="RAT/2021/7"
    )
    version = document.versions.get(number=1)
    with pytest.raises(ValidationError):
        services.document_adopt(
            version=version, actor=office, adopted_on=date(2021, 7, 1), reference=""
        )
    adopted = services.document_adopt(
        version=version,
        actor=office,
        adopted_on=date(2021, 7, 1),
        reference="RAT/2021/7",
        committee_meeting=meeting,
    )
    assert adopted.is_adopted and adopted.committee_meeting == meeting
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.ADOPTED
    with pytest.raises(ValidationError):
        services.comment_create(paragraph=paragraph, author=resident, body="Noch was")
    with pytest.raises(ValidationError):
        services.document_adopt(
            version=version, actor=office, adopted_on=date(2021, 7, 1), reference="X"
        )


def test_paragraph_edit_after_publication_needs_a_reason(document, paragraph, office):
    with pytest.raises(ValidationError):
        services.paragraph_edit(paragraph=paragraph, actor=office, text="Neu formuliert.")
    services.paragraph_edit(
        paragraph=paragraph, actor=office, text="Neu formuliert.", reason="Redaktionell"
    )
    v = services.version_publish(document=document, actor=office, note="Redaktion")
    assert (
        VersionParagraph.objects.get(version=v, paragraph=paragraph).change_reason == "Redaktionell"
    )


def test_citation_of_hidden_or_missing_idea_is_refused(paragraph, office, idea):
    services.citation_add(paragraph=paragraph, actor=office, kind="idea", object_id=idea.pk)
    with pytest.raises(ValidationError):
        services.citation_add(paragraph=paragraph, actor=office, kind="idea", object_id=idea.pk)
    with pytest.raises(ValidationError):
        services.citation_add(paragraph=paragraph, actor=office, kind="idea", object_id=999_999)
    with pytest.raises(ValidationError):
        services.citation_add(paragraph=paragraph, actor=office, kind="nonsense", object_id=idea.pk)


def test_word_diff_escapes_and_labels():
    d = word_diff("Der Bus fährt.", "Der <b>Bus</b> fährt pünktlich.")
    assert "<b>" not in d.html and "&lt;b&gt;" in d.html
    assert "<ins>" in d.html and "<del>" in d.html and "ab-visually-hidden" in d.html
    d = word_diff("Der Bus fährt oft", "Der Bus fährt selten")
    assert (d.inserted, d.deleted) == (1, 1)
    assert d.html.startswith("Der Bus fährt <del>")


def test_without_notifications_writes_no_rows(paragraph, resident, participant, office):
    with services.without_notifications():
        a = services.amendment_propose(
            paragraph=paragraph, author=resident, text="Still.", reason="Leise"
        )
        services.amendment_support(amendment=a, user=participant)
        services.amendment_accept(amendment=a, actor=office)
    assert Notification.objects.count() == 0


def test_export_and_anonymise(paragraph, section, resident, participant):
    from aufbruch.accounts.services import user_delete_account, user_export_data

    services.comment_create(paragraph=paragraph, author=resident, body="Meins")
    services.section_vote(section=section, user=resident, choice="agree")
    data = user_export_data(user=resident)["agenda"]
    assert data["comments"][0]["text"] == "Meins" and data["votes"][0]["choice"] == "agree"
    user_delete_account(user=resident, actor=resident)
    assert Section.objects.get(pk=section.pk).agree_count == 1
    assert AgendaComment.objects.get().author.is_deleted


def test_moderation_hides_and_restores_with_reason(paragraph, resident, participant, moderator):
    from aufbruch.moderation.services import content_hide, content_restore, report_create

    c = services.comment_create(paragraph=paragraph, author=resident, body="Unfreundlich")
    report_create(reporter=participant, target=c, reason="insult")
    content_hide(target=c, actor=moderator, reason="Beleidigend")
    c.refresh_from_db()
    assert c.is_hidden and c.hidden_reason == "Beleidigend"
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 0
    content_restore(target=c, actor=moderator, reason="Doch ok")
    assert Paragraph.objects.get(pk=paragraph.pk).comment_count == 1
    assert AgendaComment.objects.filter(pk=c.pk).exists()
