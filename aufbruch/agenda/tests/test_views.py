import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aufbruch.agenda import services
from aufbruch.agenda.models import (
    AgendaComment,
    Amendment,
    Document,
    Paragraph,
    Section,
    SectionVote,
)
from aufbruch.core.testing import login_with_mfa

pytestmark = pytest.mark.django_db


def _bulk_document(office, paragraphs: int) -> Document:
    """A 100-page text, built fast with bulk_create (not through the import)."""
    doc = Document.objects.create(title="Lang", created_by=office, status="published")
    sections = Section.objects.bulk_create(
        [
            Section(document=doc, position=i, number=str(i + 1), title=f"Abschnitt {i + 1}")
            for i in range(100)
        ]
    )
    Paragraph.objects.bulk_create(
        [
            Paragraph(
                document=doc,
                section=sections[i // (paragraphs // 100)],
                position=i,
                text=f"Absatz {i}",
                text_html=f"<p>Absatz {i}</p>",
            )
            for i in range(paragraphs)
        ],
        batch_size=1000,
    )
    return doc


def test_reading_view_of_2000_paragraphs_in_constant_queries(
    client, office, resident, idea, django_assert_max_num_queries
):
    doc = _bulk_document(office, 2000)
    first = doc.paragraphs.order_by("position").first()
    services.citation_add(paragraph=first, actor=office, kind="idea", object_id=idea.pk)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("agenda:detail", args=[doc.pk]))
    assert response.status_code == 200
    assert response.content.count(b'class="agenda-paragraph"') == 2000
    client.force_login(resident)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("agenda:detail", args=[doc.pk]))
    assert response.content.count(b'name="choice"') == 300


def test_public_pages(client, document, paragraph, resident, office, django_assert_max_num_queries):
    a = services.amendment_propose(
        paragraph=paragraph, author=resident, text="Alle lernen digital.", reason="Kürzer"
    )
    services.comment_create(paragraph=paragraph, author=resident, body="Gut so")
    services.amendment_accept(amendment=a, actor=office, reason="Ja")
    services.version_publish(document=document, actor=office, note="Zweite Fassung")
    for name, args in [
        ("agenda:list", []),
        ("agenda:detail", [document.pk]),
        ("agenda:paragraph", [document.pk, paragraph.pk]),
        ("agenda:amendment", [a.pk]),
        ("agenda:versions", [document.pk]),
        ("agenda:version", [document.pk, 2]),
        ("agenda:compare", [document.pk]),
        ("agenda:results", [document.pk]),
    ]:
        with django_assert_max_num_queries(20):
            response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    compare = client.get(
        reverse("agenda:compare", args=[document.pk]) + "?from=1&to=2"
    ).content.decode()
    assert "<ins>" in compare and f"Änderungsantrag Nr. {a.pk}" in compare
    assert (
        client.get(reverse("agenda:compare", args=[document.pk]) + "?from=1&to=1").status_code
        == 400
    )
    csv = client.get(reverse("agenda:results_csv", args=[document.pk]))
    assert csv.content.startswith("\ufeff".encode()) and b";" in csv.content
    feed = client.get(reverse("agenda:feed", args=[document.pk]))
    assert feed.status_code == 200 and b"<feed" in feed.content
    api = client.get(f"/api/v1/agenda/documents/{document.pk}")
    assert api.status_code == 200 and api.json()["sections"][0]["paragraphs"][0]["text"]
    assert "author" not in api.content.decode()
    assert (
        client.get(f"/api/v1/agenda/documents/{document.pk}/amendments").json()[0]["status"]
        == "accepted"
    )


def test_drafts_are_not_public(client, draft, resident):
    assert client.get(reverse("agenda:detail", args=[draft.pk])).status_code == 404
    client.force_login(resident)
    assert client.get(reverse("agenda:detail", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/v1/agenda/documents/{draft.pk}").status_code == 404


def test_comment_flow_and_bad_input(client, document, paragraph, resident):
    url = reverse("agenda:comment", args=[document.pk, paragraph.pk])
    assert client.post(url, {"body": "Hallo"}).status_code == 302  # to login
    assert AgendaComment.objects.count() == 0
    client.force_login(resident)
    response = client.post(url, {"body": ""})
    assert (
        response.status_code == 400
        and "Bitte schreiben Sie einen Kommentar" in response.content.decode()
    )
    response = client.post(url, {"body": "x" * 5001})
    assert response.status_code == 400
    assert AgendaComment.objects.count() == 0
    response = client.post(url, {"body": "<img src=x onerror=alert(1)>Gut"})
    assert response.status_code == 302
    page = client.get(
        reverse("agenda:paragraph", args=[document.pk, paragraph.pk])
    ).content.decode()
    assert (
        "onerror=alert" not in page.replace("&lt;", "").split("agenda-comments")[1][:0]
        or "<img" not in page
    )
    assert (
        client.post(url, {"body": "<img src=x onerror=alert(1)>Gut"}).status_code == 400
    )  # double submit
    assert AgendaComment.objects.count() == 1


def test_amendment_flow(client, document, paragraph, resident, participant, office):
    client.force_login(resident)
    url = reverse("agenda:propose", args=[document.pk, paragraph.pk])
    response = client.post(url, {"text": "", "reason": ""})
    assert response.status_code == 400 and Amendment.objects.count() == 0
    response = client.post(url, {"text": "Alle Menschen lernen digital.", "reason": "Inklusiver"})
    assert response.status_code == 302
    a = Amendment.objects.get()
    page = client.get(a.get_absolute_url()).content.decode()
    assert "<ins>" in page and "Menschen" in page
    client.force_login(participant)
    client.post(reverse("agenda:support", args=[a.pk]))
    client.post(reverse("agenda:support", args=[a.pk]))
    assert Amendment.objects.get().support_count == 1
    # a resident cannot decide
    # (the staff area sends a non-staff account away: to MFA set-up or 403)
    assert client.post(
        reverse("agenda_staff:decide", args=[a.pk]), {"decision": "accept"}
    ).status_code in (302, 403)
    assert Amendment.objects.get().status == "open"
    login_with_mfa(client, office)
    response = client.post(
        reverse("agenda_staff:decide", args=[a.pk]), {"decision": "reject", "reason": ""}
    )
    assert response.status_code == 400 and Amendment.objects.get().status == "open"
    response = client.post(
        reverse("agenda_staff:decide", args=[a.pk]), {"decision": "accept", "reason": "Gut"}
    )
    assert response.status_code == 302
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Alle Menschen lernen digital."


def test_vote_without_js_and_with_htmx(client, document, section, resident):
    url = reverse("agenda:vote", args=[section.pk])
    client.force_login(resident)
    assert client.post(url, {"choice": "nonsense"}).status_code == 302
    assert SectionVote.objects.count() == 0
    client.post(url, {"choice": "agree"})
    response = client.post(url, {"choice": "disagree"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    assert SectionVote.objects.get().choice == "disagree"
    s = Section.objects.get(pk=section.pk)
    assert (s.agree_count, s.disagree_count) == (0, 1)


def _zip(member: str, xml: str, name: str) -> SimpleUploadedFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(member, xml)
    return SimpleUploadedFile(name, buf.getvalue())


DOCX = """<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Guter Service</w:t></w:r></w:p>
<w:p><w:r><w:t>Alles online, </w:t></w:r><w:r><w:t>rund um die Uhr.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Bürgerbüro</w:t></w:r></w:p>
<w:p><w:r><w:t>Persönliche Hilfe bleibt.</w:t></w:r></w:p></w:body></w:document>"""

ODT = """<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:h text:outline-level="1">Mitmachstadt</text:h><text:p>Beteiligung<text:s/>für alle.</text:p></office:text></office:body></office:document-content>"""


def test_staff_create_from_docx_odt_and_bad_files(client, office, resident):
    url = reverse("agenda_staff:list")
    client.force_login(resident)
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"title": "Docx", "source": "# A\n\nB"}).status_code in (302, 403)
    assert Document.objects.count() == 0
    login_with_mfa(client, office)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Docx", "upload": _zip("word/document.xml", DOCX, "a.docx")}
    )
    assert response.status_code == 302
    doc = Document.objects.get(title="Docx")
    assert [(s.number, s.title) for s in doc.sections.order_by("position")] == [
        ("1", "Guter Service"),
        ("1.1", "Bürgerbüro"),
    ]
    assert doc.paragraphs.order_by("position").first().text == "Alles online, rund um die Uhr."
    response = client.post(url, {"title": "Odt", "upload": _zip("content.xml", ODT, "a.odt")})
    assert response.status_code == 302
    assert Document.objects.get(title="Odt").paragraphs.get().text == "Beteiligung für alle."
    before = Document.objects.count()
    for upload in (
        SimpleUploadedFile("x.docx", b"not a zip"),
        _zip("word/other.xml", DOCX, "y.docx"),
        _zip("word/document.xml", "<w:document", "z.docx"),
        _zip("content.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "e.odt"),
        SimpleUploadedFile("x.pdf", b"%PDF"),
    ):
        response = client.post(url, {"title": "Kaputt", "upload": upload})
        assert response.status_code == 400
        assert "Datei" in response.content.decode()
    response = client.post(url, {"title": "Leer", "source": ""})
    assert response.status_code == 400
    assert Document.objects.count() == before


def test_staff_manage_publish_version_adopt(client, draft, office):
    from aufbruch.committees.services import meeting_create

    login_with_mfa(client, office)
    url = reverse("agenda_staff:detail", args=[draft.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "publish"})
    assert Document.objects.get(pk=draft.pk).status == "published"
    response = client.post(url, {"action": "version", "version-note": ""})
    assert response.status_code == 400
    meeting = meeting_create(actor=office, committee="Rat", date=date(2021, 7, 1), reference="R/1")
    v1 = draft.versions.get()
    response = client.post(
        url,
        {
            "action": "adopt",
            "adopt-version": v1.pk,
            "adopt-adopted_on": "2021-07-01",
            "adopt-reference": "R/1",
            "adopt-committee_meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.adopted_on == date(2021, 7, 1) and v1.committee_meeting == meeting
    page = client.get(reverse("agenda:detail", args=[draft.pk])).content.decode()
    assert "R/1" in page and reverse("council:detail", args=[meeting.pk]) in page
    client.logout()  # the decision and its public committee session are for everyone
    page = client.get(reverse("agenda:detail", args=[draft.pk])).content.decode()
    assert "R/1" in page and reverse("council:detail", args=[meeting.pk]) in page


def test_back_links_on_idea_and_assumption_pages(client, document, paragraph, office, idea):
    services.citation_add(paragraph=paragraph, actor=office, kind="idea", object_id=idea.pk)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Eingeflossen in" in page and f"Abschnitt {paragraph.section.number}" in page


def test_assumption_page_shows_where_the_agenda_cites_it(
    client, document, paragraph, office, topic, django_assert_max_num_queries
):
    from aufbruch.assumptions.services import assumption_create
    from aufbruch.core.citations import cited_by

    assumption = assumption_create(
        actor=office,
        wording="Menschen beteiligen sich online",
        topic=topic,
        owner=office,
        review_due_on=date(2030, 1, 1),
    )
    assert cited_by(assumption) == []
    services.citation_add(
        paragraph=paragraph, actor=office, kind="assumption", object_id=assumption.pk
    )
    links = cited_by(assumption)
    assert [link.url for link in links] == [
        reverse("agenda:detail", args=[document.pk]) + f"#section-{paragraph.section_id}"
    ]
    page = client.get(assumption.get_absolute_url()).content.decode()
    assert "Eingeflossen in:" in page and "Digitale Agenda – Entwurf, Abschnitt 1" in page


def test_drafts_are_never_cited_back(draft, office, topic):
    from aufbruch.assumptions.services import assumption_create
    from aufbruch.core.citations import cited_by

    assumption = assumption_create(
        actor=office,
        wording="Noch geheim",
        topic=topic,
        owner=office,
        review_due_on=date(2030, 1, 1),
    )
    services.citation_add(
        paragraph=draft.paragraphs.first(), actor=office, kind="assumption", object_id=assumption.pk
    )
    assert cited_by(assumption) == []


def test_results_pdf_when_weasyprint_is_there(client, document, section, resident):
    from aufbruch.committees.selectors import pdf_available

    services.section_vote(section=section, user=resident, choice="agree")
    response = client.get(reverse("agenda:results_pdf", args=[document.pk]))
    if not pdf_available():
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
