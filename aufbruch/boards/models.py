"""Boards (Beiräte, Denklabore): membership by open call, a private
workspace, and recommendations that members vote on and the city answers.

Privacy: an application stores only what the decision needs (motivation,
optional media, the birth year for age-limited boards). Birth years are
never shown publicly or to other members; a membership of someone under 16
stays "pending consent" until a guardian's consent is recorded.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DIGITAL_CONSENT_AGE = 16


class BoardKind(models.TextChoices):
    YOUTH = "youth", _("youth board")
    THINK_LAB = "think_lab", _("think lab")
    OTHER = "other", _("other board")


class MajorityRule(models.TextChoices):
    SIMPLE = "simple", _("simple majority (more yes than no)")
    ABSOLUTE = "absolute", _("absolute majority (more than half of all votes cast)")


class Board(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    purpose = models.TextField(_("purpose"), max_length=5_000)
    purpose_html = models.TextField(editable=False, default="")
    kind = models.CharField(
        _("kind"), max_length=20, choices=BoardKind.choices, default=BoardKind.OTHER
    )
    max_age = models.PositiveSmallIntegerField(
        _("age limit"),
        null=True,
        blank=True,
        help_text=_(
            "Applicants must be younger than this on the day they apply (30 for the U30 board)."
        ),
    )
    size = models.PositiveSmallIntegerField(_("number of seats"), default=20)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    members_public = models.BooleanField(
        _("members are listed publicly"),
        default=True,
        help_text=_("Only members who agreed are shown, never their age."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (share of members who must vote, in percent)"), default=50
    )
    majority_rule = models.CharField(
        _("majority"), max_length=20, choices=MajorityRule.choices, default=MajorityRule.SIMPLE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="board_quorum_percent_max_100"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("boards:detail", args=[self.slug])


class BoardCall(models.Model):
    """An open call for applications with a deadline."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="calls")
    text = models.TextField(_("text of the call"), max_length=5_000, blank=True)
    text_html = models.TextField(editable=False, default="")
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return f"{self.board} – {self.deadline:%Y-%m-%d}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.deadline


def private_upload_path(instance, filename: str) -> str:
    """Private files get a random name; the original name is kept in the row."""
    ext = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"private/boards/{instance.board_folder()}/{uuid.uuid4().hex}.{ext}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class BoardApplication(models.Model):
    call = models.ForeignKey(BoardCall, on_delete=models.PROTECT, related_name="applications")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_applications"
    )
    motivation = models.TextField(_("motivation"), max_length=3_000)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    photo = models.FileField(_("photo"), upload_to=private_upload_path, blank=True)
    video = models.FileField(_("video"), upload_to=private_upload_path, blank=True)
    video_type = models.CharField(max_length=40, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_message = models.TextField(_("message to the applicant"), max_length=2_000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="board_application_once_per_call"
            ),
        ]

    def __str__(self) -> str:
        return f"Application #{self.pk}"

    def board_folder(self) -> str:
        return f"{self.board_id}/applications"


class MembershipStatus(models.TextChoices):
    PENDING_CONSENT = "pending_consent", _("waiting for a guardian's consent")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class ConsentMethod(models.TextChoices):
    PAPER = "paper", _("paper form")
    EMAIL = "email", _("e-mail")
    IN_PERSON = "in_person", _("in person")


class Membership(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships"
    )
    application = models.OneToOneField(
        BoardApplication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership",
    )
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    show_publicly = models.BooleanField(_("show my name on the public board page"), default=False)
    needs_consent = models.BooleanField(default=False)
    consent_guardian_name = models.CharField(
        _("name of the parent or guardian"), max_length=150, blank=True
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="board_membership_once")
        ]
        indexes = [models.Index(fields=["user", "status"], name="board_membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {self.board}"


class Thread(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=140)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(default=timezone.now)
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-last_post_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"), max_length=5_000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Post #{self.pk}"


class Document(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=140)
    file = models.FileField(upload_to=private_upload_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def board_folder(self) -> str:
        return f"{self.board_id}/documents"


class BoardMeeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=140)
    starts_at = models.DateTimeField(_("date and time"))
    minutes = models.TextField(_("minutes"), max_length=20_000, blank=True)
    minutes_html = models.TextField(editable=False, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    VOTING = "voting", _("vote open")
    CLOSED = "closed", _("vote closed")


class Recommendation(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="recommendations")
    title = models.CharField(_("title"), max_length=140)
    body = models.TextField(_("text"), max_length=10_000)
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ideas = models.ManyToManyField(
        "ideas.Idea", blank=True, related_name="board_recommendations", verbose_name=_("ideas")
    )
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The result, recorded once when the vote closes.
    member_count = models.PositiveIntegerField(default=0)
    yes_count = models.PositiveIntegerField(default=0)
    no_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)
    quorum_reached = models.BooleanField(null=True)
    adopted = models.BooleanField(null=True)
    published_at = models.DateTimeField(null=True, blank=True)
    answer_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "closes_at"], name="board_rec_due_idx"),
            models.Index(fields=["board", "-published_at"], name="board_rec_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def votes_cast(self) -> int:
        return self.yes_count + self.no_count + self.abstain_count

    def public_url(self) -> str:
        return f"{self.board.get_absolute_url()}#recommendation-{self.pk}"


class RecommendationComment(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=5_000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"


class VoteChoice(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    ABSTAIN = "abstain", _("abstain")


class Vote(models.Model):
    """One per member and recommendation. On account deletion the vote keeps
    counting but loses its voter (voter becomes NULL)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    choice = models.CharField(max_length=10, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "voter"], name="board_vote_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Vote #{self.pk}"


class RecommendationAnswer(models.Model):
    """The administration's public answer, one per department."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="answers"
    )
    department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    body = models.TextField(_("answer"), max_length=10_000)
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "department"], name="board_answer_once_per_department"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer #{self.pk}"
