from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aufbruch.pages"
    label = "pages"
    verbose_name = _("Site pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.core.demo import register_seeder

        from .demo import seed_pages

        register_seeder("pages", 15, seed_pages)
