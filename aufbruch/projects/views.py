"""Public project pages: the list of pilots and projects, and one project."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors

LIST_CAP = 300


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = list(selectors.project_list_public()[:LIST_CAP])
    return render(request, "projects/project_list.html", {"projects": projects})


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_detail_public(pk)
    if project is None:
        raise Http404
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "can_manage": request.user.has_perm("projects.manage_project", project),
        },
    )
