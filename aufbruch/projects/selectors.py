"""Reads for projects: public lists and pages in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from aufbruch.ideas.models import Idea

from .models import (
    STARTABLE_STATUSES,
    Milestone,
    Project,
    ProjectStatus,
    ProjectUpdate,
    ProjectUpdateImage,
)


def project_list_public() -> QuerySet[Project]:
    return Project.objects.select_related("department").order_by("status", "-created_at", "-id")


def public_ideas() -> QuerySet[Idea]:
    return Idea.objects.filter(is_hidden=False).only("pk", "title", "status")


def project_detail_public(pk: int) -> Project | None:
    return (
        Project.objects.select_related("department")
        .prefetch_related(
            Prefetch("ideas", queryset=public_ideas().order_by("pk")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
            Prefetch(
                "updates",
                queryset=ProjectUpdate.objects.order_by("-published_at", "-id").prefetch_related(
                    Prefetch(
                        "images", queryset=ProjectUpdateImage.objects.order_by("position", "id")
                    )
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def projects_of_idea(idea: Idea) -> list[Project]:
    return list(
        Project.objects.filter(ideas=idea)
        .select_related("department")
        .order_by("-created_at", "-id")
    )


def projects_for_staff() -> QuerySet[Project]:
    return Project.objects.select_related("department").order_by("status", "-created_at", "-id")


def startable_ideas(limit: int = 300) -> list[Idea]:
    return list(
        Idea.objects.filter(status__in=STARTABLE_STATUSES, is_hidden=False)
        .exclude(projects__status=ProjectStatus.RUNNING)
        .order_by("-support_count", "pk")[:limit]
    )


def recent_updates(limit: int = 30) -> list[ProjectUpdate]:
    return list(
        ProjectUpdate.objects.select_related("project").order_by("-published_at", "-id")[:limit]
    )
