from django.contrib import admin

from aufbruch.core.admin_base import ReadOnlyAdmin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("id", "idea", "author", "created_at", "is_deleted", "is_hidden")
    list_filter = ("is_deleted", "is_hidden")
    list_select_related = ("idea", "author")
