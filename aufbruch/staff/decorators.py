"""The one way a view says "this is a staff page".

``staff_view(perm)`` asks for login and the permission, and marks the view
with ``staff_permission`` so the URL test (staff/tests/test_staff_urls.py)
can prove that every such view lives under ``/staff/``. The second factor is
not checked here: ``StaffMFAMiddleware`` asks for it on every path under
``/staff/`` before any view runs, and the role predicates honour staff roles
only in a session that passed it (``staff.mfa``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

STAFF_PATH = "/staff/"


def staff_view(perm: str, *, obj: Callable[[dict], Any] | None = None):
    """Anonymous → login; logged in without ``perm`` → 403.

    ``obj(kwargs)`` returns the object the permission is checked on (a 404
    when it does not exist); it may replace the URL's keyword arguments with
    the loaded object, e.g. ``pk`` with ``meeting``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = obj(kwargs) if obj is not None else None
            if not request.user.has_perm(perm, target):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.staff_permission = perm
        return wrapper

    return decorator
