"""The Django admin behind the same door as the staff area.

Login goes through allauth (password, then the second factor); the admin
opens only in a session that passed it; and every write made in the admin,
for any model, third-party ones included, leaves an audit entry."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.staff.mfa import staff_powers_active
from aufbruch.staff.middleware import needs_staff_mfa, staff_mfa_redirect


class AuditedAdminMixin:
    """Writes an audit entry next to each of Django's admin log entries."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        _audit(AuditAction.ADMIN_ADD, request, obj, message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        _audit(AuditAction.ADMIN_CHANGE, request, obj, message)
        return entry

    def log_deletions(self, request, queryset):
        objects = list(queryset)
        result = super().log_deletions(request, objects)
        for obj in objects:
            _audit(AuditAction.ADMIN_DELETE, request, obj, "")
        return result


def _audit(action, request, obj, message) -> None:
    with transaction.atomic():
        audit_log(
            action=action,
            actor=request.user,
            target=obj,
            details={"model": obj._meta.label, "message": _plain(message)},
        )


def _plain(message) -> object:
    return message if isinstance(message, (str, list, dict)) else str(message)


class AufbruchAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and staff_powers_active(user))

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next") or reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect_to_login(next_url, login_url=reverse("account_login"))
        if needs_staff_mfa(request.user):
            return staff_mfa_redirect(request)
        return redirect(next_url if self.has_permission(request) else "home")

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, AuditedAdminMixin):
            base = type(f"Audited{base.__name__}", (AuditedAdminMixin, base), {})
        return super().register(model_or_iterable, base, **options)
