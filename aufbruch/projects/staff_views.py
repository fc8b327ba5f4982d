"""Staff pages: start a project from decided ideas, keep it up to date, complete it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aufbruch.ideas.models import Idea
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .forms import (
    CompleteForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProjectCreateForm,
    ProjectEditForm,
    UpdateForm,
)
from .models import Milestone, Project, ProjectStatus


@require_http_methods(["GET", "POST"])
@staff_view("projects.create_project")
def manage_list(request):
    candidates = selectors.startable_ideas()
    form = ProjectCreateForm(request.POST or None, user=request.user, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                actor=request.user,
                title=data["title"],
                goal=data["goal"],
                department=data["department"],
                ideas=list(Idea.objects.filter(pk__in=data["ideas"])),
                starts_on=data["starts_on"],
                budget_planned=data["budget_planned"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The project was created."))
            return redirect("projects_staff:detail", pk=project.pk)
    projects = list(selectors.projects_for_staff()[:300])
    for project in projects:
        project.can_manage = request.user.has_perm("projects.manage_project", project)
    return render(
        request,
        "projects/manage_list.html",
        {"form": form, "projects": projects, "has_candidates": bool(candidates)},
        status=400 if form.errors else 200,
    )


def _managed(request, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("department"), pk=pk)
    if not request.user.has_perm("projects.manage_project", project):
        raise PermissionDenied
    return project


def _render_manage(request, project: Project, status: int = 200, **forms):
    edit = forms.get("edit") or ProjectEditForm(
        initial={
            "title": project.title,
            "goal": project.goal,
            "progress": project.progress,
            "starts_on": project.starts_on,
            "budget_planned": project.budget_planned or "",
            "budget_spent": project.budget_spent or "",
        }
    )
    milestones = list(project.milestones.order_by("due_on", "id"))
    context = {
        "project": project,
        "is_running": project.status == ProjectStatus.RUNNING,
        "ideas": list(project.ideas.order_by("pk")),
        "milestones": milestones,
        "updates": list(project.updates.order_by("-published_at", "-id")[:50]),
        "edit_form": edit,
        "milestone_form": forms.get("milestone") or MilestoneForm(prefix="ms"),
        "done_form": forms.get("done") or MilestoneDoneForm(prefix="done"),
        "done_for": forms.get("done_for"),
        "today": timezone.localdate(),
        "update_form": forms.get("update") or UpdateForm(prefix="up"),
        "complete_form": forms.get("complete") or CompleteForm(prefix="done-project"),
    }
    return render(request, "projects/manage_detail.html", context, status=status)


@require_GET
@staff_view("projects.create_project")
def manage_detail(request, pk: int):
    return _render_manage(request, _managed(request, pk))


def _run(request, project, form, key: str, call, success: str, **extra):
    """Validate ``form``, call the service, map its errors back, or redirect."""
    if form.is_valid():
        try:
            call(form)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, success)
            return redirect("projects_staff:detail", pk=project.pk)
    return _render_manage(request, project, status=400, **{key: form}, **extra)


@require_POST
@staff_view("projects.create_project")
def project_edit(request, pk: int):
    project = _managed(request, pk)
    return _run(
        request,
        project,
        ProjectEditForm(request.POST),
        "edit",
        lambda f: services.project_edit(project=project, actor=request.user, **f.cleaned_data),
        _("The project was saved."),
    )


@require_POST
@staff_view("projects.create_project")
def milestone_add(request, pk: int):
    project = _managed(request, pk)
    return _run(
        request,
        project,
        MilestoneForm(request.POST, prefix="ms"),
        "milestone",
        lambda f: services.milestone_add(project=project, actor=request.user, **f.cleaned_data),
        _("The milestone was added."),
    )


@require_POST
@staff_view("projects.create_project")
def milestone_done(request, pk: int):
    milestone = get_object_or_404(Milestone, pk=pk)
    project = _managed(request, milestone.project_id)
    return _run(
        request,
        project,
        MilestoneDoneForm(request.POST, prefix="done"),
        "done",
        lambda f: services.milestone_mark_done(
            milestone=milestone, actor=request.user, done_on=f.cleaned_data["done_on"]
        ),
        _("The milestone is marked as reached."),
        done_for=milestone.pk,
    )


@require_POST
@staff_view("projects.create_project")
def update_post(request, pk: int):
    project = _managed(request, pk)
    form = UpdateForm(request.POST, request.FILES, prefix="up")
    return _run(
        request,
        project,
        form,
        "update",
        lambda f: services.project_post_update(
            project=project,
            actor=request.user,
            title=f.cleaned_data["title"],
            body=f.cleaned_data["body"],
            progress=f.cleaned_data["progress"],
            images=f.image_pairs(),
        ),
        _("The update was published."),
    )


@require_POST
@staff_view("projects.create_project")
def project_complete(request, pk: int):
    project = _managed(request, pk)
    return _run(
        request,
        project,
        CompleteForm(request.POST, prefix="done-project"),
        "complete",
        lambda f: services.project_complete(
            project=project, actor=request.user, explanation=f.cleaned_data["explanation"]
        ),
        _("The project is completed; its ideas are now implemented."),
    )
