from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    """Where an idea stands on Gütersloh's decision path.

    The allowed transitions are defined in one place: aufbruch.ideas.workflow.
    """

    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("under review")
    POOL = "pool", _("in the project pool")
    DECIDED = "decided", _("adopted by the committee")
    DECLINED = "declined", _("declined")
    FEASIBILITY = "feasibility", _("feasibility study")
    PILOT = "pilot", _("pilot (Reallabor)")
    IMPLEMENTED = "implemented", _("implemented")
    MERGED = "merged", _("merged")


class IdeaSource(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper card")
    WORKSHOP = "workshop", _("workshop")
    PHONE = "phone", _("phone")
    IN_PERSON = "in_person", _("in person")


class Idea(models.Model):
    title = models.CharField(_("title"), max_length=140)
    body = models.TextField(_("description"), max_length=10_000)
    body_html = models.TextField(editable=False, default="")
    topic = models.ForeignKey(
        "organisation.Topic",
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("field of action"),
    )
    district = models.ForeignKey(
        "organisation.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Filled by the configured geocoder (core.geocoder) in a background task
    # after the point is set; emptied when the point changes.
    address = models.CharField(_("address"), max_length=255, blank=True)
    # Accounts are anonymised, never deleted, so authorship stays intact.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    source = models.CharField(
        _("source"), max_length=20, choices=IdeaSource.choices, default=IdeaSource.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff member who typed in an idea on a resident's behalf (never shown publicly).",
    )
    department = models.ForeignKey(
        "organisation.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("department"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_ideas",
        verbose_name=_("responsible guide"),
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_ideas"
    )
    response_due_at = models.DateTimeField(_("response due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    needs_written_response = models.BooleanField(_("support threshold reached"), default=False)
    # Counters kept by the services with F() in the same transaction.
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    # Raised with the audit entry of every action that changes what the idea
    # page shows (audit.page_effects, ideas.page_cache.renew_pages_for):
    # comments, official responses, board statements, linked evidence ... It
    # keys the cached renderings of the page (ideas/page_cache.py) and of its
    # comment thread.
    page_version = models.PositiveIntegerField(default=0, editable=False)
    trend_score = models.FloatField(default=0.0)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="idea_new_idx", condition=Q(is_hidden=False)),
            models.Index(
                fields=["-support_count", "-created_at"],
                name="idea_support_idx",
                condition=Q(is_hidden=False),
            ),
            models.Index(
                fields=["-comment_count", "-created_at"],
                name="idea_comment_idx",
                condition=Q(is_hidden=False),
            ),
            models.Index(
                fields=["-trend_score", "-created_at"],
                name="idea_trend_idx",
                condition=Q(is_hidden=False),
            ),
            models.Index(fields=["topic", "-created_at"], name="idea_topic_idx"),
            models.Index(fields=["district", "-created_at"], name="idea_district_idx"),
            models.Index(fields=["status", "-created_at"], name="idea_status_idx"),
            models.Index(fields=["department", "status"], name="idea_dept_idx"),
            # the guides' inbox: unanswered ideas past their response deadline
            models.Index(
                fields=["response_due_at"],
                name="idea_overdue_idx",
                condition=Q(first_response_at__isnull=True, is_hidden=False),
            ),
            # the guides' inbox "support threshold reached": few rows, newest first
            # (without it the scope scans the whole table when nothing is flagged)
            models.Index(
                fields=["-created_at"],
                name="idea_flagged_idx",
                condition=Q(needs_written_response=True, is_hidden=False),
            ),
            # the list's combined filter (field of action + district + status), newest first
            models.Index(
                fields=["topic", "district", "status", "-created_at"],
                name="idea_filter_idx",
                condition=Q(is_hidden=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", args=[self.pk])


class IdeaVersion(models.Model):
    """Every version of an idea's text is kept (the first one included)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=140)
    body = models.TextField()
    topic = models.ForeignKey("organisation.Topic", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "organisation.District", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # [{"id": image pk, "name": storage name, "alt": description}] in page order;
    # None: a version saved before points and images were kept with it.
    images = models.JSONField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["idea", "number"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "number"], name="idea_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class IdeaSearchTerm(models.Model):
    """One search term of an idea (aufbruch.core.search.document_terms):
    every stem of its title and text and the known parts of compounds, so a
    search is an exact lookup ``term IN (...)`` that the (term, idea) index
    serves. Rewritten by the services whenever the search text changes."""

    # The unique (idea, term) index serves lookups by idea; no second one.
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="search_terms", db_index=False
    )
    term = models.CharField(max_length=40)
    in_title = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "term"], name="idea_search_term_unique")
        ]
        indexes = [models.Index(fields=["term", "idea", "in_title"], name="idea_search_term_idx")]

    def __str__(self) -> str:
        return f"{self.term} -> {self.idea_id}"


class SearchWord(models.Model):
    """Every term ever stored for an idea, once: the small vocabulary in
    which a query word with a typo looks for words one letter away."""

    term = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.term


def idea_image_path(instance: "IdeaImage", filename: str) -> str:
    return f"ideas/{instance.idea_id}/{filename}"


class IdeaImage(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=idea_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["idea", "position", "id"]

    def __str__(self) -> str:
        return self.alt_text or self.image.name


class Support(models.Model):
    """One per person and idea: the database guarantees it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="support_one_per_person")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="support_user_idx")]

    def __str__(self) -> str:
        return f"support {self.user_id} -> {self.idea_id}"


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="follow_one_per_person")
        ]
        indexes = [models.Index(fields=["user"], name="follow_user_idx")]

    def __str__(self) -> str:
        return f"follow {self.user_id} -> {self.idea_id}"


class StatusChange(models.Model):
    """One step of an idea on the decision path; shown publicly as its timeline."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("previous status"), max_length=20, choices=IdeaStatus.choices)
    to_status = models.CharField(_("new status"), max_length=20, choices=IdeaStatus.choices)
    explanation = models.TextField(_("explanation"), max_length=5_000)
    explanation_html = models.TextField(editable=False, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateField(_("date of decision"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        # The table keeps the name it had when the model lived in guides.
        db_table = "guides_statuschange"
        ordering = ["idea", "created_at", "id"]
        indexes = [models.Index(fields=["idea", "created_at"], name="statuschange_idea_idx")]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"
