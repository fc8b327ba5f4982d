"""Read-only admin views: every change goes through the services (and the
staff pages), so the audit trail stays complete."""

from django.contrib import admin

from .models import AgendaComment, Amendment, Document, Version


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ["title", "status", "published_at", "is_sample"]
    list_filter = ["status"]


@admin.register(Version)
class VersionAdmin(ReadOnly):
    list_display = ["document", "number", "published_at", "adopted_on", "decision_reference"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnly):
    list_display = ["pk", "paragraph", "author", "status", "support_count", "is_hidden"]
    list_filter = ["status", "is_hidden"]


@admin.register(AgendaComment)
class AgendaCommentAdmin(ReadOnly):
    list_display = ["pk", "paragraph", "author", "created_at", "is_deleted", "is_hidden"]
    list_filter = ["is_hidden", "is_deleted"]
