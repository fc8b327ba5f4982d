from django.contrib import admin

from .models import StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    """Roles are granted and revoked on the staff roles page (staff_role_grant /
    staff_role_revoke), which checks, audits and refreshes the cached roles."""

    list_display = ("user", "role", "department", "granted_by", "created_at")
    list_filter = ("role", "department")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
