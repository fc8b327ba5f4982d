"""State changes of accounts: sign-up completion, profile, export, deletion.

Other apps add their part of a user's data export and of the account
deletion through ``register_exporter`` / ``register_anonymiser`` in their
AppConfig.ready(), so the core does not need to know every format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.audit.services import audit_log
from aufbruch.core.permissions import require
from aufbruch.staff.models import StaffRole

from .models import User

MIN_BIRTH_YEAR = 1900
DISPLAY_NAME_MAX_LENGTH = 50
PROFILE_FIELDS = {
    "display_name",
    "birth_year",
    "district",
    "email_on_comments",
    "email_on_updates",
    "email_on_events",
}

_exporters: dict[str, Callable[[User], Any]] = {}
_anonymisers: list[Callable[[User], None]] = []


def register_exporter(key: str, fn: Callable[[User], Any]) -> None:
    _exporters[key] = fn


def register_anonymiser(fn: Callable[[User], None]) -> None:
    if fn not in _anonymisers:
        _anonymisers.append(fn)


def validate_display_name(value: Any) -> str:
    """A public name: 2 to 50 characters, no markup or control characters."""
    name = " ".join(str(value or "").split())
    if len(name) < 2:
        raise ValidationError(
            _("Please enter a display name with at least 2 characters."), code="too_short"
        )
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationError(
            _("The display name may have at most %(max)s characters.")
            % {"max": DISPLAY_NAME_MAX_LENGTH},
            code="too_long",
        )
    if any(ch in name for ch in "<>{}") or not name.isprintable():
        raise ValidationError(
            _("The display name may not contain the characters < > { }."), code="invalid_characters"
        )
    return name


def validate_birth_year(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("Please enter the year as a number, e.g. 1990."), code="invalid"
        ) from None
    this_year = timezone.localdate().year
    if not MIN_BIRTH_YEAR <= year <= this_year:
        raise ValidationError(
            _("Please enter a year between %(min)s and %(max)s.")
            % {"min": MIN_BIRTH_YEAR, "max": this_year},
            code="out_of_range",
        )
    return year


@transaction.atomic
def user_after_signup(*, user: User, display_name: str) -> User:
    user.display_name = validate_display_name(display_name)
    user.save(update_fields=["display_name"])
    audit_log(action=AuditAction.ACCOUNT_SIGNUP, actor=user, target=user)
    return user


@transaction.atomic
def user_update_profile(*, user: User, actor: User, **fields: Any) -> User:
    """Change profile fields. Only the user themself may do this; raises
    ValidationError with a message per field."""
    require(actor, "accounts.change_profile", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"fields {sorted(unknown)} cannot be changed here")
    errors: dict[str, list[str]] = {}
    validators = {"display_name": validate_display_name, "birth_year": validate_birth_year}
    for name, validate in validators.items():
        if name in fields:
            try:
                fields[name] = validate(fields[name])
            except ValidationError as exc:
                errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    changed = []
    for name, value in fields.items():
        if name.startswith("email_on_"):
            value = bool(value)
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        # The audit entry renews the idea pages that show a changed name.
        user.save(update_fields=changed)
        audit_log(
            action=AuditAction.ACCOUNT_PROFILE_UPDATE,
            actor=actor,
            target=user,
            details={"fields": changed},
        )
    return user


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user`` (Art. 15/20 DSGVO)."""
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "birth_year": user.birth_year,
            "district": user.district.name if user.district_id else None,
            "email_addresses": _email_addresses(user),
            "two_factor_methods": _two_factor_methods(user),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "notification_preferences": {
                "email_on_comments": user.email_on_comments,
                "email_on_updates": user.email_on_updates,
                "email_on_events": user.email_on_events,
            },
        }
    }
    for key, fn in sorted(_exporters.items()):
        data[key] = fn(user)
    with transaction.atomic():
        audit_log(action=AuditAction.ACCOUNT_DATA_EXPORT, actor=user, target=user)
    return data


def _two_factor_methods(user: User) -> list[str]:
    from allauth.mfa.models import Authenticator

    return sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))


def _email_addresses(user: User) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("email")
    ]


@transaction.atomic
def user_delete_account(*, user: User, actor: User) -> User:
    """Remove personal data, keep contributions (shown as "gelöschtes Konto").

    The user themself or the programme office may do this."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    require(actor, "accounts.delete_account", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_deleted:
        return user

    for fn in _anonymisers:
        fn(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    StaffRole.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.birth_year = None
    user.district = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_deleted = True
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # Every other session of this user ends by itself: Django checks the
    # password hash stored in the session, and the password is gone (and the
    # account inactive). No scan of all sessions is needed.
    # Earlier audit entries about this account carried its display name.
    AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(User), target_id=str(user.pk)
    ).update(target_repr=str(user))
    audit_log(
        action=AuditAction.ACCOUNT_DELETE,
        actor=actor if actor.pk != user.pk else None,
        target=user,
        details={"user_id": user.pk},
    )
    return user
