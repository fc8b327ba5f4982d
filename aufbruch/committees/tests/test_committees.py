import csv
import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.committees.models import AgendaItem, CommitteeMeeting
from aufbruch.committees.services import (
    agenda_add,
    meeting_create,
    meeting_record_decisions,
)
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea, IdeaStatus, StatusChange
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.notifications.models import Notification

pytestmark = pytest.mark.django_db
S = IdeaStatus


def to_pool(idea, actor):
    idea_change_status(idea=idea, actor=actor, to_status=S.IN_REVIEW, explanation="Prüfung")
    idea_change_status(idea=idea, actor=actor, to_status=S.POOL, explanation="In den Projektpool")
    return idea


@pytest.fixture
def pool(idea, office, topic):
    second = idea_submit(
        author=UserFactory(), title="Digitale Sprechstunde", body="Per Video", topic=topic
    )
    third = idea_submit(
        author=UserFactory(), title='=HYPERLINK("x") Formel', body="Text", topic=topic
    )
    return [to_pool(i, office) for i in (idea, second, third)]


@pytest.fixture
def meeting(office):
    return meeting_create(
        actor=office, committee="Hauptausschuss", date=date(2026, 3, 2), reference="HA/2026/12"
    )


@pytest.fixture
def office_client(client, office):
    from aufbruch.core.testing import login_with_mfa

    login_with_mfa(client, office)
    return client


def test_create_meeting_bad_input(office, guide):
    with pytest.raises(ValidationError) as exc:
        meeting_create(actor=office, committee=" ", date=None, reference="x" * 101)
    assert set(exc.value.message_dict) == {"committee", "date", "reference"}
    with pytest.raises(PermissionDenied):
        meeting_create(
            actor=guide, committee="Hauptausschuss", date=date(2026, 3, 2), reference="A"
        )
    assert not CommitteeMeeting.objects.exists()


def test_only_pool_ideas_on_the_agenda_once(meeting, pool, office, topic):
    agenda_add(meeting=meeting, idea=pool[0], actor=office)
    with pytest.raises(ValidationError):
        agenda_add(meeting=meeting, idea=pool[0], actor=office)
    fresh = idea_submit(author=UserFactory(), title="Noch nicht geprüft", body="Text", topic=topic)
    with pytest.raises(ValidationError):
        agenda_add(meeting=meeting, idea=fresh, actor=office)
    assert AgendaItem.objects.count() == 1
    assert AuditEntry.objects.filter(action="guides.committee_agenda").count() == 1


def test_decisions_move_every_idea_in_one_step(
    meeting, pool, office, author, supporter, django_capture_on_commit_callbacks
):
    items = [agenda_add(meeting=meeting, idea=i, actor=office) for i in pool]
    decisions = {
        items[0].pk: ("adopted", "Der Ausschuss beschließt die Umsetzung."),
        items[1].pk: ("pool", "Zurückgestellt bis zum Haushalt 2027."),
        items[2].pk: ("declined", "Rechtlich nicht möglich."),
    }
    with django_capture_on_commit_callbacks(execute=True):
        meeting_record_decisions(meeting=meeting, actor=office, decisions=decisions)
    statuses = {i.pk: Idea.objects.get(pk=i.pk).status for i in pool}
    assert statuses == {pool[0].pk: S.DECIDED, pool[1].pk: S.POOL, pool[2].pk: S.DECLINED}
    changes = StatusChange.objects.filter(reference="HA/2026/12", decided_at=date(2026, 3, 2))
    assert changes.count() == 3
    back = changes.get(idea=pool[1])
    assert (back.from_status, back.to_status) == (S.POOL, S.POOL)
    assert AuditEntry.objects.filter(action="guides.committee_decision").count() == 3
    assert CommitteeMeeting.objects.get(pk=meeting.pk).decided_at is not None
    assert Notification.objects.filter(
        recipient=supporter, event_key=f"status:{changes.get(idea=pool[0]).pk}"
    ).exists()
    assert any(author.email in m.to for m in mail.outbox)
    with pytest.raises(ValidationError):
        meeting_record_decisions(meeting=meeting, actor=office, decisions=decisions)


def test_one_bad_decision_records_nothing(meeting, pool, office):
    items = [agenda_add(meeting=meeting, idea=i, actor=office) for i in pool]
    decisions = {
        items[0].pk: ("adopted", "Ja."),
        items[1].pk: ("declined", ""),
        items[2].pk: ("maybe", "x"),
    }
    notifications_before = Notification.objects.count()
    with pytest.raises(ValidationError) as exc:
        meeting_record_decisions(meeting=meeting, actor=office, decisions=decisions)
    assert set(exc.value.message_dict) == {
        f"item-{items[1].pk}-explanation",
        f"item-{items[2].pk}-decision",
    }
    assert all(Idea.objects.get(pk=i.pk).status == S.POOL for i in pool)
    assert not StatusChange.objects.filter(reference="HA/2026/12").exists()
    assert not AuditEntry.objects.filter(action="guides.committee_decision").exists()
    assert (
        Notification.objects.count() == notifications_before
    )  # the adopted item's notices were rolled back too
    assert CommitteeMeeting.objects.get(pk=meeting.pk).decided_at is None


def test_decide_form_keeps_input_and_shows_errors(office_client, meeting, pool, office):
    items = [agenda_add(meeting=meeting, idea=i, actor=office) for i in pool]
    data = {
        f"item-{items[0].pk}-decision": "adopted",
        f"item-{items[0].pk}-explanation": "Beschlossen <b>sofort</b>",
        f"item-{items[1].pk}-decision": "declined",
        f"item-{items[1].pk}-explanation": "",
    }
    r = office_client.post(reverse("committees:decide", args=[meeting.pk]), data)
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        f'id="item-{items[1].pk}-explanation-error"' in html
        and f'id="item-{items[2].pk}-decision-error"' in html
    )
    assert "Beschlossen &lt;b&gt;sofort&lt;/b&gt;" in html
    assert all(Idea.objects.get(pk=i.pk).status == S.POOL for i in pool)


def test_pages_and_paper(
    office_client, meeting, pool, office, django_assert_max_num_queries, monkeypatch
):
    from aufbruch.committees import selectors
    from aufbruch.guides.services import internal_note_add

    monkeypatch.setattr(selectors, "pdf_available", lambda: False)  # a server without WeasyPrint

    internal_note_add(idea=pool[0], actor=office, text="NUR-INTERN-123")
    r = office_client.post(
        reverse("committees:list"), {"committee": "", "date": "kein Datum", "reference": ""}
    )
    assert (
        r.status_code == 400
        and "id_committee_error" in r.content.decode()
        and CommitteeMeeting.objects.count() == 1
    )
    r = office_client.post(
        reverse("committees:list"), {"committee": "Rat", "date": "2026-07-01", "reference": "R/1"}
    )
    assert r.status_code == 302 and CommitteeMeeting.objects.count() == 2
    for idea in pool:
        assert (
            office_client.post(
                reverse("committees:agenda_add", args=[meeting.pk]), {"idea": idea.pk}
            ).status_code
            == 302
        )
    r = office_client.post(reverse("committees:agenda_add", args=[meeting.pk]), {"idea": "abc"})
    assert r.status_code == 400
    with django_assert_max_num_queries(12):
        r = office_client.get(reverse("committees:paper", args=[meeting.pk]))
    html = r.content.decode()
    assert (
        r.status_code == 200
        and "Vorlage" in html
        and "Digitale Sprechstunde" in html
        and "HA/2026/12" in html
    )
    assert "NUR-INTERN-123" not in html
    assert (
        "paper.css" in html and reverse("committees:paper_pdf", args=[meeting.pk]) not in html
    )  # no WeasyPrint here
    assert office_client.get(reverse("committees:paper_pdf", args=[meeting.pk])).status_code == 404
    with django_assert_max_num_queries(12):
        r = office_client.get(reverse("committees:paper_csv", args=[meeting.pk]))
    assert "NUR-INTERN-123" not in r.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Punkt" and len(rows) == 4
    assert rows[3][2].startswith("'=")  # no formula injection
    with django_assert_max_num_queries(15):
        assert office_client.get(reverse("committees:detail", args=[meeting.pk])).status_code == 200
    item = AgendaItem.objects.get(meeting=meeting, idea=pool[2])
    assert (
        office_client.post(reverse("committees:agenda_remove", args=[item.pk])).status_code == 302
    )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_paper_csv_dates_ideas_by_the_day_in_germany(office_client, meeting, pool, office):
    """An idea sent at 23:30 UTC on 31 March was sent on 1 April in Gütersloh."""
    from datetime import UTC, datetime

    Idea.objects.filter(pk=pool[0].pk).update(created_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    agenda_add(meeting=meeting, idea=pool[0], actor=office)
    r = office_client.get(reverse("committees:paper_csv", args=[meeting.pk]))
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][rows[0].index("Eingereicht")] == "2026-04-01"


COMMITTEE_ACTIONS = {
    "list": ("get", lambda c: reverse("committees:list"), {"office"}),
    "detail": ("get", lambda c: reverse("committees:detail", args=[c["meeting"].pk]), {"office"}),
    "create": ("post", lambda c: reverse("committees:list"), {"office"}),
    "add": ("post", lambda c: reverse("committees:agenda_add", args=[c["meeting"].pk]), {"office"}),
    "remove": (
        "post",
        lambda c: reverse("committees:agenda_remove", args=[c["item"].pk]),
        {"office"},
    ),
    "decide": ("post", lambda c: reverse("committees:decide", args=[c["meeting"].pk]), {"office"}),
    "paper": (
        "get",
        lambda c: reverse("committees:paper", args=[c["meeting"].pk]),
        {"guide", "other_guide", "moderator", "office"},
    ),
    "csv": (
        "get",
        lambda c: reverse("committees:paper_csv", args=[c["meeting"].pk]),
        {"guide", "other_guide", "moderator", "office"},
    ),
}


@pytest.mark.parametrize(
    "role", ["anonymous", "participant", "author", "guide", "other_guide", "moderator", "office"]
)
@pytest.mark.parametrize("action", list(COMMITTEE_ACTIONS))
def test_committee_role_matrix(client, as_role, meeting, pool, office, role, action):
    method, url, allowed = COMMITTEE_ACTIONS[action]
    item = agenda_add(meeting=meeting, idea=pool[0], actor=office)
    ctx = {"meeting": meeting, "item": item}
    data = {
        "create": {"committee": "Rat", "date": "2026-07-01", "reference": "R/1"},
        "add": {"idea": pool[1].pk},
        "decide": {f"item-{item.pk}-decision": "adopted", f"item-{item.pk}-explanation": "Ja"},
    }.get(action, {})
    before = (
        CommitteeMeeting.objects.count(),
        AgendaItem.objects.count(),
        StatusChange.objects.count(),
    )
    as_role(role)
    r = client.get(url(ctx)) if method == "get" else client.post(url(ctx), data)
    after = (
        CommitteeMeeting.objects.count(),
        AgendaItem.objects.count(),
        StatusChange.objects.count(),
    )
    if role == "anonymous":
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    elif role in allowed:
        assert r.status_code in (200, 302)
    else:
        assert r.status_code == 403
    if method == "post":
        assert (after != before) is (role in allowed)


def test_paper_as_pdf_with_weasyprint(office_client, meeting, pool, office):
    """The optional PDF, made by a real WeasyPrint (CI installs it and its
    system libraries and sets AUFBRUCH_REQUIRE_PDF, so there it cannot skip)."""
    import os

    from aufbruch.committees import selectors

    if not selectors.pdf_available():
        if os.environ.get("AUFBRUCH_REQUIRE_PDF"):
            pytest.fail("WeasyPrint cannot be imported (pip extra 'pdf' and libpango needed)")
        pytest.skip("WeasyPrint or its system libraries are not installed")
    for idea in pool:
        agenda_add(meeting=meeting, idea=idea, actor=office)
    url = reverse("committees:paper_pdf", args=[meeting.pk])
    assert url in office_client.get(reverse("committees:paper", args=[meeting.pk])).content.decode()
    r = office_client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == f'attachment; filename="vorlage-{meeting.pk}.pdf"'
    pdf = r.content
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 2_000
    # The page text is glyph-coded, but the headings become the PDF's
    # bookmarks, readable in one of its compressed streams.
    import re
    import zlib

    def inflate(data: bytes) -> bytes:
        try:  # embedded fonts are not always zlib streams
            return zlib.decompressobj().decompress(data)
        except zlib.error:
            return b""

    streams = b"".join(
        inflate(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    )
    assert b"/Title (2. Digitale Sprechstunde)" in streams
