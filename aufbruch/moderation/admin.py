from django.contrib import admin

from aufbruch.core.admin_base import ReadOnlyAdmin

from .models import Report


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Reports are decided in the staff queue (/staff/moderation/)."""

    list_display = ("created_at", "content_type", "object_id", "reason", "status")
    list_filter = ("status", "reason", "content_type")
