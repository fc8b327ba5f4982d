"""System checks of the idea pages' shared renderings (``manage.py check``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

# Audited changes renew an idea page at once (page_cache.py); what the cache
# lifetime still bounds is what changes without an audited action: the date
# (a board's recommendation becomes overdue, "in N days" texts), a deploy
# with new templates or translations (the key has no code version), a
# restored backup and data fixed in the shell. An hour is the most a visitor
# may see of those; longer also keeps page after page of old renderings in
# the cache's memory.
MAX_PAGE_CACHE_SECONDS = 3600
PAGE_CACHE_SETTINGS = ("IDEA_PAGE_CACHE_SECONDS", "IDEA_LIST_CACHE_SECONDS")


@register()
def check_page_cache_lifetime(app_configs=None, **kwargs):
    errors = []
    for name in PAGE_CACHE_SETTINGS:
        value = getattr(settings, name, 0)
        if not isinstance(value, int) or not 0 <= value <= MAX_PAGE_CACHE_SECONDS:
            errors.append(
                Error(
                    f"{name} is {value!r}; it must be a whole number of seconds from 0 "
                    f"(off) to {MAX_PAGE_CACHE_SECONDS}.",
                    hint="What changes without an audited action (the date, a deploy, a "
                    "restored backup) reaches anonymous visitors only after this time.",
                    id="ideas.E001",
                )
            )
    return errors
