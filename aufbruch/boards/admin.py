"""Read-mostly admin: state changes go through the services (and their audit entries)."""

from django.contrib import admin

from .models import Board, BoardApplication, Membership, Recommendation


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "size",
        "term_start",
        "term_end",
        "quorum_percent",
        "majority_rule",
    )
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("purpose_html",)


@admin.register(BoardApplication)
class BoardApplicationAdmin(admin.ModelAdmin):
    list_display = ("id", "board", "status", "created_at", "decided_at")
    list_filter = ("board", "status")
    exclude = ("birth_year",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("id", "board", "status", "show_publicly", "created_at")
    list_filter = ("board", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("title", "board", "status", "adopted", "published_at")
    list_filter = ("board", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
