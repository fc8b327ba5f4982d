"""Read-only: assumptions change only through their services (create, link
evidence, review), so the audit trail and the wording history stay complete."""

from django.contrib import admin

from .models import Assumption, Review


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    fields = ("reviewed_on", "outcome", "previous_wording", "new_wording", "reviewed_by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assumption)
class AssumptionAdmin(admin.ModelAdmin):
    list_display = ("wording", "topic", "owner", "status", "review_due_on")
    list_filter = ("status", "topic")
    search_fields = ("wording", "original_wording")
    readonly_fields = (
        "wording",
        "original_wording",
        "explanation",
        "topic",
        "owner",
        "status",
        "review_due_on",
        "created_by",
    )
    exclude = ("explanation_html",)
    inlines = [ReviewInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
