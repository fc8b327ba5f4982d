"""The staff boundary: staff act only in a session that passed TOTP.

``staff.mfa.MFASessionMiddleware`` withdraws staff roles from a session
without a second factor everywhere. This middleware is the one place that
asks for the second factor: a staff member who opens any page under
``/staff/`` or the admin (or is refused a page, see ``core.views.forbidden``)
in such a session is sent to set up TOTP, or to confirm it when it is set up
already, and comes back afterwards. Staff views say which permission they
need with ``staff.decorators.staff_view`` and live under ``/staff/`` (the URL
test in ``staff/tests/test_staff_urls.py`` holds them to it)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .decorators import STAFF_PATH
from .mfa import mfa_required, staff_powers_active, user_has_totp

STAFF_PREFIXES = (STAFF_PATH, "/admin/")


def has_staff_capacity(user) -> bool:
    """Whether ``user`` holds any staff role or admin flag, MFA aside."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_aufbruch_staff_capacity", None)
    if cached is None:
        cached = bool(user.is_superuser or user.is_staff or user.staff_roles.exists())
        user._aufbruch_staff_capacity = cached
    return cached


def needs_staff_mfa(user) -> bool:
    return mfa_required() and has_staff_capacity(user) and not staff_powers_active(user)


def staff_mfa_redirect(request):
    """Send a staff member to the second factor, then back to this page."""
    query = urlencode({"next": request.get_full_path()})
    if user_has_totp(request.user):
        messages.info(request, _("Please confirm your second factor to continue as staff."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    messages.warning(request, _("Staff accounts must set up two-factor authentication first."))
    return redirect("mfa_activate_totp")  # allauth shows the recovery codes next


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES) and needs_staff_mfa(request.user):
            return staff_mfa_redirect(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and needs_staff_mfa(request.user):
            # Refused because the roles wait for the second factor: say so
            # (for a form sent, too: nothing was changed, the way back is the page).
            return staff_mfa_redirect(request)
        return None
