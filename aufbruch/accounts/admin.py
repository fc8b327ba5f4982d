from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_staff", "is_active", "is_deleted")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profil", {"fields": ("display_name", "birth_year", "district")}),
        (
            "Status",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "blocked_until",
                    "is_deleted",
                    "groups",
                )
            },
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """Edits in the admin are audited like the profile service (the entry
        renews the idea pages that show a new display name)."""
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            fields = [f for f in form.changed_data if f != "password"]
            audit_log(
                action=AuditAction.ACCOUNT_PROFILE_UPDATE,
                actor=request.user,
                target=obj,
                details={"fields": fields, "via": "admin"},
            )
