"""Read-mostly admin: state changes go through the services (and their audit entries)."""

from django.contrib import admin

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.text import render_markdown

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
    exclude = ("purpose_html",)

    def save_model(self, request, obj, form, change):
        """New boards go through board_create; edits re-render the purpose and are audited."""
        from .services import board_create

        if not change:
            created = board_create(
                actor=request.user, **{f: form.cleaned_data[f] for f in form.cleaned_data}
            )
            obj.pk = created.pk
            return
        obj.purpose_html = render_markdown(obj.purpose)
        super().save_model(request, obj, form, change)
        audit_log(
            action=AuditAction.SETTINGS_CHANGE,
            actor=request.user,
            target=obj,
            details={"board": obj.pk, "fields": form.changed_data},
        )


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
