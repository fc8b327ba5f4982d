from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from aufbruch.boards import services
from aufbruch.boards.models import BoardKind, MembershipStatus
from aufbruch.boards.selectors import forget_board_ids
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.staff.models import StaffRole, StaffRoleKind

THIS_YEAR = timezone.localdate().year
ADULT_YEAR = THIS_YEAR - 22
MINOR_YEAR = THIS_YEAR - 15

# Smallest valid headers of the accepted video containers.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM_BYTES = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64


def png_bytes() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    return out.getvalue()


def pdf_bytes(body: bytes = b"BT /F1 12 Tf 72 712 Td (Protokoll) Tj ET") -> bytes:
    """A small, structurally valid PDF (objects, cross-reference table, trailer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def office_bytes(kind: str = "docx") -> bytes:
    """A minimal OOXML (docx/xlsx) or OpenDocument (odt) archive."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            folder = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(folder, "<document/>")
    return out.getvalue()


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type)


@pytest.fixture
def office(db):
    user = UserFactory(display_name="Programmbüro")
    StaffRole.objects.create(user=user, role=StaffRoleKind.OFFICE)
    return user


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Bürgerservice", slug="buergerservice")


@pytest.fixture
def guide(db, department):
    user = UserFactory(display_name="Lotsin")
    StaffRole.objects.create(user=user, role=StaffRoleKind.GUIDE, department=department)
    return user


@pytest.fixture
def other_guide(db):
    user = UserFactory(display_name="Anderer Lotse")
    StaffRole.objects.create(
        user=user,
        role=StaffRoleKind.GUIDE,
        department=DepartmentFactory(name="Tiefbau", slug="tiefbau"),
    )
    return user


def create_board(office, **kwargs):
    defaults = dict(
        name="Morgenmacher",
        slug="morgenmacher",
        purpose="Der **U30-Beirat** der Stadt.",
        kind=BoardKind.YOUTH,
        max_age=30,
        size=25,
        term_start=date(2019, 10, 1),
        quorum_percent=50,
    )
    defaults.update(kwargs)
    board = services.board_create(actor=office, **defaults)
    services.board_call_open(
        board=board, actor=office, deadline=timezone.now() + timedelta(days=14)
    )
    return board


@pytest.fixture
def board(office):
    return create_board(office)


@pytest.fixture
def other_board(office):
    return create_board(
        office,
        name="Denklabor Digitale Bildung",
        slug="denklabor",
        kind=BoardKind.THINK_LAB,
        max_age=None,
    )


def add_member(board, office, user=None, birth_year=ADULT_YEAR):
    user = user or UserFactory()
    application = services.application_submit(
        board=board, applicant=user, motivation="Ich will mitmachen.", birth_year=birth_year
    )
    services.application_decide(
        application=application, actor=office, accept=True, message="Willkommen"
    )
    membership = application.membership
    if membership.status == MembershipStatus.PENDING_CONSENT:
        services.membership_record_consent(
            membership=membership,
            actor=office,
            guardian_name="Eva Muster",
            given_on=timezone.localdate(),
            method="paper",
        )
    forget_board_ids(user)
    return user


@pytest.fixture
def member(board, office):
    return add_member(board, office, UserFactory(display_name="Mitglied Mia"))


@pytest.fixture
def other_member(other_board, office):
    """A member of another board only."""
    return add_member(other_board, office, UserFactory(display_name="Denklabor Dana"))


@pytest.fixture
def applicant(board):
    user = UserFactory(display_name="Bewerber Ben")
    services.application_submit(
        board=board, applicant=user, motivation="Bitte nehmt mich.", birth_year=ADULT_YEAR
    )
    return user


@pytest.fixture
def idea(db, user, topic, department):
    from aufbruch.ideas.services import idea_submit

    idea = idea_submit(
        author=user, title="Ein Infokanal für alle", body="Alles an einer Stelle.", topic=topic
    )
    idea.department = department
    idea.save(update_fields=["department"])
    return idea
