from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("new comment")
    REPLY = "reply", _("new reply")
    STATUS = "status", _("status change")
    RESPONSE = "response", _("official response")
    BOARD = "board", _("board statement")
    EVENT = "event", _("event")
    MODERATION = "moderation", _("moderation")
    REMINDER = "reminder", _("reminder")
    OTHER = "other", _("other")


class Notification(models.Model):
    """In-app notification; at most one per recipient and event (event_key)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    event_key = models.CharField(
        max_length=120, help_text="Identifies the event, e.g. 'comment:42'."
    )
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_wanted = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="notification_once_per_event"
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title
