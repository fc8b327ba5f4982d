from django.contrib import admin

from .models import GuideSettings, OfficialResponse, StaffRole, StatusChange


# Read-only: these rows change only through the services (audit, notifications).
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffRole)
class StaffRoleAdmin(ReadOnlyAdmin):
    """Roles are granted and revoked on the staff roles page (staff_role_grant /
    staff_role_revoke), which checks, audits and refreshes the cached roles."""

    list_display = ("user", "role", "department", "granted_by", "created_at")
    list_filter = ("role", "department")


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("idea", "from_status", "to_status", "decided_at", "reference", "created_at")
    list_filter = ("to_status",)


@admin.register(OfficialResponse)
class OfficialResponseAdmin(ReadOnlyAdmin):
    list_display = ("idea", "department", "version", "published_at", "edited_at")


@admin.register(GuideSettings)
class GuideSettingsAdmin(ReadOnlyAdmin):
    list_display = ("response_days", "support_threshold", "support_window_days", "updated_at")
