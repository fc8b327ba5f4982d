"""The committee in public, the administration's position, the plain-language
summary and the fuller committee paper (letterhead, discussion, page numbers)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.committees import positions
from aufbruch.committees.models import AdministrationPosition, Decision, PositionStatus
from aufbruch.committees.services import (
    agenda_add,
    agenda_item_set_plain_summary,
    meeting_create,
    meeting_record_decisions,
)
from aufbruch.core.testing import DistrictFactory, UserFactory, login_with_mfa
from aufbruch.ideas.models import IdeaStatus
from aufbruch.ideas.services import idea_support
from aufbruch.ideas.workflow import idea_change_status

from .test_committees import to_pool

pytestmark = pytest.mark.django_db
DRAFT = "Die Verwaltung hält die Idee für umsetzbar (ENTWURF-GEHEIM)."


@pytest.fixture
def upcoming(office):
    return meeting_create(
        actor=office,
        committee="Hauptausschuss",
        date=timezone.localdate() + timedelta(days=10),
        reference="HA/2026/30",
    )


@pytest.fixture
def item(idea, office, upcoming):
    to_pool(idea, office)
    return agenda_add(meeting=upcoming, idea=idea, actor=office)


def _public_pages(client, item):
    urls = [
        reverse("council:list"),
        reverse("council:detail", args=[item.meeting_id]),
        item.idea.get_absolute_url(),
        reverse("figures:list"),
    ]
    return "".join(client.get(u).content.decode() for u in urls)


def test_position_workflow_and_what_the_public_sees(
    client, item, guide, office, other_guide, participant
):
    with pytest.raises(PermissionDenied):
        positions.position_save(item=item, actor=other_guide, position="x", proposed_resolution="y")
    with pytest.raises(PermissionDenied):
        positions.position_save(item=item, actor=participant, position="x", proposed_resolution="y")
    assert not AdministrationPosition.objects.exists()
    pos = positions.position_save(
        item=item,
        actor=guide,
        position=DRAFT,
        proposed_resolution="Prüfauftrag",
        cost_estimate="12.500,50",
    )
    assert pos.status == PositionStatus.DRAFT and pos.cost_estimate == Decimal("12500.50")
    assert DRAFT not in _public_pages(client, item)  # a draft is never public
    positions.position_submit(item=item, actor=guide)
    assert DRAFT not in _public_pages(client, item)
    with pytest.raises(PermissionDenied):
        positions.position_review(item=item, actor=guide, approve=True)
    with pytest.raises(ValidationError) as exc:
        positions.position_review(item=item, actor=office, approve=False, note="")
    assert "Bitte sagen Sie, was geändert werden soll." in exc.value.messages
    returned = positions.position_review(
        item=item, actor=office, approve=False, note="Kosten ergänzen"
    )
    assert returned.status == PositionStatus.DRAFT and returned.review_note == "Kosten ergänzen"
    positions.position_submit(item=item, actor=guide)
    approved = positions.position_review(item=item, actor=office, approve=True)
    assert approved.status == PositionStatus.APPROVED and approved.approved_by == office
    html = client.get(reverse("council:detail", args=[item.meeting_id])).content.decode()
    assert DRAFT in html and "Prüfauftrag" in html and "12.500,50 €" in html
    # a change makes it a draft again, out of public view until approved anew
    positions.position_save(
        item=item, actor=guide, position="Neu: " + DRAFT, proposed_resolution="Prüfauftrag"
    )
    assert DRAFT not in _public_pages(client, item)
    actions = list(
        AuditEntry.objects.filter(action__startswith="guides.committee_position").values_list(
            "action", flat=True
        )
    )
    assert (
        actions.count("guides.committee_position_save") == 2
        and "guides.committee_position_approve" in actions
    )


def test_position_bad_input_changes_nothing(client, item, guide):
    login_with_mfa(client, guide)
    url = reverse("committees:position", args=[item.pk])
    for data, field_error in (
        (
            {"position": "", "proposed_resolution": "x"},
            "Bitte schreiben Sie die Stellungnahme der Verwaltung.",
        ),
        ({"position": "x" * 5001, "proposed_resolution": "x"}, "zu lang"),
        (
            {
                "position": "<script>alert(1)</script>",
                "proposed_resolution": "x",
                "cost_estimate": "viel",
            },
            "Betrag in Euro",
        ),
    ):
        r = client.post(url, {"action": "save", **data})
        assert r.status_code == 400 and field_error in r.content.decode()
        assert "<script>alert(1)</script>" not in r.content.decode()
    assert not AdministrationPosition.objects.exists()
    r = client.post(
        url,
        {"action": "save", "position": "Gut", "proposed_resolution": "Ja", "cost_estimate": "1000"},
    )
    assert r.status_code == 302 and AdministrationPosition.objects.get().cost_estimate == Decimal(
        "1000"
    )
    r = client.post(url, {"action": "approve"})  # a guide cannot approve
    assert (
        r.status_code == 403 and AdministrationPosition.objects.get().status == PositionStatus.DRAFT
    )
    assert client.get(reverse("committees:positions")).status_code == 200


def test_decision_only_on_or_after_the_session_day(item, office):
    with pytest.raises(ValidationError) as exc:
        meeting_record_decisions(
            meeting=item.meeting, actor=office, decisions={item.pk: (Decision.ADOPTED, "ok")}
        )
    assert "erst ab dem Sitzungstag" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.decision == "" and item.idea.status == IdeaStatus.POOL
    with pytest.raises(ValidationError) as exc:
        idea_change_status(
            idea=item.idea,
            actor=office,
            to_status=IdeaStatus.DECIDED,
            explanation="x",
            decided_at=timezone.localdate() + timedelta(days=1),
        )
    assert "Zukunft" in str(exc.value)


def test_timeline_uses_the_session_date(client, idea, office):
    to_pool(idea, office)
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/7"
    )
    it = agenda_add(meeting=meeting, idea=idea, actor=office)
    meeting_record_decisions(
        meeting=meeting, actor=office, decisions={it.pk: (Decision.ADOPTED, "Begründung")}
    )
    html = client.get(idea.get_absolute_url()).content.decode()
    assert (
        '– <span class="ab-decision-date">Beschluss vom <time datetime="2026-03-02">2. März 2026</time></span>'
        in html
    )
    assert "Aktenzeichen HA/7" in html


def test_plain_summary_rules_and_input(idea, office, guide, other_guide, participant):
    to_pool(idea, office)
    meeting = meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/8"
    )
    it = agenda_add(meeting=meeting, idea=idea, actor=office)
    with pytest.raises(ValidationError):  # not decided yet
        agenda_item_set_plain_summary(item=it, actor=office, text="Kurz")
    meeting_record_decisions(
        meeting=meeting, actor=office, decisions={it.pk: (Decision.ADOPTED, "Begründung")}
    )
    for actor in (other_guide, participant):
        with pytest.raises(PermissionDenied):
            agenda_item_set_plain_summary(item=it, actor=actor, text="Kurz")
    with pytest.raises(ValidationError):
        agenda_item_set_plain_summary(item=it, actor=guide, text="x" * 601)
    it.refresh_from_db()
    assert it.plain_summary == ""
    assert agenda_item_set_plain_summary(item=it, actor=guide, text=" Ja. ").plain_summary == "Ja."


def test_paper_has_letterhead_discussion_and_page_numbers(settings, client, item, office, guide):
    settings.COMMITTEE_LETTERHEAD = "Stadt Gütersloh – Der Bürgermeister"
    district = DistrictFactory(name="Avenwedde")
    year = timezone.localdate().year
    for _n in range(11):
        idea_support(idea=item.idea, user=UserFactory(district=district, birth_year=year - 40))
    for _n in range(3):
        idea_support(idea=item.idea, user=UserFactory(birth_year=year - 20))
    for _n in range(10):
        idea_support(idea=item.idea, user=UserFactory(birth_year=year - 70))
    for _n in range(12):
        idea_support(idea=item.idea, user=UserFactory())
    positions.position_save(
        item=item,
        actor=guide,
        position="Sinnvoll.",
        proposed_resolution="Prüfen.",
        cost_estimate="5000",
    )
    login_with_mfa(client, office)
    html = client.get(reverse("committees:paper", args=[item.meeting_id])).content.decode()
    assert "Stadt Gütersloh – Der Bürgermeister" in html
    assert "36 Unterstützungen" in html and "Avenwedde: 11" in html
    # 18-29: 3 people, under the threshold; 60-74 (10) hidden with it, else 3 would follow from the total
    assert "30 bis 44: 11" in html and "18 bis 29" not in html and "60 bis 74" not in html
    assert "Sinnvoll." not in html  # a draft stays out of the paper
    from aufbruch.committees import selectors

    if not selectors.pdf_available():
        pytest.skip("WeasyPrint is not installed")
    from django.template.loader import render_to_string

    from aufbruch.committees.selectors import PRINT_STYLESHEETS
    from aufbruch.committees.views import _paper_context
    from aufbruch.core.pdf import page_texts

    printed = render_to_string("committees/paper_print.html", _paper_context(item.meeting))
    pages = page_texts(printed, base_url="http://testserver/", stylesheets=PRINT_STYLESHEETS)
    assert pages[0].endswith(f"Seite 1 von {len(pages)}")
    r = client.get(reverse("committees:paper_pdf", args=[item.meeting_id]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")


@pytest.mark.parametrize("role", ["anonymous", "participant", "author", "moderator"])
def test_nothing_staff_only_on_public_pages(client, request, role, item, guide, office, as_role):
    """Internal notes, unapproved positions and a session's decisions before
    they are recorded never reach the public pages, whoever looks."""
    from aufbruch.guides.services import internal_note_add

    internal_note_add(idea=item.idea, actor=guide, text="INTERN-NUR-FUER-STAFF")
    positions.position_save(
        item=item, actor=guide, position=DRAFT, proposed_resolution="ENTWURF-VORSCHLAG"
    )
    positions.position_submit(item=item, actor=guide)
    as_role(role)
    html = _public_pages(client, item)
    for secret in (
        "INTERN-NUR-FUER-STAFF",
        DRAFT,
        "ENTWURF-VORSCHLAG",
        "Stellungnahme der Verwaltung und Beschlussvorschlag",
    ):
        assert secret not in html, (role, secret)
    assert (
        "Beschluss:"
        not in client.get(reverse("council:detail", args=[item.meeting_id])).content.decode()
    )
