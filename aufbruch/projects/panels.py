"""The idea page's project section: which project carries the idea and how far it is."""

from __future__ import annotations

from .models import STARTABLE_STATUSES
from .selectors import projects_of_idea

# Only ideas the committee adopted can belong to a project: no query for the rest.
PROJECT_STATUSES = STARTABLE_STATUSES | {"implemented"}


def project_panel_context(request, idea) -> dict | None:
    if idea.status not in PROJECT_STATUSES:
        return None
    projects = projects_of_idea(idea)
    return {"projects": projects} if projects else None


def ideas_showing(project, details: dict):
    """Registered with ideas.page_cache: the ideas a project carries show it."""
    return project.ideas.values("pk")
