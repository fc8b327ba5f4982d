"""The council information system's objects (OParl 1.1) that our committee
meetings are linked to. Kept in this app, so the committees app's tables
stay as they are: a meeting's OParl link is the OParlMeeting pointing at it,
its papers are the OParlPapers pointing at it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OParlMeeting(models.Model):
    oparl_id = models.URLField(_("OParl ID"), max_length=500, unique=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    organizations = models.TextField(_("committees (OParl IDs)"), blank=True)
    web_url = models.URLField(_("web page"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    committee_meeting = models.ForeignKey(
        "committees.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oparl_meetings",
        verbose_name=_("our committee meeting"),
    )
    modified = models.DateTimeField(_("modified in the council system"), null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OParl meeting")
        verbose_name_plural = _("OParl meetings")
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return self.name or self.oparl_id


class OParlPaper(models.Model):
    oparl_id = models.URLField(_("OParl ID"), max_length=500, unique=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True, db_index=True)
    date = models.DateField(_("date"), null=True, blank=True)
    paper_type = models.CharField(_("type"), max_length=200, blank=True)
    web_url = models.URLField(_("web page"), max_length=500, blank=True)
    meetings = models.ManyToManyField(OParlMeeting, blank=True, related_name="papers")
    committee_meeting = models.ForeignKey(
        "committees.CommitteeMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oparl_papers",
        verbose_name=_("our committee meeting"),
    )
    modified = models.DateTimeField(_("modified in the council system"), null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OParl paper")
        verbose_name_plural = _("OParl papers")
        ordering = ["reference", "id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()
