"""``{% alternate_feeds %}`` in base.html's <head>: the Atom feeds that
belong to the page being shown (<link rel="alternate">)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from ..feeds import FEED_TITLES

register = template.Library()


def _links(request) -> list[tuple[str, str]]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return []
    name, kwargs = match.view_name, match.kwargs
    if name in ("home", "ideas:list"):
        links = [(str(FEED_TITLES["ideas"]), reverse("opendata:feed_ideas"))]
        for kind in ("topic", "district"):
            slug = request.GET.get(kind, "")
            if slug and len(slug) <= 100 and slug.replace("-", "").replace("_", "").isalnum():
                links.append(
                    (
                        f"{FEED_TITLES['ideas']} ({slug})",
                        reverse("opendata:feed_ideas_by", args=[kind, slug]),
                    )
                )
        return links + [(str(FEED_TITLES["decisions"]), reverse("opendata:feed_decisions"))]
    if name == "ideas:detail":
        return [(str(FEED_TITLES["decisions"]), reverse("opendata:feed_idea", args=[kwargs["pk"]]))]
    if name == "projects:list":
        return [(str(FEED_TITLES["projects"]), reverse("opendata:feed_projects"))]
    if name == "projects:detail":
        return [
            (str(FEED_TITLES["projects"]), reverse("opendata:feed_project", args=[kwargs["pk"]]))
        ]
    if name in ("meetings:list", "meetings:detail"):
        return [(str(FEED_TITLES["events"]), reverse("opendata:feed_events"))]
    if name.startswith(("council:", "figures:", "opendata:")):
        return [(str(FEED_TITLES["decisions"]), reverse("opendata:feed_decisions"))]
    return []


@register.simple_tag(takes_context=True)
def alternate_feeds(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        _links(request),
    )
