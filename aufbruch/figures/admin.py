from django.contrib import admin

from .models import PopulationFigure, StatusReport


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: changes go through the staff pages (validation, audit)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PopulationFigure)
class PopulationFigureAdmin(ReadOnlyAdmin):
    list_display = ("age_band", "district", "residents", "is_demo", "updated_at")


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    """An issued report is an archive record: never changed, never deleted."""

    list_display = ("period_start", "period_end", "issued_at", "issued_by")
