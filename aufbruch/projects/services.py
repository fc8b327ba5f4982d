"""Projects: create one from decided ideas, keep milestones and progress,
publish dated updates (followers and supporters of the ideas are told), and
complete it — the only way an idea becomes "implemented"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.images import validate_and_reencode_image
from aufbruch.core.permissions import allowed, require
from aufbruch.core.text import plain_text, render_markdown
from aufbruch.ideas.models import Follow, Idea, IdeaStatus, Support
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.notifications.models import NotificationKind
from aufbruch.notifications.services import notify
from aufbruch.organisation.models import Department

from .models import (
    STARTABLE_STATUSES,
    Milestone,
    Project,
    ProjectStatus,
    ProjectUpdate,
    ProjectUpdateImage,
)

TITLE_MAX = Project._meta.get_field("title").max_length
GOAL_MAX = Project._meta.get_field("goal").max_length
UPDATE_MAX = ProjectUpdate._meta.get_field("body").max_length
ALT_MAX = ProjectUpdateImage._meta.get_field("alt_text").max_length
MAX_IMAGES = 3
MAX_IDEAS = 20
BUDGET_MAX = Decimal("9999999999.99")


def _text(value: str, *, field: str, limit: int, required: bool, errors: dict) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = [_("This field is required.")]
    elif len(value) > limit:
        errors[field] = [_("The text is too long (at most %(max)s characters).") % {"max": limit}]
    return value


def _money(value, *, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Please enter an amount in euros, e.g. 12500.00.")]
        return None
    if amount < 0 or amount > BUDGET_MAX:
        errors[field] = [_("Please enter an amount between 0 and 9,999,999,999.99 euros.")]
        return None
    return amount


def _progress(value, *, errors: dict) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors["progress"] = [_("Please enter a whole number between 0 and 100.")]
        return 0
    if not 0 <= number <= 100:
        errors["progress"] = [_("Please enter a whole number between 0 and 100.")]
    return number


_MANAGERS_ONLY = gettext_lazy(
    "Only the guides of the owner department and the programme office manage a project."
)


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def project_recipients(project_id: int):
    """Followers and supporters of the project's ideas, each once."""
    idea_ids = Project.ideas.through.objects.filter(project_id=project_id).values("idea_id")
    return get_user_model().objects.filter(
        Q(pk__in=Support.objects.filter(idea_id__in=idea_ids).values("user_id"))
        | Q(pk__in=Follow.objects.filter(idea_id__in=idea_ids).values("user_id"))
    )


@transaction.atomic
def project_create(
    *,
    actor,
    title: str,
    goal: str,
    department: Department | None,
    ideas: list[Idea],
    starts_on: date | None = None,
    budget_planned=None,
) -> Project:
    """A project from one decided idea or several (merged ones count with their target)."""
    require(actor, "projects.create_project")
    errors: dict[str, list[str]] = {}
    title = _text(title, field="title", limit=TITLE_MAX, required=True, errors=errors)
    goal = _text(goal, field="goal", limit=GOAL_MAX, required=True, errors=errors)
    planned = _money(budget_planned, field="budget_planned", errors=errors)
    if department is None:
        errors["department"] = [_("Please choose the owner department.")]
    elif not allowed(
        actor, "projects.manage_project", SimpleNamespace(department_id=department.pk)
    ):
        errors["department"] = [_("You can only start projects for your own department.")]
    idea_ids = sorted({i.pk for i in ideas})
    locked = list(Idea.objects.select_for_update().filter(pk__in=idea_ids).order_by("pk"))
    if not locked:
        errors["ideas"] = [_("Please choose at least one decided idea.")]
    elif len(locked) > MAX_IDEAS:
        errors["ideas"] = [_("A project can bundle at most %(max)s ideas.") % {"max": MAX_IDEAS}]
    else:
        wrong = [i for i in locked if i.is_hidden or i.status not in STARTABLE_STATUSES]
        busy = Idea.objects.filter(
            pk__in=idea_ids, projects__status=ProjectStatus.RUNNING
        ).values_list("pk", flat=True)
        if wrong:
            errors["ideas"] = [
                _("Only ideas the committee has adopted can become a project (#%(ids)s).")
                % {"ids": ", #".join(str(i.pk) for i in wrong)}
            ]
        elif busy:
            errors["ideas"] = [
                _("These ideas already belong to a running project: #%(ids)s.")
                % {"ids": ", #".join(str(pk) for pk in busy)}
            ]
    if errors:
        raise ValidationError(errors)
    project = Project.objects.create(
        title=title,
        goal=goal,
        goal_html=render_markdown(goal),
        department=department,
        starts_on=starts_on,
        budget_planned=planned,
        created_by=actor,
    )
    project.ideas.set(locked)
    audit_log(
        action=AuditAction.PROJECT_CREATE,
        actor=actor,
        target=project,
        details={"title": title, "department": department.pk, "ideas": idea_ids},
    )
    return project


@transaction.atomic
def project_edit(
    *,
    project: Project,
    actor,
    title: str,
    goal: str,
    progress,
    starts_on: date | None = None,
    budget_planned=None,
    budget_spent=None,
) -> Project:
    require(actor, "projects.manage_project", project, message=_MANAGERS_ONLY)
    locked = _lock(project)
    errors: dict[str, list[str]] = {}
    if locked.status != ProjectStatus.RUNNING:
        raise ValidationError(_("This project is closed and can no longer be changed."))
    title = _text(title, field="title", limit=TITLE_MAX, required=True, errors=errors)
    goal = _text(goal, field="goal", limit=GOAL_MAX, required=True, errors=errors)
    number = _progress(progress, errors=errors)
    planned = _money(budget_planned, field="budget_planned", errors=errors)
    spent = _money(budget_spent, field="budget_spent", errors=errors)
    if errors:
        raise ValidationError(errors)
    before = {
        "progress": locked.progress,
        "budget_planned": str(locked.budget_planned) if locked.budget_planned is not None else None,
        "budget_spent": str(locked.budget_spent) if locked.budget_spent is not None else None,
    }
    Project.objects.filter(pk=locked.pk).update(
        title=title,
        goal=goal,
        goal_html=render_markdown(goal),
        progress=number,
        starts_on=starts_on,
        budget_planned=planned,
        budget_spent=spent,
        updated_at=timezone.now(),
    )
    audit_log(
        action=AuditAction.PROJECT_EDIT,
        actor=actor,
        target=locked,
        details={"before": before, "progress": number, "title": title},
    )
    return Project.objects.get(pk=locked.pk)


@transaction.atomic
def milestone_add(*, project: Project, actor, title: str, due_on: date | None) -> Milestone:
    require(actor, "projects.manage_project", project, message=_MANAGERS_ONLY)
    locked = _lock(project)
    errors: dict[str, list[str]] = {}
    title = _text(title, field="title", limit=140, required=True, errors=errors)
    if not isinstance(due_on, date):
        errors["due_on"] = [_("Please enter the planned date.")]
    if errors:
        raise ValidationError(errors)
    milestone = Milestone.objects.create(project=locked, title=title, due_on=due_on)
    audit_log(
        action=AuditAction.PROJECT_MILESTONE,
        actor=actor,
        target=locked,
        details={"added": milestone.pk, "title": title, "due_on": due_on.isoformat()},
    )
    return milestone


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, actor, done_on: date | None) -> Milestone:
    project = Project.objects.select_for_update().get(pk=milestone.project_id)
    require(actor, "projects.manage_project", project, message=_MANAGERS_ONLY)
    if not isinstance(done_on, date):
        raise ValidationError({"done_on": [_("Please enter the date the milestone was reached.")]})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("A milestone cannot be reached in the future.")]})
    Milestone.objects.filter(pk=milestone.pk).update(done_on=done_on)
    audit_log(
        action=AuditAction.PROJECT_MILESTONE,
        actor=actor,
        target=project,
        details={"done": milestone.pk, "done_on": done_on.isoformat()},
    )
    return Milestone.objects.get(pk=milestone.pk)


@transaction.atomic
def project_post_update(
    *,
    project: Project,
    actor,
    title: str,
    body: str,
    progress=None,
    images: list[tuple] = (),
) -> ProjectUpdate:
    """Publish a dated update; ``images`` are (upload, alt text) pairs.
    The followers and supporters of the project's ideas are notified once."""
    require(actor, "projects.manage_project", project, message=_MANAGERS_ONLY)
    locked = _lock(project)
    errors: dict[str, list[str]] = {}
    title = _text(title, field="title", limit=TITLE_MAX, required=True, errors=errors)
    body = _text(body, field="body", limit=UPDATE_MAX, required=True, errors=errors)
    number = None if progress in (None, "") else _progress(progress, errors=errors)
    if len(images) > MAX_IMAGES:
        errors["images"] = [_("At most %(max)s images per update.") % {"max": MAX_IMAGES}]
    files = []
    for n, (upload, alt) in enumerate(images[:MAX_IMAGES], 1):
        alt = (alt or "").strip()
        if not alt:
            errors[f"alt_text_{n}"] = [_("Please describe what the image shows.")]
        elif len(alt) > ALT_MAX:
            errors[f"alt_text_{n}"] = [
                _("The text is too long (at most %(max)s characters).") % {"max": ALT_MAX}
            ]
        try:
            files.append((validate_and_reencode_image(upload), alt))
        except ValidationError as exc:
            errors[f"image_{n}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if locked.status != ProjectStatus.RUNNING:
        raise ValidationError(_("This project is closed and can no longer be changed."))
    update = ProjectUpdate.objects.create(
        project=locked,
        title=title,
        body=body,
        body_html=render_markdown(body),
        progress=number,
        author=actor,
        published_at=timezone.now(),
    )
    for position, (content, alt) in enumerate(files):
        image = ProjectUpdateImage(update=update, alt_text=alt, position=position)
        image.image.save(content.name, content, save=False)
        image.save()
    if number is not None:
        Project.objects.filter(pk=locked.pk).update(progress=number, updated_at=timezone.now())
    audit_log(
        action=AuditAction.PROJECT_UPDATE,
        actor=actor,
        target=locked,
        details={"update": update.pk, "title": title, "images": len(files), "progress": number},
    )
    with override(settings.LANGUAGE_CODE):
        notify(
            recipients=project_recipients(locked.pk),
            kind=NotificationKind.STATUS,
            event_key=f"project-update:{update.pk}",
            exclude=actor,
            title=_("News from the project “%(title)s”: %(update)s")
            % {"title": locked.title[:80], "update": title[:80]},
            body=plain_text(body)[:1000],
            url=update.get_absolute_url(),
        )
    return update


@transaction.atomic
def project_complete(*, project: Project, actor, explanation: str) -> Project:
    """The project is done: every linked idea becomes "implemented" (the only
    way there), with the explanation on its public timeline."""
    require(actor, "projects.manage_project", project, message=_MANAGERS_ONLY)
    locked = _lock(project)
    if locked.status != ProjectStatus.RUNNING:
        raise ValidationError(_("This project is already closed."))
    ideas = list(locked.ideas.exclude(status=IdeaStatus.MERGED).order_by("pk"))
    not_ready = [i for i in ideas if i.status != IdeaStatus.PILOT]
    if not_ready:
        raise ValidationError(
            {
                "explanation": [
                    _(
                        "Every idea of the project must be in the pilot stage first (not yet: #%(ids)s)."
                    )
                    % {"ids": ", #".join(str(i.pk) for i in not_ready)}
                ]
            }
        )
    for idea in ideas:
        try:
            idea_change_status(
                idea=idea,
                actor=actor,
                to_status=IdeaStatus.IMPLEMENTED,
                explanation=explanation,
                reference=_("Project #%(pk)s") % {"pk": locked.pk},
                via_project=True,
            )
        except PermissionDenied as exc:
            raise ValidationError(
                {
                    "explanation": [
                        _(
                            "You may not change the status of idea #%(pk)s; please ask the programme office."
                        )
                        % {"pk": idea.pk}
                    ]
                }
            ) from exc
        except ValidationError as exc:
            raise ValidationError({"explanation": exc.messages}) from exc
    Project.objects.filter(pk=locked.pk).update(
        status=ProjectStatus.COMPLETED,
        progress=100,
        completed_at=timezone.now(),
        updated_at=timezone.now(),
    )
    audit_log(
        action=AuditAction.PROJECT_COMPLETE,
        actor=actor,
        target=locked,
        details={"ideas": [i.pk for i in ideas], "explanation": explanation.strip()},
    )
    return Project.objects.get(pk=locked.pk)
