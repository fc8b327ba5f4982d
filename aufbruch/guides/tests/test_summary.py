"""Kurz und einfach: a plain-language summary of an official response,
written by the idea's guide or the office, shown first on the idea page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import login_with_mfa
from aufbruch.guides.models import OfficialResponse
from aufbruch.guides.services import idea_assign, response_publish, response_summary_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(idea, guide, office, department):
    idea_assign(idea=idea, actor=office, department=department, assignee=guide)
    return response_publish(idea=idea, actor=guide, text="Eine lange Stellungnahme der Verwaltung.")


@pytest.mark.parametrize("role", ["guide", "office"])
def test_guide_or_office_writes_the_summary(request, response, role):
    actor = request.getfixturevalue(role)
    saved = response_summary_set(response=response, actor=actor, summary="Kurz: **ja**.")
    assert saved.summary == "Kurz: **ja**." and "<strong>ja</strong>" in saved.summary_html
    entry = AuditEntry.objects.get(action="guides.response_summary")
    assert entry.actor == actor and entry.details["summary"] == "Kurz: **ja**."


@pytest.mark.parametrize("role", [None, "other_guide", "moderator", "author", "participant"])
def test_others_may_not_write_a_summary(request, response, role):
    actor = request.getfixturevalue(role) if role else None
    with pytest.raises(PermissionDenied):
        response_summary_set(response=response, actor=actor, summary="Kurz.")
    assert OfficialResponse.objects.get().summary == ""
    assert not AuditEntry.objects.filter(action="guides.response_summary").exists()


@pytest.mark.parametrize(("value", "message"), [
    ("   ", "Bitte schreiben Sie die Zusammenfassung"),
    ("x" * 1001, "zu lang"),
])  # fmt: skip
def test_summary_service_bad_input(response, guide, value, message):
    with pytest.raises(ValidationError) as exc:
        response_summary_set(response=response, actor=guide, summary=value)
    assert message in " ".join(exc.value.message_dict["summary"])
    assert OfficialResponse.objects.get().summary == ""


def test_idea_page_shows_the_summary_first(client, response, guide):
    response_summary_set(
        response=response, actor=guide, summary="Die Idee ist gut.\nWir prüfen sie."
    )
    html = client.get(response.idea.get_absolute_url()).content.decode()
    assert "Kurz und einfach" in html
    assert html.index("Die Idee ist gut.") < html.index("Eine lange Stellungnahme")


@pytest.mark.parametrize(("role", "allowed"), [
    ("guide", True), ("office", True), ("other_guide", False), ("moderator", False),
    ("author", False), ("participant", False),
])  # fmt: skip
def test_only_the_ideas_guide_or_the_office_writes_a_summary(
    client, as_role, response, role, allowed
):
    as_role(role)
    result = client.post(
        reverse("guides:response_summary", args=[response.pk]),
        {f"summary-{response.pk}-summary": "Kurz gesagt: ja."},
    )
    response.refresh_from_db()
    if allowed:
        assert result.status_code == 302 and response.summary == "Kurz gesagt: ja."
    else:
        assert result.status_code == 403 and response.summary == ""


@pytest.mark.parametrize(("value", "message"), [
    ("", "Bitte füllen Sie dieses Feld aus."),
    ("x" * 1001, "höchstens 1000 Zeichen"),
])  # fmt: skip
def test_summary_bad_input(client, response, guide, value, message):
    login_with_mfa(client, guide)
    result = client.post(
        reverse("guides:response_summary", args=[response.pk]),
        {f"summary-{response.pk}-summary": value},
    )
    assert result.status_code == 400 and message in result.content.decode()
    assert OfficialResponse.objects.get().summary == ""


def test_summary_hostile_html_and_double_submit(client, response, guide):
    login_with_mfa(client, guide)
    data = {f"summary-{response.pk}-summary": "<script>alert(1)</script> Ja."}
    assert (
        client.post(reverse("guides:response_summary", args=[response.pk]), data).status_code == 302
    )
    again = client.post(reverse("guides:response_summary", args=[response.pk]), data)
    assert again.status_code == 400 and "nicht geändert" in again.content.decode()
    html = client.get(response.idea.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
