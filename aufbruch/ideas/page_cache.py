"""The renderings of idea pages and lists that anonymous visitors share.

The idea page's content is keyed by the idea row (its counters, status,
versions and ``page_version``) and the language, so a view costs one query
when the rendering is shared. ``page_version`` is raised by construction:
every audited action says how it changes idea pages
(``audit.page_effects``), and ``renew_pages_for`` (registered with
``audit.services.register_page_effect_handler``) raises it for the ideas
whose pages show the entry's target. Which ideas those are, the app owning
the target's model says with ``register_idea_page_source`` in its
AppConfig.ready(). The lifetime (IDEA_PAGE_CACHE_SECONDS) is capped by a
system check (ideas.checks).

Logged-in viewers share the page's frame under the same key (``shared_frame``;
their own parts go into its slots, see ideas/views.py) and the list under a
key made of what it shows (``live_list_key``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from .models import Idea
from .selectors import idea_visible_to

# --- which idea pages show an object -------------------------------------------------------

# fn(obj, details) -> the ids of the ideas whose pages show ``obj`` (a list or
# a queryset of ids); ``details`` are the audit entry's (e.g. an idea just
# taken off a committee agenda, which no row links any more).
IdeaPageSource = Callable[[Any, dict], Iterable[int] | models.QuerySet]
_sources: dict[type[models.Model], list[IdeaPageSource]] = {}


def register_idea_page_source(model: type[models.Model], fn: IdeaPageSource) -> None:
    fns = _sources.setdefault(model, [])
    if fn not in fns:
        fns.append(fn)


def renew_pages_for(*, target: models.Model, details: dict) -> None:
    """Raise page_version of every idea whose page shows ``target``, in the
    transaction of the audit entry (audit.services.audit_log calls it)."""
    # target._meta, not type(target): request.user is a lazy object
    for fn in _sources.get(target._meta.concrete_model, ()):
        Idea.objects.filter(pk__in=fn(target, details)).update(page_version=F("page_version") + 1)


def idea_itself(idea: Idea, details: dict) -> list[int]:
    # a merge changes the page of the idea merged into, too
    return [idea.pk] + ([details["into"]] if details.get("into") else [])


def ideas_of_author(user, details: dict):
    return Idea.objects.filter(author=user).values("pk")


# --- the idea page --------------------------------------------------------------------------

# What the idea row says about its page; with the language it keys the
# rendering anonymous visitors share.
PAGE_KEY_FIELDS = (
    "id",
    "support_count",
    "follower_count",
    "comment_count",
    "page_version",
    "status",
    "updated_at",
    "last_activity_at",
    "merged_into_id",
)


def page_is_shared(request: HttpRequest) -> bool:
    """Anonymous visitors without a query string (e.g. the comments' order)
    share the page; everyone else gets a fresh rendering."""
    return (
        not request.user.is_authenticated
        and bool(settings.IDEA_PAGE_CACHE_SECONDS)
        and not request.GET
    )


def page_key(head: Idea, part: str = "page") -> str:
    values = (getattr(head, f) for f in PAGE_KEY_FIELDS)
    version = ":".join(v.isoformat() if hasattr(v, "isoformat") else str(v) for v in values)
    return f"ideas:{part}:{get_language()}:{version}"


def shared_frame(head: Idea, render: Callable[[], str]) -> str:
    """The idea page as every logged-in viewer sees it, with a slot for each
    per-person part (the support and follow box, the per-person panels):
    keyed like the anonymous page, so every audited change shows at once, and
    kept as long (time alone changes little on it, e.g. "overdue")."""
    return cache.get_or_set(page_key(head, "frame"), render, settings.IDEA_PAGE_CACHE_SECONDS)


def shared_page(request: HttpRequest, pk: int, render: Callable[[], str]) -> tuple[Idea, str]:
    """The idea's head (the fields of the key, its title and whether it has a
    place) and its shared content, rendered with ``render`` when missing."""
    head = get_object_or_404(
        idea_visible_to(request.user)
        .select_related(None)
        .only(*PAGE_KEY_FIELDS, "title", "latitude"),  # title and map scripts: the page's head
        pk=pk,
    )
    content = cache.get_or_set(page_key(head), render, settings.IDEA_PAGE_CACHE_SECONDS)
    return head, content


# --- the idea list --------------------------------------------------------------------------

LIST_PARAMS = ("topic", "district", "status", "sort", "page")
_CACHEABLE_VALUE = re.compile(r"[\w-]{0,64}")


def list_key(request: HttpRequest, part: str) -> str | None:
    """A key for the list as anonymous visitors see it, or None for lists that
    are not shared: searches (free text) and odd query strings."""
    if request.user.is_authenticated or not settings.IDEA_LIST_CACHE_SECONDS:
        return None
    # The filter form always sends "q"; empty, it renders as if absent.
    if any(k not in LIST_PARAMS and (k != "q" or request.GET[k].strip()) for k in request.GET):
        return None
    values = []
    for name in LIST_PARAMS:
        value = request.GET.get(name, "")
        if len(request.GET.getlist(name)) > 1 or not _CACHEABLE_VALUE.fullmatch(value):
            return None
        values.append(value)
    return f"ideas:list:{part}:{get_language()}:" + ":".join(values)


def live_list_key(request: HttpRequest, part: str, data: Iterable, *, valid: bool) -> str | None:
    """A key for the list as logged-in users see it: named by what the
    rendering shows (``data``: the rows of the page, its counts, the filter
    choices), so it is exact without any invalidation and a write shows on
    the next request. None (rendered each time) for searches and for invalid
    (``valid``: the filter form's verdict) or repeated values; parameters the list does not know are left out of
    the key, so odd query strings cannot fill the cache."""
    if not valid or not settings.IDEA_FRAGMENT_CACHE_SECONDS:
        return None
    values = []
    for name in ("q", *LIST_PARAMS):
        value = request.GET.get(name, "")
        if len(request.GET.getlist(name)) > 1 or not _CACHEABLE_VALUE.fullmatch(value):
            return None
        if name == "q" and value:
            return None  # free text: every search its own rendering
        values.append(value if name != "page" else "")  # the page is in ``data``
    digest = hashlib.blake2b(repr(list(data)).encode(), digest_size=16).hexdigest()
    return f"ideas:list:live:{part}:{get_language()}:" + ":".join(values) + ":" + digest


def shared_list(key: str | None, render: Callable[[], str], timeout: int | None = None) -> str:
    """The list part under ``key`` (None: not shared, rendered each time)."""
    if key is None:
        return render()
    return cache.get_or_set(key, render, timeout or settings.IDEA_LIST_CACHE_SECONDS)


# --- idea cards -----------------------------------------------------------------------------


def card_shown(idea: Idea) -> tuple:
    """Everything of an idea that its card in a list shows."""
    return (
        idea.pk,
        idea.title,
        idea.status,
        idea.topic.name,
        idea.district_id and idea.district.name,
        idea.support_count,
        idea.comment_count,
        idea.created_at,
    )


def card_key(idea: Idea) -> str | None:
    """A card's key, named by what it shows and the language: exact without
    invalidation (a new count is a new key), and bounded by the ideas, not by
    query strings. None for an idea not read from the database (the bench's
    ceiling renders unsaved ideas to measure the template itself)."""
    if idea.pk is None or idea._state.adding:
        return None
    digest = hashlib.blake2b(repr(card_shown(idea)).encode(), digest_size=16).hexdigest()
    return f"ideas:card:{get_language()}:{idea.pk}:{digest}"


def shared_cards(ideas: Iterable[Idea], render: Callable[[Idea], str]) -> str:
    """The cards of ``ideas`` in order: shared renderings from one cache
    round trip, the missing ones rendered and stored together. Every list
    and search page uses them; a search is rendered fresh, its cards not."""
    ideas = list(ideas)
    seconds = settings.IDEA_FRAGMENT_CACHE_SECONDS
    if not seconds:
        return "".join(render(idea) for idea in ideas)
    keys = [card_key(idea) for idea in ideas]
    found = cache.get_many([k for k in keys if k])
    rendered, missing = [], {}
    for idea, key in zip(ideas, keys, strict=True):
        html = found.get(key) if key else None
        if html is None:
            html = render(idea)
            if key:
                missing[key] = html
        rendered.append(html)
    if missing:
        cache.set_many(missing, seconds)
    return "".join(rendered)
