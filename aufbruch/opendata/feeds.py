"""Atom feeds of public events on the platform. Every link is absolute
from settings.SITE_URL (not the request's host); the licence is the feed's
<rights>. Items come from the same public querysets as the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aufbruch.api import public
from aufbruch.committees.models import Decision
from aufbruch.ideas.models import IdeaStatus
from aufbruch.organisation.models import District, Topic

ITEMS = 30


@dataclass
class Entry:
    """A feed item assembled from different objects (decisions, answers …)."""

    key: str
    title: str
    link: str
    description: str
    when: datetime


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


class OpenDataFeed(Feed):
    feed_type = Atom1Feed
    path_name = ""

    def link(self, obj=None) -> str:
        return public.absolute(self.page_path(obj))

    def page_path(self, obj) -> str:
        return "/"

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = public.absolute(request.path)
        return feed

    def feed_copyright(self) -> str:
        return f"{settings.OPEN_DATA_LICENSE} ({settings.OPEN_DATA_LICENSE_URL}) – {settings.OPEN_DATA_ATTRIBUTION}"

    def author_name(self) -> str:
        return settings.OPEN_DATA_ATTRIBUTION

    def item_link(self, item) -> str:
        return item.link if isinstance(item, Entry) else public.absolute(item.get_absolute_url())

    def item_guid(self, item) -> str:
        key = item.key if isinstance(item, Entry) else f"{item._meta.label_lower}:{item.pk}"
        return f"{public.absolute('/')}#{key}"

    item_guid_is_permalink = False

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.description if isinstance(item, Entry) else ""

    def item_pubdate(self, item):
        return item.when if isinstance(item, Entry) else item.created_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class NewIdeasFeed(OpenDataFeed):
    """New ideas: all, per field of action or per district."""

    def get_object(self, request, kind: str = "", slug: str = ""):
        if kind == "topic":
            return get_object_or_404(Topic, slug=slug, is_active=True)
        if kind == "district":
            return get_object_or_404(District, slug=slug)
        if kind:
            raise Http404
        return None

    def title(self, obj=None) -> str:
        base = _("New ideas – %(platform)s") % {"platform": settings.PLATFORM_NAME}
        return f"{base}: {obj.name}" if obj is not None else base

    def description(self, obj=None) -> str:
        return _("The newest public ideas.")

    def page_path(self, obj) -> str:
        url = reverse("ideas:list")
        if isinstance(obj, Topic):
            return f"{url}?topic={obj.slug}"
        if isinstance(obj, District):
            return f"{url}?district={obj.slug}"
        return url

    def items(self, obj=None):
        qs = public.public_ideas().select_related("topic")
        if isinstance(obj, Topic):
            qs = qs.filter(topic=obj)
        elif isinstance(obj, District):
            qs = qs.filter(district=obj)
        return qs.order_by("-created_at", "-id")[:ITEMS]

    def item_description(self, item) -> str:
        return item.body_html

    def item_categories(self, item):
        return [item.topic.name]


def _decision_entries(limit: int, idea=None) -> list[Entry]:
    qs = public.public_decisions()
    if idea is not None:
        qs = qs.filter(idea=idea)
    entries = []
    for item in qs.order_by("-meeting__date", "-id")[:limit]:
        entries.append(
            Entry(
                key=f"decision:{item.pk}",
                title=_("%(committee)s, %(date)s: %(decision)s – %(idea)s")
                % {
                    "committee": item.meeting.committee,
                    "date": item.meeting.date.strftime("%d.%m.%Y"),
                    "decision": Decision(item.decision).label,
                    "idea": item.idea.title,
                },
                link=public.absolute(item.idea.get_absolute_url()),
                description=item.explanation,
                when=_aware(item.meeting.date),
            )
        )
    return entries


def _response_entries(limit: int, idea=None) -> list[Entry]:
    qs = public.public_official_responses().select_related("idea")
    if idea is not None:
        qs = qs.filter(idea=idea)
    return [
        Entry(
            key=f"response:{r.pk}",
            title=_("Response of %(department)s: %(idea)s")
            % {"department": r.department.name, "idea": r.idea.title},
            link=public.absolute(r.idea.get_absolute_url()),
            description=r.text_html,
            when=r.edited_at or r.published_at,
        )
        for r in qs.order_by("-published_at", "-id")[:limit]
    ]


def _newest(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.when, e.key), reverse=True)[:ITEMS]


class DecisionsFeed(OpenDataFeed):
    """Committee decisions and the administration's official responses."""

    def title(self, obj=None) -> str:
        return _("Decisions and official responses – %(platform)s") % {
            "platform": settings.PLATFORM_NAME
        }

    def description(self, obj=None) -> str:
        return _("What the committee decided on ideas, and what the administration answered.")

    def page_path(self, obj) -> str:
        return reverse("ideas:list")

    def items(self, obj=None):
        return _newest(_decision_entries(ITEMS) + _response_entries(ITEMS))


class IdeaTimelineFeed(OpenDataFeed):
    """One idea: every status step, official response and update of its projects."""

    def get_object(self, request, pk: int):
        return get_object_or_404(public.public_ideas(), pk=pk)

    def title(self, obj) -> str:
        return _("What became of “%(title)s”") % {"title": obj.title}

    def description(self, obj) -> str:
        return _("The public timeline of the idea.")

    def page_path(self, obj) -> str:
        return obj.get_absolute_url()

    def items(self, obj):
        link = public.absolute(obj.get_absolute_url())
        steps = [
            Entry(
                key=f"status:{c.pk}",
                title=_("New status: %(status)s") % {"status": IdeaStatus(c.to_status).label},
                link=link,
                description=c.explanation_html,
                when=c.created_at,
            )
            for c in public.public_status_changes()
            .filter(idea=obj)
            .order_by("-created_at", "-id")[:ITEMS]
        ]
        updates = [
            Entry(
                key=f"project-update:{u.pk}",
                title=_("Project update: %(title)s") % {"title": u.title},
                link=public.absolute(u.get_absolute_url()),
                description=u.body_html,
                when=u.published_at,
            )
            for u in public.public_project_updates()
            .filter(project__ideas=obj)
            .order_by("-published_at")[:ITEMS]
        ]
        return _newest(steps + _response_entries(ITEMS, idea=obj) + updates)


class ProjectUpdatesFeed(OpenDataFeed):
    """Updates of all projects, or of one."""

    def get_object(self, request, pk: int | None = None):
        return get_object_or_404(public.public_projects(), pk=pk) if pk is not None else None

    def title(self, obj=None) -> str:
        if obj is not None:
            return _("Updates from the project “%(title)s”") % {"title": obj.title}
        return _("Updates from the projects – %(platform)s") % {"platform": settings.PLATFORM_NAME}

    def description(self, obj=None) -> str:
        return _("Dated reports from the pilots and projects.")

    def page_path(self, obj) -> str:
        return obj.get_absolute_url() if obj is not None else reverse("projects:list")

    def items(self, obj=None):
        qs = public.public_project_updates()
        if obj is not None:
            qs = qs.filter(project=obj)
        return qs.order_by("-published_at", "-id")[:ITEMS]

    def item_title(self, item) -> str:
        return f"{item.project.title}: {item.title}"

    def item_description(self, item) -> str:
        return item.body_html

    def item_pubdate(self, item):
        return item.published_at


class EventsFeed(OpenDataFeed):
    """Published events, the latest announced first."""

    def title(self, obj=None) -> str:
        return _("Events – %(platform)s") % {"platform": settings.PLATFORM_NAME}

    def description(self, obj=None) -> str:
        return _("Published events with date and place.")

    def page_path(self, obj) -> str:
        return reverse("meetings:list")

    def items(self, obj=None):
        return public.public_events().order_by("-created_at", "-id")[:ITEMS]

    def item_title(self, item) -> str:
        return f"{timezone.localtime(item.starts_at):%d.%m.%Y %H:%M}: {item.title}"

    def item_description(self, item) -> str:
        return item.description_html

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


FEED_TITLES = {
    "ideas": gettext_lazy("New ideas"),
    "decisions": gettext_lazy("Decisions and official responses"),
    "projects": gettext_lazy("Project updates"),
    "events": gettext_lazy("Events"),
}
