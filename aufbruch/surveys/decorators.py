"""Staff pages outside /staff/: login and the permission. The permission
itself needs a session with a second factor (staff.mfa)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from aufbruch.staff.middleware import require_mfa_session


def staff_page(perm: str):
    """Require login and ``perm`` (staff roles count only after TOTP)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            require_mfa_session(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
