from django.contrib import admin

from .models import Milestone, Project, ProjectUpdate


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    readonly_fields = ["title", "due_on", "done_on"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-only: projects change through the staff pages (services, audit log)."""

    list_display = ["title", "department", "status", "progress", "created_at"]
    list_filter = ["status", "department"]
    search_fields = ["title"]
    inlines = [MilestoneInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "published_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
