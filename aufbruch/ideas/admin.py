"""Read-only admin views: ideas change only through their services (submit,
edit, the guides' workflow, moderation), so every change is audited."""

from django.contrib import admin

from aufbruch.core.admin_base import ReadOnlyAdmin

from .models import Idea, IdeaImage, IdeaVersion, StatusChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IdeaVersionInline(ReadOnlyInline):
    model = IdeaVersion
    fields = ("number", "title", "created_at")
    readonly_fields = fields


class IdeaImageInline(ReadOnlyInline):
    model = IdeaImage
    fields = ("image", "alt_text", "position")
    readonly_fields = fields


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "status",
        "topic",
        "district",
        "support_count",
        "comment_count",
        "is_hidden",
        "created_at",
    )
    list_filter = ("status", "is_hidden", "source", "topic", "district")
    search_fields = ("title",)
    list_select_related = ("topic", "district")
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = [IdeaVersionInline, IdeaImageInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Idea._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    """Status changes are made by aufbruch.ideas.workflow only."""

    list_display = ("idea", "from_status", "to_status", "decided_at", "reference", "created_at")
    list_filter = ("to_status",)
