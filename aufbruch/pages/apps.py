from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aufbruch.pages"
    label = "pages"
    verbose_name = _("Site pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from aufbruch.accounts.services import register_exporter
        from aufbruch.core.demo import register_seeder

        from .demo import seed_pages
        from .services import export_page_work

        register_seeder("pages", 15, seed_pages)
        register_exporter("pages", export_page_work)
