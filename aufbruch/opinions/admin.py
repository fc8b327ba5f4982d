from django.contrib import admin

from .models import ClusterResult, OpinionMap, Statement


@admin.register(OpinionMap)
class OpinionMapAdmin(admin.ModelAdmin):
    list_display = ["question", "is_open", "topic", "created_at"]
    list_filter = ["is_open", "topic"]
    search_fields = ["question"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["text", "opinion_map", "state", "vote_count"]
    list_filter = ["state"]
    search_fields = ["text"]
    readonly_fields = [
        "author",
        "vote_count",
        "moderated_by",
        "moderated_at",
        "imported_author_id",
        "imported_comment_id",
    ]


@admin.register(ClusterResult)
class ClusterResultAdmin(admin.ModelAdmin):
    list_display = ["opinion_map", "computed_at", "n_participants", "silhouette", "duration_ms"]
    readonly_fields = [f.name for f in ClusterResult._meta.fields]
