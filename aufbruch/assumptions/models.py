"""The register of assumptions and findings: what the city believes, the
evidence it links, and dated reviews that confirm, adjust or discard it.
The wording history is kept, so the public page tells the whole story."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AssumptionStatus(models.TextChoices):
    OPEN = "open", _("not yet reviewed")
    CONFIRMED = "confirmed", _("confirmed")
    ADJUSTED = "adjusted", _("adjusted")
    DISCARDED = "discarded", _("discarded")


class ReviewOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    ADJUSTED = "adjusted", _("adjusted")
    DISCARDED = "discarded", _("discarded")


class EvidenceKind(models.TextChoices):
    SURVEY_QUESTION = "survey_question", _("survey question")
    STATEMENT = "statement", _("opinion-map statement")
    IDEA = "idea", _("idea")
    MEETING = "meeting", _("event")
    DOCUMENT = "document", _("document")


class Assumption(models.Model):
    wording = models.CharField(_("assumption"), max_length=300)
    original_wording = models.CharField(max_length=300, editable=False)
    explanation = models.TextField(_("why the city assumes this"), max_length=5_000, blank=True)
    explanation_html = models.TextField(editable=False, default="")
    topic = models.ForeignKey(
        "organisation.Topic",
        on_delete=models.PROTECT,
        related_name="assumptions",
        verbose_name=_("field of action"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_assumptions",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssumptionStatus.choices, default=AssumptionStatus.OPEN
    )
    review_due_on = models.DateField(_("next review"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")
        ordering = ["topic__position", "topic__name", "id"]

    def __str__(self) -> str:
        return self.wording

    def get_absolute_url(self) -> str:
        return reverse("assumptions:detail", args=[self.pk])


def document_path(instance: Evidence, filename: str) -> str:
    return f"assumptions/{instance.assumption_id}/{uuid.uuid4().hex}.pdf"


class Evidence(models.Model):
    """Something the assumption is checked against: a linked object or a PDF."""

    assumption = models.ForeignKey(Assumption, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    document = models.FileField(upload_to=document_path, blank=True)
    title = models.CharField(_("title"), max_length=200)
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["assumption", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assumption", "content_type", "object_id"], name="evidence_linked_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    assumption = models.ForeignKey(Assumption, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    reasoning = models.TextField(_("reasoning"), max_length=5_000)
    reasoning_html = models.TextField(editable=False, default="")
    previous_wording = models.CharField(max_length=300)
    new_wording = models.CharField(_("new wording"), max_length=300, blank=True)
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="reviews", verbose_name=_("evidence it rests on")
    )
    reviewed_on = models.DateField()
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.assumption_id}: {self.outcome} ({self.reviewed_on})"
