from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "aufbruch.organisation"
    verbose_name = _("Fields of action, districts and departments")

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder

        from . import demo

        register_seeder("organisation", 10, demo.seed)
