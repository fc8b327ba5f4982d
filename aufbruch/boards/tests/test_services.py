"""Applications, membership, consent and the workspace, through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.boards import services, workspace
from aufbruch.boards.models import (
    ApplicationStatus,
    BoardApplication,
    Document,
    Membership,
    MembershipStatus,
    Post,
    Thread,
)
from aufbruch.boards.selectors import active_board_ids, forget_board_ids
from aufbruch.core.testing import UserFactory
from aufbruch.notifications.models import Notification

from .conftest import (
    ADULT_YEAR,
    MINOR_YEAR,
    MP4_BYTES,
    THIS_YEAR,
    WEBM_BYTES,
    add_member,
    office_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


def submit(board, user, **kwargs):
    data = {"motivation": "Ich möchte mitreden.", "birth_year": ADULT_YEAR}
    data.update(kwargs)
    return services.application_submit(board=board, applicant=user, **data)


def test_adult_application_accepted_becomes_active_and_is_notified(board, office, user):
    application = submit(
        board, user, video=upload("clip.mp4", MP4_BYTES), link="https://example.org/video"
    )
    assert application.video_type == "video/mp4"
    assert application.video.name.startswith("private/boards/")
    services.application_decide(
        application=application, actor=office, accept=True, message="Willkommen!"
    )
    membership = Membership.objects.get(board=board, user=user)
    assert membership.status == MembershipStatus.ACTIVE and not membership.needs_consent
    assert board.pk in active_board_ids(user)
    note = Notification.objects.get(recipient=user, event_key=f"board-application:{application.pk}")
    assert "angenommen" in note.title
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert (
        AuditAction.BOARD_APPLICATION_SUBMIT in actions
        and AuditAction.BOARD_APPLICATION_DECIDE in actions
    )


def test_minor_stays_pending_until_guardian_consent(board, office, user):
    application = submit(board, user, birth_year=MINOR_YEAR, video=upload("clip.webm", WEBM_BYTES))
    assert application.video_type == "video/webm"
    services.application_decide(application=application, actor=office, accept=True)
    membership = Membership.objects.get(board=board, user=user)
    assert membership.status == MembershipStatus.PENDING_CONSENT and membership.needs_consent
    assert board.pk not in active_board_ids(user)
    with pytest.raises(PermissionDenied):
        workspace.thread_create(board=board, author=user, title="Hallo", body="Test")
    services.membership_record_consent(
        membership=membership,
        actor=office,
        guardian_name="Eva Muster",
        given_on=timezone.localdate(),
        method="email",
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert (
        membership.consent_guardian_name,
        membership.consent_method,
        membership.consent_recorded_by,
    ) == ("Eva Muster", "email", office)
    forget_board_ids(user)
    assert board.pk in active_board_ids(user)
    entry = AuditEntry.objects.get(action=AuditAction.BOARD_CONSENT_RECORD)
    assert entry.actor == office and entry.details["method"] == "email"
    assert "Eva" not in str(entry.details)


def test_sixteen_in_this_year_may_still_be_fifteen_so_consent_is_asked(board, office):
    # Born THIS_YEAR - 16: 15 until the birthday, so consent is needed; one year older: not.
    assert services.needs_guardian_consent(THIS_YEAR - 16, timezone.localdate())
    assert not services.needs_guardian_consent(THIS_YEAR - 17, timezone.localdate())
    assert not services.needs_guardian_consent(None, timezone.localdate())


def test_consent_bad_input_changes_nothing(board, office, user):
    application = submit(board, user, birth_year=MINOR_YEAR)
    services.application_decide(application=application, actor=office, accept=True)
    membership = Membership.objects.get(user=user)
    with pytest.raises(ValidationError) as exc:
        services.membership_record_consent(
            membership=membership,
            actor=office,
            guardian_name="  ",
            given_on=timezone.localdate() + timedelta(days=1),
            method="fax",
        )
    assert set(errors_of(exc)) == {"guardian_name", "given_on", "method"}
    with pytest.raises(PermissionDenied):
        services.membership_record_consent(
            membership=membership,
            actor=user,
            guardian_name="Ich selbst",
            given_on=timezone.localdate(),
            method="paper",
        )
    membership.refresh_from_db()
    assert (
        membership.status == MembershipStatus.PENDING_CONSENT
        and membership.consent_guardian_name == ""
    )
    assert not AuditEntry.objects.filter(action=AuditAction.BOARD_CONSENT_RECORD).exists()


def test_consent_only_for_pending_memberships(board, office, member):
    membership = Membership.objects.get(user=member)
    with pytest.raises(ValidationError):
        services.membership_record_consent(
            membership=membership,
            actor=office,
            guardian_name="X",
            given_on=timezone.localdate(),
            method="paper",
        )


def test_decline_needs_a_message_and_notifies(board, office, applicant):
    application = BoardApplication.objects.get(applicant=applicant)
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, actor=office, accept=False, message="")
    assert "message" in errors_of(exc)
    services.application_decide(
        application=application,
        actor=office,
        accept=False,
        message="Leider sind alle Plätze vergeben.",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not Membership.objects.filter(user=applicant).exists()
    decision = Notification.objects.get(
        recipient=applicant, event_key__startswith="board-application:"
    )
    assert decision.body == "Leider sind alle Plätze vergeben."
    with pytest.raises(ValidationError):
        services.application_decide(application=application, actor=office, accept=True)


def test_only_the_office_decides(board, applicant, member, guide):
    application = BoardApplication.objects.get(applicant=applicant)
    for actor in (applicant, member, guide):
        with pytest.raises(PermissionDenied):
            services.application_decide(application=application, actor=actor, accept=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_no_acceptance_beyond_the_seats(office):
    from .conftest import create_board

    small = create_board(office, name="Klein", slug="klein", size=1)
    add_member(small, office)
    late = submit(small, UserFactory())
    with pytest.raises(ValidationError):
        services.application_decide(application=late, actor=office, accept=True)
    assert small.memberships.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"motivation": ""}, "motivation"),
        ({"motivation": "   "}, "motivation"),
        ({"motivation": "x" * 3001}, "motivation"),
        ({"birth_year": None}, "birth_year"),
        ({"birth_year": "zwanzig"}, "birth_year"),
        ({"birth_year": THIS_YEAR + 1}, "birth_year"),
        ({"birth_year": THIS_YEAR - 31}, "birth_year"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "JavaScript://example.org/%0aalert(1)"}, "link"),
        ({"link": "data:text/html,<script>alert(1)</script>"}, "link"),
        ({"link": "ftp://example.org/x"}, "link"),
        (
            {"video": upload("clip.mp4", b"<html><script>alert(1)</script></html>", "video/mp4")},
            "video",
        ),
        (
            {
                "video": upload(
                    "clip.mov", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "video/quicktime"
                )
            },
            "video",
        ),
        ({"photo": upload("foto.jpg", b"<svg onload=alert(1)>", "image/jpeg")}, "photo"),
    ],
)
def test_bad_application_input_is_refused_and_nothing_is_stored(board, user, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        submit(board, user, **kwargs)
    assert field in errors_of(exc)
    assert not BoardApplication.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.BOARD_APPLICATION_SUBMIT).exists()


def test_age_limit_edges(board, user, other_user):
    # Born THIS_YEAR - 30 may still be 29 today: accepted. One year earlier: certainly 30 or older.
    assert submit(board, user, birth_year=THIS_YEAR - 30).birth_year == THIS_YEAR - 30
    with pytest.raises(ValidationError) as exc:
        submit(board, other_user, birth_year=THIS_YEAR - 31)
    assert "30" in errors_of(exc)["birth_year"][0]


def test_boards_without_age_limit_take_any_age_but_still_ask_the_year(
    other_board, office, user, other_user
):
    assert submit(other_board, user, birth_year=1950).birth_year == 1950
    with pytest.raises(ValidationError) as exc:
        submit(
            other_board, other_user, birth_year=None
        )  # needed to know whether a guardian must consent
    assert "birth_year" in errors_of(exc)
    minor = submit(other_board, other_user, birth_year=MINOR_YEAR)
    services.application_decide(application=minor, actor=office, accept=True)
    assert Membership.objects.get(user=other_user).status == MembershipStatus.PENDING_CONSENT


@override_settings(MAX_VIDEO_UPLOAD_BYTES=1000)
def test_oversized_video_is_refused(board, user):
    with pytest.raises(ValidationError) as exc:
        submit(board, user, video=upload("clip.mp4", MP4_BYTES + b"\x00" * 2000))
    assert "zu groß" in errors_of(exc)["video"][0]
    assert not BoardApplication.objects.exists()


def test_photo_is_reencoded_into_private_storage(board, user):
    application = submit(board, user, photo=upload("foto.png", png_bytes(), "image/png"))
    assert application.photo.name.startswith("private/boards/")
    assert application.photo.read()[:8] in (
        b"\x89PNG\r\n\x1a\n",
    ) or application.photo.name.endswith(".jpg")


def test_applying_twice_is_refused(board, user):
    submit(board, user)
    with pytest.raises(ValidationError) as exc:
        submit(board, user)
    assert "__all__" in errors_of(exc)
    assert BoardApplication.objects.count() == 1


def test_members_cannot_apply_again(board, member):
    with pytest.raises(ValidationError):
        submit(board, member)


def test_no_application_without_open_call(office, user):
    from aufbruch.boards.models import BoardKind

    closed = services.board_create(
        actor=office,
        name="Zu",
        slug="zu",
        purpose="x",
        kind=BoardKind.OTHER,
        term_start=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        submit(closed, user)


def test_blocked_users_cannot_apply(board, user):
    user.blocked_until = timezone.now() + timedelta(days=1)
    user.save()
    with pytest.raises(PermissionDenied):
        submit(board, user)


def test_call_needs_office_and_future_deadline(board, office, member):
    with pytest.raises(PermissionDenied):
        services.board_call_open(
            board=board, actor=member, deadline=timezone.now() + timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        services.board_call_open(
            board=board, actor=office, deadline=timezone.now() - timedelta(minutes=1)
        )
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_CALL_OPEN).count() == 1


def test_board_create_validates(office):
    from aufbruch.boards.models import Board

    with pytest.raises(ValidationError):
        services.board_create(
            actor=office, name="", slug="leer", purpose="x", term_start=timezone.localdate()
        )
    with pytest.raises(ValidationError):
        services.board_create(
            actor=office,
            name="Q",
            slug="q",
            purpose="x",
            term_start=timezone.localdate(),
            quorum_percent=101,
        )
    assert not Board.objects.exists()


def test_visibility_only_for_the_member_themself(board, member, other_user):
    membership = Membership.objects.get(user=member)
    with pytest.raises(PermissionDenied):
        services.membership_set_visibility(
            membership=membership, user=other_user, show_publicly=True
        )
    services.membership_set_visibility(membership=membership, user=member, show_publicly=True)
    membership.refresh_from_db()
    assert membership.show_publicly
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_MEMBERSHIP_CHANGE).count() == 1


def test_ended_membership_loses_the_workspace(board, office, member):
    services.membership_end(membership=Membership.objects.get(user=member), actor=office)
    forget_board_ids(member)
    with pytest.raises(PermissionDenied):
        workspace.thread_create(board=board, author=member, title="Noch da?", body="Hallo")


# --- workspace ------------------------------------------------------------------------------------


def test_threads_and_posts(board, member, office):
    thread = workspace.thread_create(
        board=board, author=member, title="Erstes Treffen", body="Wann?"
    )
    workspace.post_create(thread=thread, author=office, body="Dienstag.")
    thread.refresh_from_db()
    assert thread.post_count == 2 and Post.objects.filter(thread=thread).count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_THREAD_POST).count() == 2


def test_thread_bad_input_and_outsiders(board, member, other_member, user):
    with pytest.raises(ValidationError) as exc:
        workspace.thread_create(board=board, author=member, title="", body="x" * 5001)
    assert set(errors_of(exc)) == {"title", "body"}
    for outsider in (other_member, user):
        with pytest.raises(PermissionDenied):
            workspace.thread_create(board=board, author=outsider, title="Hallo", body="Hallo")
    assert not Thread.objects.exists()


def test_post_html_is_sanitised(board, member):
    thread = workspace.thread_create(
        board=board, author=member, title="<b>Titel</b>", body="<script>alert(1)</script> **fett**"
    )
    post = thread.posts.get()
    assert "<script>" not in post.body_html and "<strong>fett</strong>" in post.body_html


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("protokoll.pdf", pdf_bytes(), "application/pdf"),
        ("notizen.txt", "Notizen für das Treffen".encode(), "text/plain"),
        (
            "plan.docx",
            office_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_document_upload(board, member, name, content, expected):
    document = workspace.document_upload(
        board=board, actor=member, title="Unterlage", upload=upload(name, content)
    )
    assert document.content_type == expected and document.file.name.startswith(
        f"private/boards/{board.pk}/documents/"
    )
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_DOCUMENT_UPLOAD).count() == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("seite.html", b"<html><script>alert(1)</script></html>"),
        ("seite.txt", b"<html><script>alert(1)</script></html>"),
        ("programm.pdf", b"MZ\x90\x00" + b"\x00" * 40),
        ("tabelle.zip", b"PK\x03\x04" + b"\x00" * 30),
    ],
)
def test_document_upload_refuses_dangerous_files(board, member, name, content):
    with pytest.raises(ValidationError) as exc:
        workspace.document_upload(
            board=board, actor=member, title="Unterlage", upload=upload(name, content)
        )
    assert "file" in errors_of(exc)
    assert not Document.objects.exists()


def test_meeting_record(board, member):
    meeting = workspace.meeting_record(
        board=board, actor=member, title="Auftakt", starts_at=timezone.now(), minutes="- Punkt 1"
    )
    assert "<li>" in meeting.minutes_html
    with pytest.raises(ValidationError) as exc:
        workspace.meeting_record(board=board, actor=member, title="", starts_at=None)
    assert set(errors_of(exc)) == {"title", "starts_at"}
