"""Surveys: sections, questions, one-time tokens for paper and anonymous use,
and responses (one per account or token, guarded by the database).

Anonymous (token) responses keep no account, no address and no time finer
than the day, so nobody — staff included — can link them to a person.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", _("public after the survey closes")
    ALWAYS = "always", _("public while the survey runs")
    STAFF = "staff", _("staff only")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    LIKERT = "likert", _("rating scale (1–5)")
    RANKING = "ranking", _("ranking")
    NUMBER = "number", _("number")
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT}
OPTION_KINDS = CHOICE_KINDS | {QuestionKind.RANKING}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("online with an account")
    TOKEN = "token", _("online with an access code")
    PAPER = "paper", _("paper form")


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=5_000, blank=True)
    description_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    results_visibility = models.CharField(
        _("results"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    response_count = models.PositiveIntegerField(default=0)
    # Raised with every stored or changed response: the key of the cached results.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return self.is_published and (now or timezone.now()) >= self.closes_at

    def results_are_public(self, now=None) -> bool:
        if not self.is_published or self.results_visibility == ResultsVisibility.STAFF:
            return False
        return self.results_visibility == ResultsVisibility.ALWAYS or self.is_closed(now)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=140)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    # Show this question only if an earlier question was answered with this option.
    condition_option = models.ForeignKey(
        "Option",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_questions",
        verbose_name=_("show only if answered with"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "section__position", "section_id", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    @property
    def has_options(self) -> bool:
        return self.kind in OPTION_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.label


def new_token_code() -> str:
    # 10 characters without look-alikes (no 0/O, 1/I/L): easy to type from paper.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class SurveyToken(models.Model):
    """A one-time access code; who received which code is never recorded."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    code = models.CharField(max_length=16, unique=True, default=new_token_code)
    batch = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["survey", "batch", "id"]

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    token = models.OneToOneField(
        SurveyToken, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ResponseSource.choices, default=ResponseSource.ONLINE
    )
    # Only the day: a finer time could link an anonymous answer to a person.
    submitted_on = models.DateField()
    updated_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="survey_response_one_per_account",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=True) | Q(token__isnull=True),
                name="survey_response_account_or_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """One row per chosen option (choice, scale, ranking), or a number or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "option"], name="survey_answer_question_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"], name="survey_answer_option_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.number or self.text[:30]}"


class ResultsSnapshot(models.Model):
    """The published results of a running survey: aggregated counts only,
    refreshed after at least RESULTS_BATCH new or changed responses, so that
    reloading the results around one person's submission shows nothing."""

    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, primary_key=True, related_name="results_snapshot"
    )
    revision = models.PositiveIntegerField()
    response_count = models.PositiveIntegerField()
    data = models.JSONField()
    published_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.survey_id}@{self.revision}"
