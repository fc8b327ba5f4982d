"""Operator-edited site content: the legal pages, the help and contact pages,
the Leichte Sprache pages and the slots for videos in German Sign Language.

A page keeps every saved text as a numbered revision (author, time); exactly
one revision, chosen after a preview, is public at a time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    LEGAL = "legal", _("legal information")
    INFO = "info", _("information")
    HELP = "help", _("help")
    EASY_LANGUAGE = "easy_language", _("Leichte Sprache")


class Page(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PageKind.choices)
    published_revision = models.ForeignKey(
        "PageRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published revision"),
    )
    revision_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class PageRevision(models.Model):
    """One saved text of a page; never changed after it is written."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=50_000)
    body_html = models.TextField(editable=False, default="")
    is_sample = models.BooleanField(
        _("sample text"),
        default=False,
        help_text=_("Demo text that the operator still has to replace."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("last published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("page revision")
        verbose_name_plural = _("page revisions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} v{self.number}"


class SignVideo(models.Model):
    """A video in German Sign Language (DGS) for one topic, with captions and a
    transcript. A slot without a row (or without a video) shows a placeholder."""

    topic = models.SlugField(_("topic"), max_length=40, unique=True)
    video = models.FileField(_("video file"), upload_to="pages/dgs/", blank=True)
    video_type = models.CharField(max_length=40, blank=True)
    video_url = models.URLField(_("video address"), max_length=500, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to="pages/dgs/", blank=True)
    transcript = models.TextField(_("transcript"), max_length=20_000, blank=True)
    transcript_html = models.TextField(editable=False, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["topic"]

    def __str__(self) -> str:
        return f"DGS {self.topic}"

    @property
    def has_video(self) -> bool:
        return bool((self.video or self.video_url) and self.captions and self.transcript)

    @property
    def source_url(self) -> str:
        return self.video.url if self.video else self.video_url
