from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "aufbruch.ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.http import urlencode

        from aufbruch.core.search import SearchType, register_search_type

        from .selectors import idea_search_hits

        register_search_type(
            SearchType(
                key="ideas",
                label=lambda: _("Ideas"),
                order=10,
                search=idea_search_hits,
                more_url=lambda q: reverse("ideas:list") + "?" + urlencode({"q": q}),
            )
        )
        from aufbruch.accounts.services import register_anonymiser, register_exporter
        from aufbruch.core.demo import register_seeder

        from .demo import seed_ideas
        from .services import anonymise_user_ideas, export_user_ideas

        register_exporter("ideas", export_user_ideas)
        register_anonymiser(anonymise_user_ideas)
        register_seeder("ideas", 20, seed_ideas)
