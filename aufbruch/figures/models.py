"""The population the participation is compared with, and the archived
reports to the Hauptausschuss (Sachstandsberichte)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aufbruch.core.statistics import AgeBand


class PopulationFigure(models.Model):
    """Residents of one age band or one district, from the city's statistics office."""

    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    district = models.ForeignKey(
        "organisation.District",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("district"),
    )
    residents = models.PositiveIntegerField(_("residents"))
    is_demo = models.BooleanField(_("demo value"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.CheckConstraint(
                condition=(Q(age_band="") & Q(district__isnull=False))
                | (~Q(age_band="") & Q(district__isnull=True)),
                name="population_one_dimension",
            ),
            models.UniqueConstraint(
                fields=["age_band"], condition=~Q(age_band=""), name="population_age_once"
            ),
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(district__isnull=False),
                name="population_district_once",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_age_band_display() if self.age_band else self.district}: {self.residents}"
        )


class StatusReport(models.Model):
    """An issued Sachstandsbericht: the figures of its period, frozen. Never changed."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    data = models.JSONField(editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"
