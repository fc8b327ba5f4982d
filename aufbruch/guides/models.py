from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GuideSettings(models.Model):
    """The programme office's process settings: a single row (pk=1)."""

    response_days = models.PositiveSmallIntegerField(
        _("days for the first public response"),
        default=21,
        help_text=_("An idea without a public response after this many days is overdue."),
    )
    support_threshold = models.PositiveIntegerField(
        _("support threshold for a written response"),
        default=200,
        help_text=_(
            "An idea that reaches this many supports within the window must get a written response."
        ),
    )
    support_window_days = models.PositiveSmallIntegerField(
        _("window for the support threshold (days)"),
        default=56,
        help_text=_("Counted from the day the idea was submitted."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("process settings")
        verbose_name_plural = _("process settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="guidesettings_singleton")]

    def __str__(self) -> str:
        return str(_("process settings"))


class Assignment(models.Model):
    """Each (re)assignment of an idea to a department and a responsible guide."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        "organisation.Department", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2_000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["idea", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.idea_id} → {self.department_id}/{self.assignee_id}"


class InternalNote(models.Model):
    """Staff-only note on an idea. Never rendered outside /staff/."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("internal note"), max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["idea", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"note {self.pk} on idea {self.idea_id}"


class OfficialResponse(models.Model):
    """The department's public statement on an idea (Stellungnahme der Verwaltung)."""

    idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.CASCADE, related_name="official_responses"
    )
    department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("response"), max_length=10_000)
    text_html = models.TextField(editable=False, default="")
    # "Kurz und einfach": a short summary in plain language, shown first.
    summary = models.TextField(_("summary in plain language"), max_length=1_000, blank=True)
    summary_html = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(_("published at"))
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")
        ordering = ["idea", "published_at", "id"]

    def __str__(self) -> str:
        return f"response {self.pk} on idea {self.idea_id}"


class OfficialResponseVersion(models.Model):
    """Every version of a response is kept and shown as its public history."""

    response = models.ForeignKey(
        OfficialResponse, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    text_html = models.TextField(default="")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "number"]
        constraints = [
            models.UniqueConstraint(fields=["response", "number"], name="response_version_unique")
        ]

    def __str__(self) -> str:
        return f"response {self.response_id} v{self.number}"
