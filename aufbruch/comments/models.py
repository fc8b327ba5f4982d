from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    """A comment on an idea, threaded one level deep (replies have a parent).

    Deleting leaves a tombstone (is_deleted); moderation hides (is_hidden).
    Neither removes the row, so threads and the audit trail stay intact.
    """

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=5_000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    # How many residents marked it helpful; kept with F() next to HelpfulMark rows.
    helpful_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["idea", "parent", "created_at"], name="comment_thread_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} on idea {self.idea_id}"

    def get_absolute_url(self) -> str:
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"


class HelpfulMark(models.Model):
    """A resident found a comment helpful (one per person and comment)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpful_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("helpful mark")
        verbose_name_plural = _("helpful marks")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="comment_helpful_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["user", "comment"], name="helpful_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} → comment {self.comment_id}"
