from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from aufbruch.assumptions import selectors, services
from aufbruch.assumptions.models import Assumption, AssumptionStatus, Evidence, EvidenceKind, Review
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification
from aufbruch.surveys import services as survey_services
from aufbruch.surveys.selectors import RESULTS_BATCH

from .conftest import Built, pdf_bytes

pytestmark = pytest.mark.django_db


def test_create_records_wording_and_audit(assumption, office):
    assert (
        assumption.original_wording == assumption.wording
        and assumption.status == AssumptionStatus.OPEN
    )
    assert "<strong>Bürgerportal</strong>" in assumption.explanation_html
    assert AuditEntry.objects.filter(
        action="assumptions.create", target_id=str(assumption.pk), actor=office
    ).exists()


@pytest.mark.parametrize("role", ["participant", "guide"])
def test_only_office_records_assumptions(role, user, guide, owner, topic):
    actor = user if role == "participant" else guide
    with pytest.raises(PermissionDenied):
        services.assumption_create(
            actor=actor, wording="X", topic=topic, owner=owner, review_due_on=timezone.localdate()
        )
    assert not Assumption.objects.exists()


def test_create_rejects_bad_input(office, owner, user, topic):
    today = timezone.localdate()
    for wording in ("", "   ", "\x00\x07", "x" * 301):
        with pytest.raises(ValidationError) as exc:
            services.assumption_create(
                actor=office, wording=wording, topic=topic, owner=owner, review_due_on=today
            )
        assert "wording" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.assumption_create(
            actor=office, wording="X", topic=topic, owner=user, review_due_on=today
        )
    assert "owner" in exc.value.message_dict
    a = services.assumption_create(
        actor=office,
        wording="<script>x()</script>WLAN",
        topic=topic,
        owner=owner,
        review_due_on=today,
    )
    assert a.wording == "<script>x()</script>WLAN"  # as typed, escaped on output


def test_link_survey_question_idea_and_document(assumption, office, user, topic):
    from aufbruch.ideas.services import idea_submit

    built = Built(office)
    e1 = services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.likert.pk,
    )
    assert e1.title == built.likert.text
    idea = idea_submit(author=user, title="Termine online", body="Bitte online buchen", topic=topic)
    services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.IDEA,
        object_id=idea.pk,
        note="viel Zuspruch",
    )
    doc = SimpleUploadedFile("studie.pdf", pdf_bytes(), content_type="application/pdf")
    e3 = services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.DOCUMENT,
        document=doc,
        title="Studie 2020",
    )
    assert e3.document.name.endswith(".pdf") and "studie" not in e3.document.name
    assert AuditEntry.objects.filter(action="assumptions.evidence_link").count() == 3
    # Published results: they appear with the first batch of responses.
    for _ in range(RESULTS_BATCH):
        survey_services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory()
        )
    items = selectors.evidence_items(assumption)
    assert (
        items[0]["result"].respondents == RESULTS_BATCH
        and items[1]["support_count"] == idea.support_count
    )


def test_evidence_rejects_bad_input(assumption, office, user):
    draft = Built(office, publish=False)
    cases = [
        dict(kind=EvidenceKind.IDEA, object_id=999999),
        dict(kind=EvidenceKind.IDEA, object_id=None),
        dict(kind=EvidenceKind.SURVEY_QUESTION, object_id=draft.used.pk),  # not public
        dict(kind="nonsense", object_id=1),
        dict(
            kind=EvidenceKind.DOCUMENT,
            document=SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>"),
            title="Fake",
        ),
        dict(
            kind=EvidenceKind.DOCUMENT, document=SimpleUploadedFile("x.pdf", pdf_bytes()), title=""
        ),
        dict(kind=EvidenceKind.DOCUMENT, document=None, title="Ohne Datei"),
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            services.evidence_link(assumption=assumption, actor=office, **case)
    with pytest.raises(PermissionDenied):
        services.evidence_link(
            assumption=assumption, actor=user, kind=EvidenceKind.IDEA, object_id=1
        )
    assert not Evidence.objects.exists()


def test_document_size_limit(assumption, office, monkeypatch):
    monkeypatch.setattr(services, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(ValidationError) as exc:
        services.evidence_link(
            assumption=assumption,
            actor=office,
            kind=EvidenceKind.DOCUMENT,
            document=SimpleUploadedFile("x.pdf", pdf_bytes()),
            title="Zu groß",
        )
    assert "document" in exc.value.message_dict


def test_same_evidence_only_once(assumption, office):
    built = Built(office)
    services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.used.pk,
    )
    with pytest.raises(ValidationError):
        services.evidence_link(
            assumption=assumption,
            actor=office,
            kind=EvidenceKind.SURVEY_QUESTION,
            object_id=built.used.pk,
        )
    assert Evidence.objects.count() == 1


def test_opinions_and_meetings_are_optional(assumption, office):
    for kind in (EvidenceKind.STATEMENT, EvidenceKind.MEETING):
        model = services.evidence_model(kind)
        if model is None:
            with pytest.raises(ValidationError) as exc:
                services.evidence_link(assumption=assumption, actor=office, kind=kind, object_id=1)
            assert "kind" in exc.value.message_dict
        else:
            with pytest.raises(ValidationError) as exc:
                services.evidence_link(
                    assumption=assumption, actor=office, kind=kind, object_id=987654
                )
            assert "object_id" in exc.value.message_dict


def test_adjusted_review_keeps_the_wording_history(assumption, owner, office, later):
    built = Built(office)
    e = services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.likert.pk,
    )
    review = services.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="adjusted",
        reasoning="Die Umfrage zeigt: eher nicht.",
        new_wording="Ältere Menschen wollen Termine online buchen, wenn jemand hilft",
        next_review_on=later,
        evidence_ids=[e.pk],
    )
    assumption.refresh_from_db()
    assert assumption.status == AssumptionStatus.ADJUSTED and assumption.review_due_on == later
    assert assumption.wording.endswith("wenn jemand hilft")
    assert assumption.original_wording == "Ältere Menschen wollen Termine online buchen"
    assert review.previous_wording == "Ältere Menschen wollen Termine online buchen" and list(
        review.evidence.all()
    ) == [e]
    entry = AuditEntry.objects.get(action="assumptions.review")
    assert entry.details["outcome"] == "adjusted" and entry.actor == owner


def test_review_rules(assumption, owner, guide, user, later):
    for actor in (guide, user):
        with pytest.raises(PermissionDenied):
            services.assumption_review(
                assumption=assumption,
                actor=actor,
                outcome="confirmed",
                reasoning="x",
                next_review_on=later,
            )
    bad = [
        dict(outcome="adjusted", reasoning="Grund", new_wording="", next_review_on=later),
        dict(
            outcome="adjusted",
            reasoning="Grund",
            new_wording=assumption.wording,
            next_review_on=later,
        ),
        dict(outcome="confirmed", reasoning="", next_review_on=later),
        dict(outcome="confirmed", reasoning="Grund", next_review_on=None),
        dict(outcome="confirmed", reasoning="Grund", next_review_on=timezone.localdate()),
        dict(outcome="maybe", reasoning="Grund", next_review_on=later),
        dict(outcome="confirmed", reasoning="x" * 5001, next_review_on=later),
        dict(outcome="confirmed", reasoning="Grund", next_review_on=later, evidence_ids=[123456]),
    ]
    for case in bad:
        with pytest.raises(ValidationError):
            services.assumption_review(assumption=assumption, actor=owner, **case)
    assert not Review.objects.exists()


def test_review_only_on_or_after_the_due_date(assumption, owner, later):
    Assumption.objects.filter(pk=assumption.pk).update(
        review_due_on=timezone.localdate() + timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.assumption_review(
            assumption=assumption,
            actor=owner,
            outcome="confirmed",
            reasoning="Grund",
            next_review_on=later,
        )
    assert not Review.objects.exists()


def test_discarded_assumption_ends_reviews(assumption, owner, later):
    services.assumption_review(
        assumption=assumption, actor=owner, outcome="discarded", reasoning="Widerlegt."
    )
    assumption.refresh_from_db()
    assert assumption.status == AssumptionStatus.DISCARDED
    with pytest.raises(ValidationError):
        services.assumption_review(
            assumption=assumption,
            actor=owner,
            outcome="confirmed",
            reasoning="Doch",
            next_review_on=later,
        )


def test_reminder_is_sent_once_per_due_date(
    assumption, owner, office, topic, mailoutbox, django_capture_on_commit_callbacks
):
    services.assumption_create(
        actor=office,
        wording="Noch nicht fällig",
        topic=topic,
        owner=owner,
        review_due_on=timezone.localdate() + timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_assumption_reviews")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_assumption_reviews")
    notes = Notification.objects.filter(recipient=owner)
    assert notes.count() == 1
    assert notes.get().title.startswith("Überprüfung fällig") and notes.get().url.endswith(
        f"/staff/assumptions/{assumption.pk}/review/"
    )
    assert len(mailoutbox) == 1


def test_timeline_and_reviews_selectors(assumption, owner, later):
    services.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="confirmed",
        reasoning="Bestätigt.",
        next_review_on=later,
    )
    assert [r.outcome for r in selectors.review_timeline()] == ["confirmed"]
    assert len(selectors.assumption_reviews(assumption)) == 1


def test_opinion_statement_as_evidence_with_vote_tallies(assumption, office, user):
    opinions = pytest.importorskip("aufbruch.opinions.services")
    opinion_map = opinions.opinion_map_create(
        actor=office,
        question="Wie digital soll die Stadt sein?",
        statements=("Termine online buchen ist gut",),
    )
    statement = opinion_map.statements.get()
    pending = opinions.statement_add(
        opinion_map=opinion_map, author=user, text="Noch nicht moderiert"
    )
    with pytest.raises(ValidationError):
        services.evidence_link(
            assumption=assumption, actor=office, kind=EvidenceKind.STATEMENT, object_id=pending.pk
        )
    participant = opinions.participant_for(opinion_map=opinion_map, user=user)
    opinions.vote_cast(participant=participant, statement=statement, value=1)
    services.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.STATEMENT, object_id=statement.pk
    )
    item = selectors.evidence_items(assumption)[0]
    assert item["votes"] == {"agree_count": 1, "disagree_count": 0, "pass_count": 0}
    assert item["url"] == opinion_map.get_absolute_url()


def test_event_as_evidence_shows_its_published_results(assumption, office):
    meetings = pytest.importorskip("aufbruch.meetings.models")
    now = timezone.now()
    meeting = meetings.Meeting.objects.create(
        title="Digitalgipfel",
        starts_at=now,
        ends_at=now + timedelta(hours=3),
        capacity=100,
        registration_opens_at=now - timedelta(days=10),
        registration_closes_at=now,
        organiser=office,
        is_published=True,
        results="Viele wollen WLAN.",
        results_html="<p>Viele wollen WLAN.</p>",
        results_published_at=now,
    )
    services.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.MEETING, object_id=meeting.pk
    )
    item = selectors.evidence_items(assumption)[0]
    assert (
        item["meeting_results"] == "<p>Viele wollen WLAN.</p>"
        and item["url"] == meeting.get_absolute_url()
    )
    meeting.pk = None
    meeting.is_published = False
    meeting.save()  # a second, unpublished event
    with pytest.raises(ValidationError) as exc:
        services.evidence_link(
            assumption=assumption, actor=office, kind=EvidenceKind.MEETING, object_id=meeting.pk
        )
    assert exc.value.message_dict == {
        "object_id": ["Es gibt keinen öffentlichen Eintrag mit dieser Nummer."]
    }


def test_migration_repairs_text_escaped_before(assumption):
    from importlib import import_module

    from django.apps import apps

    a = assumption
    Assumption.objects.filter(pk=a.pk).update(
        wording="Rad &amp; Bus &lt;-&gt; Bahn", original_wording="A &amp;amp; B"
    )
    import_module("aufbruch.assumptions.migrations.0002_unescape_plain_text").forwards(apps, None)
    a.refresh_from_db()
    assert a.wording == "Rad & Bus <-> Bahn" and a.original_wording == "A &amp; B"
