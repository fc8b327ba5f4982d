from django.contrib import admin

from .models import GuideSettings, OfficialResponse


# Read-only: these rows change only through the services (audit, notifications).
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OfficialResponse)
class OfficialResponseAdmin(ReadOnlyAdmin):
    list_display = ("idea", "department", "version", "published_at", "edited_at")


@admin.register(GuideSettings)
class GuideSettingsAdmin(ReadOnlyAdmin):
    list_display = ("response_days", "support_threshold", "support_window_days", "updated_at")
