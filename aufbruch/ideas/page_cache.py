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
key made of what it shows (``live_list_key``). Before the list's queries run,
``live_list_lookup`` looks for the whole list (or search, within a budget
per minute) of the current generation
(``GENERATION_KEY``): a new generation starts with every audited change, at
its audit entry and again at its commit, so a list served from it is exact
(see ``retire_live_lists``). Anonymous visitors' searches are served the same
way, and other pages that show only what audited changes write keep their
renderings for the generation, too (``generation_lookup``: the staff inbox;
``search_lookup``: the site-wide search).
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from aufbruch.core.compiled import CompiledQuery
from aufbruch.core.fragments import shared_renderings, shown_key

from .models import Follow, Idea, Support
from .selectors import idea_visibility, idea_visible_to, ideas_visible

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


def person_page_key(head: Idea, variant: str) -> str:
    """The whole idea page as logged-in viewers alike (``variant``) see it,
    keyed like the anonymous page (ideas/views.py: _person_page)."""
    digest = hashlib.blake2b(variant.encode(), digest_size=12).hexdigest()
    return page_key(head, f"person:{digest}")


# What the page of a logged-in viewer reads of the idea row besides the key:
# its head (title, map scripts) and what the rules of the support, follow
# and edit links and the comments panel ask.
PERSON_HEAD_FIELDS = ("title", "latitude", "is_hidden", "author", "first_response_at")

_PERSON_HEAD = CompiledQuery(
    lambda visibility, user_id, pk: (
        ideas_visible(Idea.objects.all(), visibility, user_id)
        .only(*PAGE_KEY_FIELDS, *PERSON_HEAD_FIELDS)
        .annotate(
            supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user_id=user_id)),
            following=Exists(Follow.objects.filter(idea=OuterRef("pk"), user_id=user_id)),
        )
        .filter(pk=pk)
    )
)


def person_head(user, pk: int) -> Idea:
    """The idea row as a logged-in viewer's page needs it, with their support
    and follow state (``supported``, ``following``), in one query compiled
    once per process (core.compiled); 404 when they may not see it."""
    rows = _PERSON_HEAD.run(idea_visibility(user), user_id=user.pk, pk=pk)
    if not rows:
        raise Http404
    head = rows[0]
    head.supported, head.following = bool(head.supported), bool(head.following)
    return head


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
    return shown_key("ideas:card", idea.pk, card_shown(idea))


def shared_cards(ideas: Iterable[Idea], render: Callable[[Idea], str]) -> str:
    """The cards of ``ideas`` in order, shared (core.fragments). Every list
    and search page uses them, also when the page itself is rendered anew."""
    return shared_renderings(
        ideas, key=card_key, render=render, seconds=settings.IDEA_FRAGMENT_CACHE_SECONDS
    )


# --- the logged-in list of the current generation ------------------------------------------

GENERATION_KEY = "ideas:list:generation"
_PAGE = re.compile(r"[1-9][0-9]{0,5}")


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def retire_live_lists() -> None:
    """Start a new generation of the shared logged-in lists. Registered as an
    audit change handler (every audited change calls it inside its
    transaction) and called by the counter repairs, which write no entry.

    Twice: now, so the writer's own transaction (and a test's) never sees an
    older list; and at the commit, so that a list rendered by another
    request from the data before the commit, and stored under the
    generation started now, is never served after it. A list stored under a
    generation was rendered from data read after that generation began."""
    _new_generation()
    # Once per transaction: a callback already waiting runs at the same
    # commit; if a savepoint it belongs to is rolled back, this change, made
    # inside that savepoint, is rolled back with it.
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _new_generation for _savepoints, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_generation)


@dataclass
class LiveListLookup:
    """What ``live_list_lookup`` found: the shared list (``html``) or, on a
    miss, the key and the generation to store a fresh rendering under.
    ``search``: the list is a search's (stored within a budget)."""

    key: str | None
    generation: str | None
    html: str | None = None
    search: bool = False


# A search kept for the generation: words, hyphens and spaces (any language).
_CACHEABLE_SEARCH = re.compile(r"[\w\- ]{1,64}")


def live_list_lookup(request: HttpRequest, part: str) -> LiveListLookup:
    """The logged-in list for this query string as of the current generation,
    from one cache round trip, before any query. Only lists with plain
    values are shared, a search only of words; they are stored
    (``live_list_store``) only after the filter form accepted them, so odd
    values never fill the cache, and searches only within a budget per
    minute."""
    if not settings.IDEA_LIST_CACHE_SECONDS:
        return LiveListLookup(None, None)
    values, search = [], ""
    for name in ("q", *LIST_PARAMS):
        value = request.GET.get(name, "")
        if len(request.GET.getlist(name)) > 1:
            return LiveListLookup(None, None)
        if name == "q":
            if value.strip():
                if not _CACHEABLE_SEARCH.fullmatch(value):
                    return LiveListLookup(None, None)
                search = value
            continue
        if not _CACHEABLE_VALUE.fullmatch(value):
            return LiveListLookup(None, None)
        if name == "page" and value and not _PAGE.fullmatch(value):
            return LiveListLookup(None, None)
        values.append(value)
    key = f"ideas:list:gen:{part}:{get_language()}:" + ":".join(values)
    if search:  # the exact text: it is shown in the search box
        key += ":q=" + hashlib.blake2b(search.encode(), digest_size=16).hexdigest()
    return generation_lookup(key, search=bool(search))


def search_lookup(part: str, query: str) -> LiveListLookup | None:
    """The rendering of a search of words (``query``, as shown) kept for the
    current generation under ``part`` (e.g. the site-wide search), or None
    when it is not to be kept: caching off, or other characters than words,
    hyphens and spaces. Stored with ``live_list_store`` within the searches'
    budget per minute."""
    if not settings.IDEA_LIST_CACHE_SECONDS or not _CACHEABLE_SEARCH.fullmatch(query):
        return None
    digest = hashlib.blake2b(query.encode(), digest_size=16).hexdigest()
    return generation_lookup(f"{part}:{get_language()}:q={digest}", search=True)


def generation_lookup(key: str, *, search: bool = False) -> LiveListLookup:
    """The rendering stored under ``key`` for the current generation, from
    one cache round trip. For any view whose page shows only what audited
    changes write (the idea lists, the staff inbox): the caller builds
    ``key`` from everything else the rendering depends on, from plain values
    only, and stores with ``live_list_store``."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        return LiveListLookup(key, None, search=search)  # not stored: generation unknown
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return LiveListLookup(key, generation, entry[1], search=search)
    return LiveListLookup(key, generation, search=search)


def _search_budget_left() -> bool:
    """Whether one more search may be kept this minute
    (IDEA_SEARCH_CACHE_PER_MINUTE): with the lists' short lifetime, at most
    about that many searches are in the cache at any time, whatever is typed."""
    bucket = f"ideas:list:searches:{int(time.time() // 60)}"
    cache.add(bucket, 0, 120)
    try:
        return cache.incr(bucket) <= settings.IDEA_SEARCH_CACHE_PER_MINUTE
    except ValueError:  # the bucket expired in between
        return False


def live_list_store(lookup: LiveListLookup, html: str, *, valid: bool, page_shown: bool) -> None:
    """Keep a fresh rendering for the generation read before its queries ran.
    ``valid``: the filter form accepted every value; ``page_shown``: the page
    asked for is the page shown and has ideas (pages past the end are not
    kept, so the keys are bounded by the data)."""
    if not (lookup.key and lookup.generation and valid and page_shown):
        return
    if lookup.search and not _search_budget_left():
        return
    cache.set(lookup.key, (lookup.generation, html), settings.IDEA_LIST_CACHE_SECONDS)
