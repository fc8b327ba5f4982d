"""``{% inbox_rows ideas %}``: the inbox table's rows, each shared between
requests and staff members (core.fragments) under a key named by what it
shows. A row shows nothing of the viewer; it is rendered without the
request."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from aufbruch.core.fragments import shared_renderings, shown_key

register = template.Library()


def row_shown(idea) -> tuple:
    """Everything of an idea that its row in the inbox shows."""
    return (
        idea.title,
        idea.needs_written_response,
        idea.is_hidden,
        idea.topic.name,
        idea.district_id and idea.district.name,
        idea.status,
        idea.department_id and idea.department.name,
        idea.assignee_id and idea.assignee.public_name,
        idea.first_response_at,
        idea.response_due_at,
        getattr(idea, "is_overdue", False),
        idea.support_count,
    )


def row_key(idea) -> str:
    return shown_key("guides:inbox-row", idea.pk, row_shown(idea))


@register.simple_tag
def inbox_rows(ideas) -> str:
    html = shared_renderings(
        ideas,
        key=row_key,
        render=lambda idea: render_to_string("guides/_inbox_row.html", {"idea": idea}),
        seconds=settings.IDEA_FRAGMENT_CACHE_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 - our own template's rendering
