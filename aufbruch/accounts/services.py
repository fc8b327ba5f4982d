"""State changes of accounts: sign-up completion, profile, export, deletion.

Other apps add their part of a user's data export and of the account
deletion through ``register_exporter`` / ``register_anonymiser`` in their
AppConfig.ready(), so the core does not need to know every format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log

from .models import User

_exporters: dict[str, Callable[[User], Any]] = {}
_anonymisers: list[Callable[[User], None]] = []


def register_exporter(key: str, fn: Callable[[User], Any]) -> None:
    _exporters[key] = fn


def register_anonymiser(fn: Callable[[User], None]) -> None:
    if fn not in _anonymisers:
        _anonymisers.append(fn)


@transaction.atomic
def user_after_signup(*, user: User, display_name: str) -> User:
    user.display_name = display_name.strip()
    user.save(update_fields=["display_name"])
    audit_log(action=AuditAction.ACCOUNT_SIGNUP, actor=user, target=user)
    return user


@transaction.atomic
def user_update_profile(*, user: User, actor: User, **fields: Any) -> User:
    allowed = {"display_name", "birth_year", "district", "email_on_comments", "email_on_updates", "email_on_events"}
    changed = []
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"field {name} cannot be changed here")
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=changed)
        audit_log(action=AuditAction.ACCOUNT_PROFILE_UPDATE, actor=actor, target=user, details={"fields": changed})
    return user


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user`` (Art. 15/20 DSGVO)."""
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "birth_year": user.birth_year,
            "district": user.district.name if user.district_id else None,
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


@transaction.atomic
def user_delete_account(*, user: User, actor: User) -> User:
    """Remove personal data, keep contributions (shown as "gelöschtes Konto")."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.models import Session

    for fn in _anonymisers:
        fn(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
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
    # End every session of this user (sessions are stored server-side).
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    audit_log(action=AuditAction.ACCOUNT_DELETE, actor=actor if actor.pk != user.pk else None, target=user, details={"user_id": user.pk})
    return user
