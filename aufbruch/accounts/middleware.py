"""Staff must use two-factor authentication before they can act.

Any request to the staff area (and Django admin) by a user without an
active TOTP authenticator is sent to the MFA set-up page."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

STAFF_PREFIXES = ("/staff/", "/admin/")


class StaffMFARequired(Exception):
    """Raised by a view outside the staff area when a staff member acts there
    in their staff role (e.g. the programme office in a board's workspace);
    the middleware sends them to the TOTP set-up like in the staff area."""


def require_staff_mfa(user) -> None:
    if (
        getattr(settings, "STAFF_REQUIRE_MFA", True)
        and user.is_authenticated
        and not user_has_mfa(user)
    ):
        raise StaffMFARequired


def user_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "STAFF_REQUIRE_MFA", True)

    def __call__(self, request):
        if self.enabled and request.path.startswith(STAFF_PREFIXES):
            try:
                require_staff_mfa(request.user)
            except StaffMFARequired:
                return self._to_totp_setup(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, StaffMFARequired):
            return self._to_totp_setup(request)
        return None

    @staticmethod
    def _to_totp_setup(request):
        messages.warning(request, _("Staff accounts must set up two-factor authentication first."))
        return redirect("mfa_activate_totp")
