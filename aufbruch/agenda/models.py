"""The Digital Agenda in draft: a strategy text that residents read, comment
paragraph by paragraph, amend and vote on section by section.

Document → Section (a heading) → Paragraph (the commentable unit). Sections
and paragraphs keep their identity across versions, so comments and
amendments stay attached; a Version is a published snapshot of every
paragraph's wording (VersionParagraph), which is what two versions compare.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aufbruch.core.text import render_markdown


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("draft (not public)")
    PUBLISHED = "published", _("published")
    ADOPTED = "adopted", _("adopted by the council")


class Document(models.Model):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=10_000, blank=True)
    intro_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    is_sample = models.BooleanField(
        _("sample text"), default=False, help_text=_("Marked on every page as sample text.")
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    amendments_open = models.BooleanField(_("amendments open"), default=True)
    voting_open = models.BooleanField(_("voting open"), default=True)
    opens_at = models.DateTimeField(_("participation opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("participation closes"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Raised with every change anyone can see: the key of cached renderings.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status != DocumentStatus.DRAFT

    def in_period(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != DocumentStatus.PUBLISHED:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def allows(self, what: str, now=None) -> bool:
        """``what`` is "comment", "amend" or "vote"."""
        switch = {
            "comment": self.comments_open,
            "amend": self.amendments_open,
            "vote": self.voting_open,
        }[what]
        return switch and self.in_period(now)


class Section(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=1)
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("heading"), max_length=300)
    agree_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "position", "id"]
        indexes = [models.Index(fields=["document", "position"], name="agenda_section_order_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#section-{self.pk}"

    @property
    def vote_count(self) -> int:
        return self.agree_count + self.disagree_count + self.abstain_count


class Paragraph(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text"), max_length=10_000)
    text_html = models.TextField(editable=False, default="")
    comment_count = models.PositiveIntegerField(default=0)
    open_amendment_count = models.PositiveIntegerField(default=0)
    # The change since the last published version, recorded when it happens.
    pending_amendment = models.ForeignKey(
        "Amendment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["document", "position", "id"]
        indexes = [models.Index(fields=["document", "position"], name="agenda_paragraph_order_idx")]

    def __str__(self) -> str:
        return f"{self.section.number} ¶{self.position}"

    def get_absolute_url(self) -> str:
        return reverse("agenda:paragraph", args=[self.document_id, self.pk])


class VersionQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(adopted_on__isnull=False)


class Version(models.Model):
    """A published state of the whole text, kept for ever."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.TextField(_("what changed"), max_length=5_000, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(_("date of the council decision"), null=True, blank=True)
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=100, blank=True
    )
    committee_meeting = models.ForeignKey(
        "committees.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("committee meeting"),
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="agenda_version_number"),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(adopted_on__isnull=False),
                name="agenda_one_adopted_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.number}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class VersionParagraph(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraphs")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    section_number = models.CharField(max_length=20)
    section_title = models.CharField(max_length=300)
    text = models.TextField()
    # What changed this paragraph since the version before (if anything).
    amendment = models.ForeignKey(
        "Amendment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "paragraph"], name="agenda_version_paragraph_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version_id}/{self.paragraph_id}"


class AmendmentStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    MERGED = "merged", _("merged")


class Amendment(models.Model):
    """A resident's proposal for a new wording of one paragraph, with a reason."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="amendments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agenda_amendments"
    )
    base_text = models.TextField(editable=False)
    text = models.TextField(_("new wording"), max_length=10_000)
    reason = models.TextField(_("reason"), max_length=5_000)
    reason_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["paragraph", "status"], name="agenda_amendment_para_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.paragraph_id})"

    def get_absolute_url(self) -> str:
        return reverse("agenda:amendment", args=[self.pk])

    # The moderation queue shows ``body``/``body_html`` of a reported item.
    @property
    def body(self) -> str:
        return f"{self.text}\n\n{self.reason}"

    @property
    def body_html(self) -> str:
        return render_markdown(self.text) + self.reason_html


class AmendmentSupport(models.Model):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["amendment", "user"], name="agenda_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.amendment_id}"


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("I agree")
    DISAGREE = "disagree", _("I disagree")
    ABSTAIN = "abstain", _("I abstain")


class SectionVote(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_votes"
    )
    choice = models.CharField(max_length=10, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="agenda_vote_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.choice} ({self.section_id})"


class AgendaComment(models.Model):
    """A comment on a paragraph (or on an amendment of it), one level of replies.

    Deleting leaves a tombstone; moderation hides. No row is ever removed.
    """

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="comments")
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agenda_comments"
    )
    body = models.TextField(_("comment"), max_length=5_000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        verbose_name = _("agenda comment")
        verbose_name_plural = _("agenda comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["paragraph", "amendment", "created_at"], name="agenda_comment_idx")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} on paragraph {self.paragraph_id}"

    def get_absolute_url(self) -> str:
        if self.amendment_id:
            return f"{reverse('agenda:amendment', args=[self.amendment_id])}#comment-{self.pk}"
        return (
            reverse("agenda:paragraph", args=[self.paragraph.document_id, self.paragraph_id])
            + f"#comment-{self.pk}"
        )


class CitationKind(models.TextChoices):
    IDEA = "idea", _("idea")
    RECOMMENDATION = "recommendation", _("board recommendation")
    SURVEY = "survey", _("survey results")
    ASSUMPTION = "assumption", _("assumption")


# kind -> (app label, model)
CITATION_MODELS = {
    CitationKind.IDEA: ("ideas", "idea"),
    CitationKind.RECOMMENDATION: ("boards", "recommendation"),
    CitationKind.SURVEY: ("surveys", "survey"),
    CitationKind.ASSUMPTION: ("assumptions", "assumption"),
}


class Citation(models.Model):
    """A paragraph names an idea, recommendation, survey or assumption as evidence."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="citations")
    kind = models.CharField(_("kind"), max_length=20, choices=CitationKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paragraph", "kind", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "content_type", "object_id"], name="agenda_cite_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="agenda_cited_idx")]

    def __str__(self) -> str:
        return f"{self.paragraph_id} → {self.kind} {self.object_id}"
