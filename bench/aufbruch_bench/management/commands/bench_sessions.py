"""Log-in sessions for the load benchmark: one line per session,
"<sessionid> <csrftoken>", for wrk's Lua scripts. Only for bench users."""

from __future__ import annotations

import secrets
import string

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

ALPHABET = string.ascii_letters + string.digits


class Command(BaseCommand):
    help = "Create sessions for benchmark users and print them for wrk."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000)
        parser.add_argument("--email-suffix", default="@bench.invalid")
        parser.add_argument(
            "--email-prefix", default="", help='e.g. "teilnehmer-" for the demo\'s residents'
        )
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--staff-output", help="also write one programme-office session (with TOTP) here"
        )

    def handle(
        self, *args, count, email_suffix, output, email_prefix="", staff_output=None, **opts
    ):
        store_cls = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
        users = (
            get_user_model()
            .objects.filter(
                email__startswith=email_prefix, email__endswith=email_suffix, is_active=True
            )
            .order_by("pk")[:count]
        )
        lines = []
        for user in users:
            session = store_cls()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            csrf = "".join(secrets.choice(ALPHABET) for _ in range(32))
            lines.append(f"{session.session_key} {csrf}")
        if staff_output:
            from allauth.mfa.models import Authenticator

            from aufbruch.core.testing import enable_totp
            from aufbruch.staff.mfa import mark_session_mfa
            from aufbruch.staff.models import StaffRole, StaffRoleKind

            staff, _ = get_user_model().objects.get_or_create(
                email="office@bench.invalid", defaults={"display_name": "Programmbüro"}
            )
            StaffRole.objects.get_or_create(user=staff, role=StaffRoleKind.OFFICE, department=None)
            if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
                enable_totp(staff)
            session = store_cls()
            session[SESSION_KEY] = str(staff.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = staff.get_session_auth_hash()
            mark_session_mfa(session, staff)
            session.create()
            with open(staff_output, "w") as fh:
                fh.write(session.session_key + "\n")
        with open(output, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        self.stdout.write(f"wrote {len(lines)} sessions to {output}")
