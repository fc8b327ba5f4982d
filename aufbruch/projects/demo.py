"""Demo projects: every adopted idea in the pilot stage gets a project with
milestones and an update; the oldest ones are completed (→ "implemented")."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from aufbruch.ideas.models import Idea, IdeaStatus

from .models import Project
from .services import (
    milestone_add,
    milestone_mark_done,
    project_complete,
    project_create,
    project_post_update,
)


def seed_projects(ctx) -> None:
    if Project.objects.exists():
        return
    office = get_user_model().objects.filter(staff_roles__role="office").first()
    if office is None:
        return
    today = timezone.localdate()
    ideas = list(
        Idea.objects.filter(is_hidden=False, status=IdeaStatus.PILOT, department__isnull=False)
        .select_related("department")
        .order_by("created_at")[:8]
    )
    for n, idea in enumerate(ideas):
        project = project_create(
            actor=office,
            title=f"Reallabor: {idea.title}"[:140],
            goal=f"Die Idee „{idea.title}“ wird zwölf Monate lang im Reallabor erprobt und ausgewertet.",
            department=idea.department,
            ideas=[idea],
            starts_on=today - timedelta(days=200 - 10 * n),
            budget_planned="25000.00" if n % 2 == 0 else None,
        )
        first = milestone_add(
            project=project,
            actor=office,
            title="Partner gefunden",
            due_on=today - timedelta(days=120),
        )
        milestone_mark_done(milestone=first, actor=office, done_on=today - timedelta(days=110))
        milestone_add(
            project=project, actor=office, title="Auswertung", due_on=today + timedelta(days=90)
        )
        project_post_update(
            project=project,
            actor=office,
            title="Das Reallabor läuft",
            body="Die ersten Wochen sind vorbei. Die Rückmeldungen sind gut; wir berichten weiter.",
            progress=40 + 5 * n,
        )
        if n < 2:
            project_complete(
                project=project,
                actor=office,
                explanation="Das Reallabor war erfolgreich: Die Idee ist jetzt umgesetzt. Danke an alle!",
            )
