from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "aufbruch.organisation"
    verbose_name = _("Fields of action, districts and departments")
