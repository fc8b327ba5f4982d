from django.contrib import admin

from .models import CommitteeMeeting


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(admin.ModelAdmin):
    """Read-only: meetings change through the staff pages (audit, notifications)."""

    list_display = ("committee", "date", "reference", "decided_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
