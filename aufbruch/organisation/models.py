"""The city's reference data, managed by the programme office."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A field of action (Handlungsfeld) of the Digital Agenda."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (Stadtteil) of the city."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A unit of the city administration (Fachbereich)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="departments", verbose_name=_("fields of action")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
