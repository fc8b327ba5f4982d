from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    INSULT = "insult", _("insulting or discriminatory")
    PERSONAL_DATA = "personal_data", _("reveals personal data")
    ILLEGAL = "illegal", _("illegal content")
    OFF_TOPIC = "off_topic", _("off topic")
    OTHER = "other", _("other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    HIDDEN = "hidden", _("content hidden")
    DISMISSED = "dismissed", _("dismissed")


class Report(models.Model):
    """A flag on an idea, comment or other content; one per person and item."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    explanation = models.TextField(_("explanation"), max_length=1_000, blank=True)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)
    decision = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="report_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="report_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type_id}:{self.object_id})"


class DecisionAction(models.TextChoices):
    HIDE = "hide", _("content hidden")
    RESTORE = "restore", _("content shown again")
    DISMISS = "dismiss", _("reports dismissed, content stays visible")


class Decision(models.Model):
    """A moderation decision with its statement of reasons (EU Digital
    Services Act, Art. 17): which content, which rule, the facts, what was
    decided, by a person (never automated), and how to object (Art. 20)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=40)
    action = models.CharField(_("decision"), max_length=20, choices=DecisionAction.choices)
    ground = models.CharField(_("rule"), max_length=20, choices=ReportReason.choices, blank=True)
    facts = models.TextField(_("facts and reasons"), max_length=1_000, blank=True)
    content_excerpt = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="decision_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.kind} {self.object_id})"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("open")
    UPHELD = "upheld", _("decision upheld")
    REVERSED = "reversed", _("decision reversed")


class Objection(models.Model):
    """An objection against a decision (internal complaint handling, DSA
    Art. 20), decided by another moderator where there is one."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="objections")
    objector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("your objection"), max_length=2_000)
    status = models.CharField(
        max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("reasons for the outcome"), max_length=1_000, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "objector"], name="objection_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.get_status_display()}"
