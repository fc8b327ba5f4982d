from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aufbruch.assumptions import services
from aufbruch.assumptions.models import Assumption, Evidence, EvidenceKind, Review
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.surveys import services as survey_services
from aufbruch.surveys.selectors import RESULTS_BATCH

from .conftest import Built, pdf_bytes

pytestmark = pytest.mark.django_db


def test_public_pages_tell_the_story(
    client, assumption, owner, office, later, django_assert_max_num_queries
):
    built = Built(office, results_visibility="always")
    for _ in range(RESULTS_BATCH):
        survey_services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory()
        )
    e = services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.likert.pk,
    )
    services.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="adjusted",
        reasoning="Viele brauchen **Hilfe**.",
        new_wording="Ältere Menschen buchen online, wenn jemand hilft",
        next_review_on=later,
        evidence_ids=[e.pk],
    )
    with django_assert_max_num_queries(12):
        html = client.get(reverse("assumptions:detail", args=[assumption.pk])).content.decode()
    assert "Was die Stadt annahm" in html and "Ältere Menschen wollen Termine online buchen" in html
    assert (
        "Ältere Menschen buchen online, wenn jemand hilft" in html
        and "<strong>Hilfe</strong>" in html
    )
    assert "angepasst" in html and "<svg" in html
    with django_assert_max_num_queries(8):
        html = client.get(reverse("assumptions:list")).content.decode()
    assert (
        "Was wir lernen" in html
        and "jetzt „Ältere Menschen buchen online, wenn jemand hilft“" in html
    )
    with django_assert_max_num_queries(8):
        html = client.get(reverse("assumptions:report")).content.decode()
    assert "Hauptausschuss" in html and "ursprünglich" in html


def test_staff_only_survey_results_are_not_shown_publicly(client, assumption, office):
    built = Built(office, results_visibility="staff")
    services.evidence_link(
        assumption=assumption,
        actor=office,
        kind=EvidenceKind.SURVEY_QUESTION,
        object_id=built.likert.pk,
    )
    html = client.get(reverse("assumptions:detail", args=[assumption.pk])).content.decode()
    assert "<svg" not in html and "nach ihrem Ende veröffentlicht" in html


def test_manage_pages_per_role(client, user, guide, office):
    url = reverse("assumptions:manage_list")
    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code == 403
    login_with_mfa(client, guide)
    assert client.get(url).status_code == 403
    client.force_login(office)
    assert client.get(url)["Location"] == reverse("mfa_activate_totp")
    login_with_mfa(client, office)
    assert client.get(url).status_code == 200


def test_office_records_assumption_over_http(client, office, owner, topic):
    login_with_mfa(client, office)
    url = reverse("assumptions:manage_list")
    bad = client.post(
        url, {"wording": "", "topic": topic.pk, "owner": owner.pk, "review_due_on": "kein Datum"}
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and not Assumption.objects.exists()
    assert 'id="id_wording_error"' in html and 'id="id_review_due_on_error"' in html
    ok = client.post(
        url,
        {
            "wording": "Die Innenstadt braucht freies WLAN",
            "topic": topic.pk,
            "owner": owner.pk,
            "review_due_on": timezone.localdate().isoformat(),
        },
    )
    assert ok.status_code == 302 and Assumption.objects.get().owner == owner


def test_link_evidence_over_http(client, office, assumption):
    login_with_mfa(client, office)
    url = reverse("assumptions:manage_detail", args=[assumption.pk])
    bad = client.post(url, {"kind": "idea", "object_id": "999999"})
    assert (
        bad.status_code == 400
        and "Es gibt keinen öffentlichen Eintrag mit dieser Nummer." in bad.content.decode()
    )
    bad = client.post(
        url,
        {
            "kind": "document",
            "title": "Studie",
            "document": SimpleUploadedFile("a.pdf", b"GIF89a...."),
        },
    )
    assert (
        bad.status_code == 400 and "Bitte laden Sie ein PDF-Dokument hoch." in bad.content.decode()
    )
    assert not Evidence.objects.exists()
    ok = client.post(
        url,
        {
            "kind": "document",
            "title": "Studie",
            "document": SimpleUploadedFile("a.pdf", pdf_bytes()),
        },
    )
    assert ok.status_code == 302
    evidence = Evidence.objects.get()
    assert client.get(evidence.document.url).status_code == 200  # public document


def test_review_over_http_owner_only(client, assumption, owner, guide, later):
    url = reverse("assumptions:review", args=[assumption.pk])
    login_with_mfa(client, guide)
    assert client.get(url).status_code == 403
    login_with_mfa(client, owner)
    bad = client.post(
        url,
        {
            "outcome": "adjusted",
            "reasoning": "Grund",
            "new_wording": "",
            "next_review_on": later.isoformat(),
        },
    )
    assert bad.status_code == 400 and 'id="id_new_wording_error"' in bad.content.decode()
    assert re.search(r'value="adjusted"[^>]*checked', bad.content.decode())  # input kept
    assert not Review.objects.exists()
    ok = client.post(
        url,
        {
            "outcome": "confirmed",
            "reasoning": "Die Umfrage bestätigt es.",
            "next_review_on": later.isoformat(),
        },
    )
    assert ok.status_code == 302 and Review.objects.get().outcome == "confirmed"


def test_review_form_before_due_date(client, assumption, owner, later):
    Assumption.objects.filter(pk=assumption.pk).update(
        review_due_on=timezone.localdate() + timedelta(days=5)
    )
    login_with_mfa(client, owner)
    url = reverse("assumptions:review", args=[assumption.pk])
    assert "noch nicht fällig" in client.get(url).content.decode()
    client.post(
        url, {"outcome": "confirmed", "reasoning": "Zu früh", "next_review_on": later.isoformat()}
    )
    assert not Review.objects.exists()


def test_idea_page_names_the_assumptions_it_supports(
    client, assumption, office, user, topic, django_assert_max_num_queries
):
    from aufbruch.ideas.services import idea_submit

    idea = idea_submit(author=user, title="Termine online buchen", body="Bitte", topic=topic)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Was die Stadt aus dieser Idee lernt" not in html
    services.evidence_link(
        assumption=assumption, actor=office, kind=EvidenceKind.IDEA, object_id=idea.pk
    )
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Was die Stadt aus dieser Idee lernt" in html and assumption.get_absolute_url() in html


def test_review_evidence_is_a_list_without_doubled_punctuation(
    client, assumption, owner, office, later
):
    """Evidence titles often end in a full stop ("… online buchen."); joining
    them with "; " gave "online buchen.; Haben Sie …"."""
    built = Built(office, results_visibility="always")
    evidence = [
        services.evidence_link(
            assumption=assumption, actor=office, kind=EvidenceKind.SURVEY_QUESTION, object_id=q.pk
        )
        for q in (built.likert, built.used)
    ]
    services.assumption_review(
        assumption=assumption,
        actor=owner,
        outcome="confirmed",
        reasoning="Bestätigt.",
        next_review_on=later,
        evidence_ids=[e.pk for e in evidence],
    )
    html = client.get(reverse("assumptions:detail", args=[assumption.pk])).content.decode()
    assert ".;" not in html and "?;" not in html
    for e in evidence:
        assert f"<li>{e.title}</li>" in html
