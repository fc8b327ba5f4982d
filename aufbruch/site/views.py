from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from aufbruch.core.search import query_groups, search_everything
from aufbruch.ideas import page_cache

from .selectors import home_content, my_activity, status_labels

SEARCH_QUERY_MAX = 200
SEARCH_HITS_PER_TYPE = 5


def home(request: HttpRequest) -> HttpResponse:
    """The front door. Its content is the same for everyone (the submit link
    leads anonymous visitors through login and back), so anonymous visitors
    share one rendering for HOME_CACHE_SECONDS; logged-in users get it fresh."""

    def render_content() -> str:
        return render_to_string("site/_home_content.html", home_content(), request)

    seconds = settings.HOME_CACHE_SECONDS
    if request.user.is_authenticated or not seconds:
        content = render_content()
    else:
        content = cache.get_or_set(f"site:home:{get_language()}", render_content, seconds)
    return render(request, "site/home.html", {"content_html": mark_safe(content)})  # noqa: S308 - our own rendering


def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "site/how_it_works.html", {"statuses": status_labels()})


@login_required
def activity(request: HttpRequest) -> HttpResponse:
    """Meine Aktivitäten: everything the person did on the platform, linked."""
    return render(request, "site/activity.html", my_activity(request.user))


def search(request: HttpRequest) -> HttpResponse:
    """One search box for everything public: ideas, events, surveys, opinion
    maps, boards' published recommendations and the city's assumptions, each
    type registered by its app (aufbruch.core.search.register_search_type).
    The results are the same for everyone and show only what audited changes
    write: a search of words is kept for the current generation like the
    idea lists' searches (ideas.page_cache), within their budget."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX]
    lookup = page_cache.search_lookup("site:search", query) if query else None
    body = lookup.html if lookup else None
    if body is None:
        sections = search_everything(query, limit=SEARCH_HITS_PER_TYPE) if query else []
        body = render_to_string(
            "site/_search_body.html",
            {
                "query": query,
                "sections": sections,
                "too_short": bool(query) and not query_groups(query),
            },
        )
        if lookup:
            page_cache.live_list_store(lookup, body, valid=True, page_shown=True)
    context = {"query": query, "body": mark_safe(body)}  # noqa: S308 - our own rendering
    return render(request, "site/search.html", context)
