from django.contrib import admin

from .models import Meeting, Registration


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-only overview; changes go through the services on /staff/events/."""

    list_display = [
        "title",
        "kind",
        "starts_at",
        "capacity",
        "confirmed_count",
        "waiting_count",
        "is_published",
    ]
    list_filter = ["kind", "is_published"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "created_at", "checked_in_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
