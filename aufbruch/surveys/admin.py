"""Read-only: surveys change only through their services, so every change is
audited. Responses are not listed here at all (anonymous answers stay anonymous)."""

from django.contrib import admin

from .models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "opens_at", "closes_at", "response_count")
    list_filter = ("status",)
    search_fields = ("title",)
    readonly_fields = (
        "title",
        "description",
        "status",
        "opens_at",
        "closes_at",
        "results_visibility",
        "created_by",
        "published_at",
        "response_count",
    )
    exclude = ("description_html",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
