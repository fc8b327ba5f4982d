from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "aufbruch.opinions"
    label = "opinions"
    verbose_name = _("Opinion maps")

    def ready(self) -> None:
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder

        from . import demo, privacy

        register_seeder("opinions", 80, demo.seed)
        register_exporter("opinion_maps", privacy.export_user_data)
        register_anonymiser(privacy.anonymise_user)
