"""Events (Digitalgipfel, workshops, think labs): agenda, registration with a
waiting list, tickets and check-in, live questions in the room, and results.

Capacity is guarded in ``registrations.registration_create``: the meeting row is
locked (SELECT ... FOR UPDATE) and the confirmed seats are counted inside
that transaction, so parallel registrations never exceed it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_ticket_code() -> str:
    # 10 characters of base32 without look-alikes: easy to type, 50 bits of chance.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class MeetingKind(models.TextChoices):
    SUMMIT = "summit", _("summit")
    WORKSHOP = "workshop", _("workshop")
    THINK_LAB = "think_lab", _("think lab")
    INFO_SESSION = "info_session", _("info session")


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    description_html = models.TextField(editable=False, default="")
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.WORKSHOP
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=140, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = models.URLField(_("online link"), blank=True)
    accessibility_info = models.TextField(
        _("accessibility of the venue"), max_length=2000, blank=True
    )
    capacity = models.PositiveIntegerField(_("seats"))
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_meetings",
        verbose_name=_("organiser"),
    )
    topics = models.ManyToManyField(
        "organisation.Topic",
        blank=True,
        related_name="meetings",
        verbose_name=_("fields of action"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Counters kept by the services inside the locked transaction.
    confirmed_count = models.PositiveIntegerField(default=0)
    waiting_count = models.PositiveIntegerField(default=0)
    attended_count = models.PositiveIntegerField(default=0)
    # Results, published after the event.
    minutes = models.TextField(_("minutes"), max_length=50_000, blank=True)
    minutes_html = models.TextField(editable=False, default="")
    results = models.TextField(_("results"), max_length=20_000, blank=True)
    results_html = models.TextField(editable=False, default="")
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="meeting_published_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=models.F("capacity")),
                name="meeting_capacity_never_exceeded",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def has_map_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Track(models.Model):
    """A strand of parallel sessions (a summit has several)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("track"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="track_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One item of the agenda; it has a live page while ``live_open`` is set."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("track"),
    )
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    live_open = models.BooleanField(_("live participation open"), default=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "starts_at", "track__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("e-mail not yet confirmed")
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_STATUSES = [
    RegistrationStatus.UNCONFIRMED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
]


class Registration(models.Model):
    """A seat or a place on the waiting list, for an account or a guest."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    guest_name = models.CharField(_("name"), max_length=100, blank=True)
    guest_email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    # Waiting list order: the time a person joined the queue (ties by id).
    queued_at = models.DateTimeField(null=True, blank=True)
    ticket_code = models.CharField(max_length=16, unique=True, default=new_ticket_code)
    secret = models.CharField(max_length=64, unique=True, default=new_token)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(status__in=ACTIVE_STATUSES, user__isnull=False),
                name="registration_once_per_user",
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("guest_email"),
                condition=Q(status__in=ACTIVE_STATUSES, user__isnull=True),
                name="registration_once_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_email=""), name="registration_has_person"
            ),
        ]
        indexes = [
            models.Index(
                fields=["meeting", "status", "queued_at", "id"], name="registration_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.person_name}"

    @property
    def person_name(self) -> str:
        return self.user.public_name if self.user_id else self.guest_name

    @property
    def email(self) -> str:
        return self.user.email if self.user_id else self.guest_email

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class ContributionKind(models.TextChoices):
    QUESTION = "question", _("question")
    IDEA = "idea", _("idea card")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class LiveContribution(models.Model):
    """A question or short idea card posted in the room, without an account."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ContributionKind.choices,
        default=ContributionKind.QUESTION,
    )
    text = models.CharField(_("text"), max_length=280)
    status = models.CharField(
        max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.PENDING
    )
    # The signed browser id of the poster (never an IP address).
    client_id = models.CharField(max_length=64)
    vote_count = models.PositiveIntegerField(default=0)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-vote_count", "created_at", "id"]
        indexes = [
            models.Index(fields=["session", "status", "-vote_count"], name="live_session_idx")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class LiveVote(models.Model):
    """One vote per browser and contribution: the database guarantees it."""

    contribution = models.ForeignKey(
        LiveContribution, on_delete=models.CASCADE, related_name="votes"
    )
    client_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "client_id"], name="live_vote_once_per_browser"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id}:{self.client_id[:6]}"


def photo_path(instance: MeetingPhoto, filename: str) -> str:
    return f"meetings/{instance.meeting_id}/{filename}"


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.alt_text


class MeetingIdea(models.Model):
    """An idea that came out of an event (from a live idea card or a paper card)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="idea_links")
    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="meeting_link")
    contribution = models.OneToOneField(
        LiveContribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="idea_link"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} → {self.idea_id}"
