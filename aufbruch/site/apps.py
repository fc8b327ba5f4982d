from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site around the domain apps: the home page (the programme's front
    door) and the page that explains how an idea travels. It has no models;
    it reads the other apps through their selectors."""

    name = "aufbruch.site"
    label = "site"
    verbose_name = _("Site")
