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
