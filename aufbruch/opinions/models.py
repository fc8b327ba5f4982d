"""Opinion maps (Meinungsbild), as Pol.is runs them: a question, short
statements, agree/disagree/pass votes, and groups of people who vote alike."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STATEMENT_MAX_LENGTH = 280


class OpinionMap(models.Model):
    question = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), max_length=5_000, blank=True)
    topic = models.ForeignKey(
        "organisation.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_maps",
        verbose_name=_("field of action"),
    )
    is_open = models.BooleanField(_("open for votes and statements"), default=True)
    attribution = models.TextField(
        _("attribution"),
        blank=True,
        help_text=_("Source and licence of imported data, shown on the map's pages."),
    )
    source_url = models.URLField(_("source"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Debounce: set when a recompute is queued, cleared when the task starts.
    # A mark older than RECOMPUTE_STALE_AFTER counts as lost (worker down).
    recompute_queued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("opinions:detail", args=[self.pk])


class StatementState(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Statement(models.Model):
    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=STATEMENT_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_author_id = models.IntegerField(null=True, blank=True)
    imported_comment_id = models.IntegerField(null=True, blank=True)
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=StatementState.choices,
        default=StatementState.PENDING,
    )
    is_seed = models.BooleanField(_("set by the organisers"), default=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Kept by the vote service with F() in the same transaction.
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opinion_map", "imported_comment_id"],
                condition=Q(imported_comment_id__isnull=False),
                name="statement_unique_import",
            )
        ]
        indexes = [
            models.Index(
                fields=["opinion_map", "state", "vote_count", "id"], name="statement_queue_idx"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Participant(models.Model):
    """Someone who votes on one map: an account, an anonymous visitor (a
    random key kept in a signed cookie) or an imported Pol.is participant."""

    opinion_map = models.ForeignKey(
        OpinionMap, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    anonymous_key = models.CharField(max_length=64, blank=True, default="")
    polis_id = models.IntegerField(null=True, blank=True)
    polis_group = models.IntegerField(
        null=True, blank=True, help_text="group-id from the Pol.is export"
    )
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["opinion_map", "user"],
                condition=Q(user__isnull=False),
                name="participant_unique_user",
            ),
            models.UniqueConstraint(
                fields=["opinion_map", "anonymous_key"],
                condition=~Q(anonymous_key=""),
                name="participant_unique_anon",
            ),
            models.UniqueConstraint(
                fields=["opinion_map", "polis_id"],
                condition=Q(polis_id__isnull=False),
                name="participant_unique_polis",
            ),
        ]

    def __str__(self) -> str:
        return f"participant {self.pk} on map {self.opinion_map_id}"


class VoteValue(models.IntegerChoices):
    AGREE = 1, pgettext_lazy("opinion vote", "Agree")
    DISAGREE = -1, pgettext_lazy("opinion vote", "Disagree")
    PASS = 0, pgettext_lazy("opinion vote", "Pass / unsure")


class Vote(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="vote_once_per_statement"
            ),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="vote_value_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.statement_id}: {self.value}"


class ClusterResult(models.Model):
    """The latest grouping of a map, written by the recompute task."""

    opinion_map = models.OneToOneField(
        OpinionMap, on_delete=models.CASCADE, related_name="cluster_result"
    )
    computed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    n_participants = models.PositiveIntegerField(default=0)
    n_statements = models.PositiveIntegerField(default=0)
    silhouette = models.FloatField(null=True, blank=True)
    # [{"id", "size", "representative": [{"statement", "direction", "agree", "disagree", "seen"}]}]
    groups = models.JSONField(default=list)
    # {participant_id: group}, {participant_id: [x, y]}
    participant_groups = models.JSONField(default=dict)
    coordinates = models.JSONField(default=dict)
    # [{"statement", "groups": [{"group", "agree", "disagree", "seen"}]}]
    consensus = models.JSONField(default=list)
    divisive = models.JSONField(default=list)
    # What the next recompute starts from (clustering.GroupingResult.state):
    # who is in the conversation, centres (warm start), the group-k buffer.
    state = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("grouping result")
        verbose_name_plural = _("grouping results")

    def __str__(self) -> str:
        return f"groups of map {self.opinion_map_id} at {self.computed_at:%Y-%m-%d %H:%M}"
