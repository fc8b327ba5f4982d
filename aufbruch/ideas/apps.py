from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "aufbruch.ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder
        from aufbruch.moderation.registry import register_reportable

        from .demo import seed_ideas
        from .models import Idea
        from .services import anonymise_user_ideas, export_user_ideas

        register_exporter("ideas", export_user_ideas)
        register_anonymiser(anonymise_user_ideas)
        register_seeder("ideas", 20, seed_ideas)
        register_reportable("idea", Idea, _("idea"))
