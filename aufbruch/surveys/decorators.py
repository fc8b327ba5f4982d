"""Staff pages outside /staff/: the same two-factor rule as StaffMFAMiddleware."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from aufbruch.accounts.middleware import user_has_mfa


def staff_page(perm: str):
    """Require login, an active TOTP authenticator (for staff) and ``perm``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            if getattr(settings, "STAFF_REQUIRE_MFA", True) and not user_has_mfa(request.user):
                messages.warning(
                    request, _("Staff accounts must set up two-factor authentication first.")
                )
                return redirect("mfa_activate_totp")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
