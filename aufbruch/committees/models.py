"""Committee meetings (e.g. the Hauptausschuss) that decide on ideas from the
project pool, each with its agenda and the decision per idea."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    BACK_TO_POOL = "pool", _("back to the project pool")
    DECLINED = "declined", _("declined")


class CommitteeMeeting(models.Model):
    committee = models.CharField(_("committee"), max_length=150)
    date = models.DateField(_("date of the meeting"))
    reference = models.CharField(
        _("reference"), max_length=100, help_text=_("e.g. the number of the committee paper")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(_("decisions recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.committee} {self.date:%d.%m.%Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="items")
    idea = models.ForeignKey("ideas.Idea", on_delete=models.PROTECT, related_name="committee_items")
    position = models.PositiveIntegerField(default=0)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    explanation = models.TextField(_("explanation"), max_length=5_000, blank=True)
    plain_summary = models.TextField(
        _("in short and plain words"),
        max_length=600,
        blank=True,
        help_text=_("A few short sentences in plain language, shown first on the idea page."),
    )
    status_change = models.ForeignKey(
        "ideas.StatusChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "idea"], name="agenda_idea_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.position}: idea {self.idea_id}"


class PositionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    APPROVED = "approved", _("approved")


class AdministrationPosition(models.Model):
    """The administration's position and proposed resolution on one agenda
    item (Stellungnahme und Beschlussvorschlag): written by a guide of the
    idea's department, approved by the programme office. Only an approved
    position appears in the committee paper and in public."""

    item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="administration_position"
    )
    position = models.TextField(_("position of the administration"), max_length=5_000)
    proposed_resolution = models.TextField(_("proposed resolution"), max_length=2_000)
    cost_estimate = models.DecimalField(
        _("estimated cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(_("note on the cost"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PositionStatus.choices, default=PositionStatus.DRAFT
    )
    review_note = models.CharField(_("note of the review"), max_length=1_000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("position of the administration")
        verbose_name_plural = _("positions of the administration")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.status}"
