"""State changes of boards: creation, open calls, applications, membership
and guardian consent.

The workspace (threads, documents, meetings) is in ``workspace.py``;
recommendations and votes are in ``voting.py``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.images import validate_and_reencode_image
from aufbruch.core.permissions import require
from aufbruch.core.text import render_markdown
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify

from . import uploads
from .models import (
    DIGITAL_CONSENT_AGE,
    ApplicationStatus,
    Board,
    BoardApplication,
    BoardCall,
    BoardKind,
    ConsentMethod,
    MajorityRule,
    Membership,
    MembershipStatus,
)
from .selectors import forget_board_ids, open_call, youngest_possible_age


def clean_text(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    """Stripped text within its length, or a German ValidationError for ``field``."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("Please write at most %(max)d characters (you wrote %(n)d).")
                % {"max": max_length, "n": len(value)}
            }
        )
    return value


def merge_errors(errors: dict[str, list[str]], exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault(field, []).extend(messages)


# --- boards and calls ------------------------------------------------------------------------------


@transaction.atomic
def board_create(
    *,
    actor,
    name: str,
    slug: str,
    purpose: str,
    term_start: date,
    kind: str = BoardKind.OTHER,
    max_age: int | None = None,
    size: int = 20,
    term_end: date | None = None,
    members_public: bool = True,
    quorum_percent: int = 50,
    majority_rule: str = MajorityRule.SIMPLE,
) -> Board:
    require(actor, "boards.manage_board")
    if not 0 <= quorum_percent <= 100:
        raise ValidationError(
            {"quorum_percent": _("The quorum must be between 0 and 100 percent.")}
        )
    if term_end is not None and term_end < term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})
    board = Board(
        name=clean_text(name, field="name", max_length=120),
        slug=slug,
        purpose=clean_text(purpose, field="purpose", max_length=5_000),
        kind=kind,
        max_age=max_age,
        size=size,
        term_start=term_start,
        term_end=term_end,
        members_public=members_public,
        quorum_percent=quorum_percent,
        majority_rule=majority_rule,
    )
    board.purpose_html = render_markdown(board.purpose)
    board.full_clean()
    board.save()
    audit_log(action=AuditAction.BOARD_CREATE, actor=actor, target=board)
    return board


@transaction.atomic
def board_call_open(
    *, board: Board, actor, deadline: datetime, text: str = "", opens_at: datetime | None = None
) -> BoardCall:
    require(actor, "boards.manage_board", board)
    now = timezone.now()
    opens_at = opens_at or now
    if deadline <= max(opens_at, now):
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    text = clean_text(text, field="text", max_length=5_000, required=False)
    call = BoardCall.objects.create(
        board=board,
        text=text,
        text_html=render_markdown(text),
        opens_at=opens_at,
        deadline=deadline,
        opened_by=actor,
    )
    audit_log(
        action=AuditAction.BOARD_CALL_OPEN,
        actor=actor,
        target=board,
        details={"call": call.pk, "deadline": deadline.isoformat()},
    )
    return call


# --- applications ----------------------------------------------------------------------------------


def clean_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(link) > 500:
        raise ValidationError(
            {"link": _("Please enter a web address starting with http:// or https://.")}
        )
    return link


def clean_birth_year(board: Board, birth_year, today: date) -> int:
    """Always required: it decides the age limit and whether a guardian must consent (under 16)."""
    if birth_year in (None, ""):
        raise ValidationError(
            {
                "birth_year": _(
                    "Please enter your year of birth: we need it to check the age limit and, under 16, a guardian's consent."
                )
            }
        )
    try:
        birth_year = int(birth_year)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"birth_year": _("Please enter a year of birth such as 2005.")}
        ) from exc
    if not 1900 <= birth_year <= today.year:
        raise ValidationError({"birth_year": _("Please enter a year of birth such as 2005.")})
    # Benefit of the doubt: with only the year, someone born in (year - limit)
    # may still be under the limit today.
    if board.max_age is not None and youngest_possible_age(birth_year, today) >= board.max_age:
        raise ValidationError(
            {
                "birth_year": _(
                    "This board is for people under %(age)d. You cannot apply with this year of birth."
                )
                % {"age": board.max_age}
            }
        )
    return birth_year


def needs_guardian_consent(birth_year: int | None, on: date) -> bool:
    """Under 16 (possibly) on the day of application: a guardian must consent."""
    return birth_year is not None and youngest_possible_age(birth_year, on) < DIGITAL_CONSENT_AGE


@transaction.atomic
def application_submit(
    *,
    board: Board,
    applicant,
    motivation: str,
    birth_year: int | None = None,
    photo=None,
    video=None,
    link: str = "",
) -> BoardApplication:
    require(applicant, "boards.apply")
    call = open_call(board)
    if call is None:
        raise ValidationError(
            {"__all__": _("There is no open call for applications for this board.")}
        )
    if (
        Membership.objects.filter(board=board, user=applicant)
        .exclude(status=MembershipStatus.ENDED)
        .exists()
    ):
        raise ValidationError({"__all__": _("You are already a member of this board.")})
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for field, check in (
        ("motivation", lambda: clean_text(motivation, field="motivation", max_length=3_000)),
        ("birth_year", lambda: clean_birth_year(board, birth_year, today)),
        ("link", lambda: clean_link(link)),
    ):
        try:
            cleaned[field] = check()
        except ValidationError as exc:
            merge_errors(errors, exc)
    photo_file = video_type = None
    if photo:
        try:
            photo_file = validate_and_reencode_image(photo)
        except ValidationError as exc:
            errors.setdefault("photo", []).extend(exc.messages)
    if video:
        try:
            video_type = uploads.video_content_type(video)
        except ValidationError as exc:
            errors.setdefault("video", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    application = BoardApplication(
        call=call,
        board=board,
        applicant=applicant,
        motivation=cleaned["motivation"],
        birth_year=cleaned["birth_year"],
        link=cleaned["link"],
    )
    if photo_file is not None:
        application.photo.save(photo_file.name, photo_file, save=False)
    if video_type:
        ext = {"video/webm": "webm", "video/quicktime": "mov"}.get(video_type, "mp4")
        application.video.save(f"{uuid.uuid4().hex}.{ext}", video, save=False)
        application.video_type = video_type
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        for f in (application.photo, application.video):
            if f:
                f.delete(save=False)
        raise ValidationError({"__all__": _("You have already applied in this call.")}) from exc
    audit_log(
        action=AuditAction.BOARD_APPLICATION_SUBMIT,
        actor=applicant,
        target=application,
        details={"board": board.pk},
    )
    application_confirm_receipt(application=application)
    return application


def application_confirm_receipt(*, application: BoardApplication) -> None:
    """The applicant's confirmation (in-app and by mail, after the commit);
    under 16 it says how the guardian's consent reaches the office."""
    from django.conf import settings

    from .selectors import consent_deadline

    board = application.board
    body = _("We have received your application and will tell you about the decision.")
    if needs_guardian_consent(application.birth_year, timezone.localdate(application.created_at)):
        body += " " + _(
            "You are under 16: a parent or guardian must agree before your membership begins. "
            "Print the consent form on your application page, have it signed and send or bring it "
            "by %(deadline)s to: %(address)s."
        ) % {
            "deadline": formats.date_format(consent_deadline(application), "DATE_FORMAT"),
            "address": settings.PROGRAMME_OFFICE_ADDRESS,
        }
    notify(
        recipients=[application.applicant],
        kind=NotificationKind.BOARD,
        event_key=f"board-application-received:{application.pk}",
        title=_("Your application to %(board)s was received") % {"board": board.name},
        body=body,
        url=reverse("boards:my_application", args=[board.slug]),
    )


@transaction.atomic
def application_decide(
    *, application: BoardApplication, actor, accept: bool, message: str = ""
) -> BoardApplication:
    """Accept (creates the membership, pending consent for minors) or decline, with a message."""
    require(actor, "boards.manage_board", application.board)
    application = (
        BoardApplication.objects.select_for_update()
        .select_related("board", "applicant")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"__all__": _("This application has already been decided.")})
    message = clean_text(message, field="message", max_length=2_000, required=not accept)
    board = application.board
    membership = None
    if accept:
        taken = board.memberships.exclude(status=MembershipStatus.ENDED).count()
        if taken >= board.size:
            raise ValidationError({"__all__": _("All seats of this board are taken.")})
        consent = needs_guardian_consent(
            application.birth_year, timezone.localdate(application.created_at)
        )
        membership, _created = Membership.objects.update_or_create(
            board=board,
            user=application.applicant,
            defaults={
                "application": application,
                "status": MembershipStatus.PENDING_CONSENT if consent else MembershipStatus.ACTIVE,
                "needs_consent": consent,
            },
        )
        forget_board_ids(application.applicant)
    application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    application.decision_message = message
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_message", "decided_by", "decided_at"])
    audit_log(
        action=AuditAction.BOARD_APPLICATION_DECIDE,
        actor=actor,
        target=application,
        details={
            "board": board.pk,
            "decision": application.status,
            "pending_consent": bool(membership and membership.needs_consent),
        },
    )
    if accept:
        title = _("Your application to %(board)s was accepted") % {"board": board.name}
        if membership.needs_consent:
            title = _(
                "Your application to %(board)s was accepted: we need a parent's or guardian's consent"
            ) % {"board": board.name}
    else:
        title = _("Your application to %(board)s was not accepted") % {"board": board.name}
    notify(
        recipients=[application.applicant],
        kind=NotificationKind.BOARD,
        event_key=f"board-application:{application.pk}",
        title=title,
        body=message,
        url=reverse("boards:my_application", args=[board.slug])
        if membership is not None and membership.needs_consent
        else board.get_absolute_url(),
    )
    return application


@transaction.atomic
def membership_record_consent(
    *, membership: Membership, actor, guardian_name: str, given_on: date, method: str
) -> Membership:
    require(actor, "boards.manage_board", membership.board)
    membership = (
        Membership.objects.select_for_update().select_related("board", "user").get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.PENDING_CONSENT:
        raise ValidationError({"__all__": _("This membership is not waiting for consent.")})
    errors: dict[str, list[str]] = {}
    try:
        guardian_name = clean_text(guardian_name, field="guardian_name", max_length=150)
    except ValidationError as exc:
        merge_errors(errors, exc)
    if not isinstance(given_on, date) or given_on > timezone.localdate():
        errors.setdefault("given_on", []).append(
            _("Please enter the date the consent was given (not in the future).")
        )
    if method not in ConsentMethod.values:
        errors.setdefault("method", []).append(_("Please choose how the consent was given."))
    if errors:
        raise ValidationError(errors)
    membership.consent_guardian_name = guardian_name
    membership.consent_given_on = given_on
    membership.consent_method = method
    membership.consent_recorded_by = actor
    membership.status = MembershipStatus.ACTIVE
    membership.save()
    forget_board_ids(membership.user)
    audit_log(
        action=AuditAction.BOARD_CONSENT_RECORD,
        actor=actor,
        target=membership,
        details={"board": membership.board_id, "method": method, "given_on": given_on.isoformat()},
    )
    notify(
        recipients=[membership.user],
        kind=NotificationKind.BOARD,
        event_key=f"board-consent:{membership.pk}",
        title=_("Welcome to %(board)s: your membership is now active")
        % {"board": membership.board.name},
        url=membership.board.get_absolute_url(),
    )
    return membership


@transaction.atomic
def membership_set_visibility(*, membership: Membership, user, show_publicly: bool) -> Membership:
    require(user, "boards.change_own_membership", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise PermissionDenied
    if membership.show_publicly != show_publicly:
        membership.show_publicly = show_publicly
        membership.save(update_fields=["show_publicly"])
        audit_log(
            action=AuditAction.BOARD_MEMBERSHIP_CHANGE,
            actor=user,
            target=membership,
            details={"show_publicly": show_publicly},
        )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, actor) -> Membership:
    require(actor, "boards.manage_board", membership.board)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    membership.status = MembershipStatus.ENDED
    membership.show_publicly = False
    membership.save(update_fields=["status", "show_publicly"])
    forget_board_ids(membership.user)
    audit_log(
        action=AuditAction.BOARD_MEMBERSHIP_CHANGE,
        actor=actor,
        target=membership,
        details={"status": "ended"},
    )
    return membership
