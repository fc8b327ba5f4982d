"""Staff power belongs to a session that completed the second factor.

A staff role (guide, moderator, programme office) or a superuser flag is
honoured only in a request whose session passed TOTP. Having an
authenticator is not enough: a password-only session of a staff member is
treated like a resident's everywhere, on staff pages, in the admin and on
public URLs that grant more to staff.

``MFASessionMiddleware`` decides this once per request from allauth's
authentication records and stores the answer on the request user and in a
context variable; ``staff_powers_active(user)`` is what the role predicates
ask. Outside a request (management commands, tasks, the shell) the roles are
honoured: those are trusted contexts without a browser session.
"""

from __future__ import annotations

import contextvars
import time

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings

_FLAG = "_aufbruch_mfa_session"
# (user pk, verified) of the user of the request being served, if any
_current: contextvars.ContextVar[tuple[int | None, bool] | None] = contextvars.ContextVar(
    "aufbruch_mfa_session", default=None
)


def mfa_required() -> bool:
    return getattr(settings, "STAFF_REQUIRE_MFA", True)


def session_passed_mfa(request, user) -> bool:
    """True when this session completed a second factor for ``user``."""
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def staff_powers_active(user) -> bool:
    """May ``user``'s staff roles (and superuser flag) count right now?"""
    if not mfa_required() or user is None or not getattr(user, "is_authenticated", False):
        return True
    flag = getattr(user, _FLAG, None)
    if flag is not None:
        return flag
    current = _current.get()
    if current is not None and current[0] == user.pk:
        return current[1]
    return True


def record_mfa(request, user, **extra) -> None:
    """Record a completed second factor in the session (allauth's own record)."""
    record_authentication(request, user, "mfa", **extra)


def mark_session_mfa(session, user) -> None:
    """Write the record of a completed second factor into a bare session
    object (test clients, browser tests, benchmark sessions)."""
    records = list(session.get("account_authentication_methods") or [])
    records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session["account_authentication_methods"] = records
    session["account_authentication_methods_user"] = str(user.pk)


class MFASessionMiddleware:
    """Stamp the request user with whether this session passed MFA.

    Runs after allauth's AccountMiddleware; evaluates ``request.user`` (a
    visitor without a session cookie costs no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        token = None
        if user.is_authenticated:
            verified = session_passed_mfa(request, user)
            setattr(user, _FLAG, verified)
            token = _current.set((user.pk, verified))
        try:
            return self.get_response(request)
        finally:
            if token is not None:
                _current.reset(token)


def on_authenticator_added(sender, request=None, user=None, authenticator=None, **kwargs):
    """Activating TOTP proves the code in that request: count it as this
    session's second factor, so a new staff member can work right away."""
    if request is not None and user is not None and authenticator is not None:
        record_mfa(request, user, id=authenticator.pk, type=authenticator.type)
        setattr(user, _FLAG, True)
        if getattr(request, "user", None) is not None and request.user.pk == user.pk:
            setattr(request.user, _FLAG, True)
