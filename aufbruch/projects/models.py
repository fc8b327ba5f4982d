"""Projects: what a decided idea (or several merged ones) becomes — a
feasibility study, a pilot (Reallabor), then the implementation. Everything
here is public except who typed it in."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# A project starts once the committee has decided; "implemented" ends it.
STARTABLE_STATUSES = frozenset({"decided", "feasibility", "pilot"})


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("implemented")
    STOPPED = "stopped", _("stopped")


class Project(models.Model):
    title = models.CharField(_("title"), max_length=140)
    goal = models.TextField(_("goal"), max_length=5_000)
    goal_html = models.TextField(editable=False, default="")
    department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("owner department"),
    )
    ideas = models.ManyToManyField("ideas.Idea", related_name="projects", verbose_name=_("ideas"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    budget_planned = models.DecimalField(
        _("budget planned (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_spent = models.DecimalField(
        _("budget spent (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=140)
    due_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class ProjectUpdate(models.Model):
    """A dated public report on the project's progress."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("title"), max_length=140)
    body = models.TextField(_("text"), max_length=10_000)
    body_html = models.TextField(editable=False, default="")
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at"], name="projectupdate_published_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.project_id]) + f"#update-{self.pk}"


def update_image_path(instance: "ProjectUpdateImage", filename: str) -> str:
    return f"projects/{instance.update.project_id}/{filename}"


class ProjectUpdateImage(models.Model):
    update = models.ForeignKey(ProjectUpdate, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        upload_to=update_image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["update", "position", "id"]

    def __str__(self) -> str:
        return self.alt_text
