"""State changes of the staff side: assignments, internal notes, official
responses, process settings and staff roles. Status changes and merges are
in aufbruch.ideas.workflow; reminders in reminders.py."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.core.text import markdown_to_text, render_markdown
from aufbruch.ideas.models import Idea, IdeaSource
from aufbruch.ideas.services import idea_assigned, idea_responded, idea_submit
from aufbruch.ideas.workflow import concerned_users
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.staff.selectors import is_guide_of_department

from .models import (
    Assignment,
    GuideSettings,
    InternalNote,
    OfficialResponse,
    OfficialResponseVersion,
)
from .selectors import SETTINGS_CACHE_KEY

NOTE_MAX = InternalNote._meta.get_field("text").max_length
REASON_MAX = Assignment._meta.get_field("reason").max_length
RESPONSE_MAX = OfficialResponse._meta.get_field("text").max_length
SUMMARY_MAX = OfficialResponse._meta.get_field("summary").max_length


def _clean_text(value: str, *, field: str, max_length: int, empty: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [empty]})
    if len(value) > max_length:
        raise ValidationError(
            {field: [_("The text is too long (at most %(max)s characters).") % {"max": max_length}]}
        )
    return value


# --- assignment -------------------------------------------------------------------------


@transaction.atomic
def idea_assign(*, idea: Idea, actor, department, assignee=None, reason: str = "") -> Assignment:
    """Give an idea to a department and (optionally) one of its guides.
    Changing an existing assignment needs a reason, kept with the history."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    require(actor, "guides.assign_idea", locked)
    errors: dict[str, list[str]] = {}
    if department is None:
        errors["department"] = [_("Please choose a department.")]
    if (
        assignee is not None
        and department is not None
        and not is_guide_of_department(assignee, department.pk)
    ):
        errors["assignee"] = [_("The responsible guide must be a guide of this department.")]
    reason = (reason or "").strip()
    # The department suggested at submission (from the field of action) is not
    # an assignment yet; changing a person's earlier assignment needs a reason.
    is_reassignment = (
        locked.assignee_id is not None or Assignment.objects.filter(idea=locked).exists()
    )
    unchanged = (
        department is not None
        and locked.department_id == department.pk
        and locked.assignee_id == (assignee.pk if assignee else None)
    )
    if unchanged:
        errors["department"] = [_("The idea is already assigned like this.")]
    elif is_reassignment and not reason and "department" not in errors:
        errors["reason"] = [_("Please give a reason for the reassignment.")]
    if len(reason) > REASON_MAX:
        errors["reason"] = [
            _("The text is too long (at most %(max)s characters).") % {"max": REASON_MAX}
        ]
    if errors:
        raise ValidationError(errors)
    previous = {"department": locked.department_id, "assignee": locked.assignee_id}
    assignment = Assignment.objects.create(
        idea=locked, department=department, assignee=assignee, reason=reason, actor=actor
    )
    idea_assigned(idea_id=locked.pk, department=department, assignee=assignee)
    locked.department, locked.assignee = department, assignee
    audit_log(
        action=AuditAction.IDEA_ASSIGN,
        actor=actor,
        target=locked,
        details={
            "from": previous,
            "department": department.pk,
            "assignee": assignee.pk if assignee else None,
            "reassignment": is_reassignment,
            "assignment": assignment.pk,
        },
    )
    if assignee is not None:
        with override(settings.LANGUAGE_CODE):
            notify(
                recipients=[assignee],
                kind=NotificationKind.OTHER,
                event_key=f"assign:{assignment.pk}",
                exclude=actor,
                title=_("You are responsible for the idea “%(title)s”")
                % {"title": locked.title[:150]},
                url=f"/staff/ideas/{locked.pk}/",
            )
    return assignment


# --- internal notes ---------------------------------------------------------------------


@transaction.atomic
def internal_note_add(*, idea: Idea, actor, text: str) -> InternalNote:
    """A note for staff only; the audit entry records that it exists, not its text."""
    require(actor, "guides.add_note", idea)
    text = _clean_text(text, field="text", max_length=NOTE_MAX, empty=_("Please write a note."))
    note = InternalNote.objects.create(idea=idea, author=actor, text=text)
    audit_log(
        action=AuditAction.IDEA_INTERNAL_NOTE, actor=actor, target=idea, details={"note": note.pk}
    )
    return note


# --- official responses -----------------------------------------------------------------


@transaction.atomic
def response_publish(*, idea: Idea, actor, text: str) -> OfficialResponse:
    """Publish the department's statement, signed with the department's name."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    require(actor, "guides.respond", locked)
    if locked.department_id is None:
        raise ValidationError({"text": [_("Please assign the idea to a department first.")]})
    text = _clean_text(
        text, field="text", max_length=RESPONSE_MAX, empty=_("Please write the response.")
    )
    now = timezone.now()
    html = render_markdown(text)
    response = OfficialResponse.objects.create(
        idea=locked,
        department_id=locked.department_id,
        author=actor,
        text=text,
        text_html=html,
        published_at=now,
    )
    OfficialResponseVersion.objects.create(
        response=response, number=1, text=text, text_html=html, edited_by=actor
    )
    idea_responded(idea=locked, at=now)
    audit_log(
        action=AuditAction.IDEA_RESPONSE_PUBLISH,
        actor=actor,
        target=locked,
        details={"response": response.pk, "department": locked.department_id, "text": text},
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=list(concerned_users(locked.pk)),
            kind=NotificationKind.RESPONSE,
            event_key=f"response:{response.pk}",
            exclude=actor,
            title=_("The administration has responded to “%(title)s”")
            % {"title": locked.title[:150]},
            body=markdown_to_text(text, max_chars=1000),
            url=f"{locked.get_absolute_url()}#response-{response.pk}",
        )
    return OfficialResponse.objects.select_related("idea").get(pk=response.pk)


@transaction.atomic
def response_edit(*, response: OfficialResponse, actor, text: str) -> OfficialResponse:
    """Save a new version; the earlier ones stay public as the history."""
    locked = OfficialResponse.objects.select_for_update().select_related("idea").get(pk=response.pk)
    require(actor, "guides.respond", locked.idea)
    text = _clean_text(
        text, field="text", max_length=RESPONSE_MAX, empty=_("Please write the response.")
    )
    if text == locked.text:
        raise ValidationError({"text": [_("The text has not changed.")]})
    locked.version += 1
    locked.text, locked.text_html, locked.edited_at = text, render_markdown(text), timezone.now()
    locked.save(update_fields=["version", "text", "text_html", "edited_at"])
    OfficialResponseVersion.objects.create(
        response=locked,
        number=locked.version,
        text=text,
        text_html=locked.text_html,
        edited_by=actor,
    )
    audit_log(
        action=AuditAction.IDEA_RESPONSE_EDIT,
        actor=actor,
        target=locked.idea,
        details={"response": locked.pk, "version": locked.version, "text": text},
    )
    return locked


@transaction.atomic
def response_summary_set(*, response: OfficialResponse, actor, summary: str) -> OfficialResponse:
    """Write (or replace) the response's "Kurz und einfach": a few plain
    sentences that the idea page shows before the full response."""
    locked = OfficialResponse.objects.select_for_update().select_related("idea").get(pk=response.pk)
    require(actor, "guides.write_summary", locked.idea)
    summary = _clean_text(
        summary,
        field="summary",
        max_length=SUMMARY_MAX,
        empty=_("Please write the summary in a few short sentences."),
    )
    if summary == locked.summary:
        raise ValidationError({"summary": [_("The summary has not changed.")]})
    locked.summary, locked.summary_html = summary, render_markdown(summary)
    locked.save(update_fields=["summary", "summary_html"])
    audit_log(
        action=AuditAction.IDEA_RESPONSE_SUMMARY,
        actor=actor,
        target=locked.idea,
        details={"response": locked.pk, "summary": summary},
    )
    return locked


# --- process settings -------------------------------------------------------------------

SETTINGS_LIMITS = {
    "response_days": (1, 365),
    "support_threshold": (1, 1_000_000),
    "support_window_days": (1, 730),
}


@transaction.atomic
def settings_update(
    *, actor, response_days, support_threshold, support_window_days
) -> GuideSettings:
    require(actor, "guides.manage_settings")
    values = {
        "response_days": response_days,
        "support_threshold": support_threshold,
        "support_window_days": support_window_days,
    }
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        low, high = SETTINGS_LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not (low <= value <= high):
            errors[name] = [
                _("Please enter a whole number between %(low)s and %(high)s.")
                % {"low": low, "high": high}
            ]
    if errors:
        raise ValidationError(errors)
    row, _created = GuideSettings.objects.select_for_update().get_or_create(pk=1)
    before = {name: getattr(row, name) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by = actor
    row.save()
    audit_log(
        action=AuditAction.SETTINGS_CHANGE,
        actor=actor,
        target=row,
        details={"before": before, "after": values},
    )
    transaction.on_commit(lambda: cache.delete(SETTINGS_CACHE_KEY))
    return row


# --- staff roles ------------------------------------------------------------------------


# --- staff-assisted entry ---------------------------------------------------------------

OFFLINE_AUTHOR_EMAIL = "offline-beteiligung@aufbruch.invalid"


def offline_author():
    """The account that stands for residents without an account (paper cards, phone calls).
    It cannot log in and receives no notifications (inactive)."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        email=OFFLINE_AUTHOR_EMAIL,
        defaults={"display_name": "Offline-Beteiligung", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def idea_enter_for_resident(
    *, actor, source: str, title: str, body: str, topic, district=None, resident_email: str = ""
) -> Idea:
    """A guide types in an idea from a paper card, a workshop, a call or a visit.
    The public sees the source; the guide's account is only kept as entered_by."""
    from django.contrib.auth import get_user_model

    require(actor, "guides.enter_idea")
    if source not in IdeaSource.values or source == IdeaSource.ONLINE:
        raise ValidationError({"source": [_("Please choose where the idea came from.")]})
    resident_email = (resident_email or "").strip()
    author = None
    if resident_email:
        author = (
            get_user_model().objects.filter(email__iexact=resident_email, is_deleted=False).first()
        )
        if author is None:
            raise ValidationError(
                {
                    "resident_email": [
                        _(
                            "There is no account with this e-mail address. Leave the field empty for residents without an account."
                        )
                    ]
                }
            )
    idea = idea_submit(
        author=author or offline_author(),
        title=title,
        body=body,
        topic=topic,
        district=district,
        source=source,
        entered_by=actor,
    )
    audit_log(
        action=AuditAction.IDEA_ENTERED_FOR_RESIDENT,
        actor=actor,
        target=idea,
        details={"source": source, "resident_account": author is not None},
    )
    return idea


# --- accounts: data export -------------------------------------------------------------


def export_staff_work(user) -> dict:
    """A staff member's own writing for the data export: internal notes and
    official responses they wrote (the ideas' residents are not included)."""
    notes = [
        {"idea": idea_id, "text": text, "written_at": at.isoformat()}
        for idea_id, text, at in InternalNote.objects.filter(author=user)
        .order_by("created_at")
        .values_list("idea_id", "text", "created_at")
    ]
    responses = [
        {"idea": idea_id, "version": number, "text": text, "written_at": at.isoformat()}
        for idea_id, number, text, at in OfficialResponseVersion.objects.filter(edited_by=user)
        .order_by("created_at")
        .values_list("response__idea_id", "number", "text", "created_at")
    ]
    return {"internal_notes": notes, "official_responses": responses}
