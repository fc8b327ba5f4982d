"""``{% idea_cards ideas %}``: the list's cards, each shared between requests
(ideas.page_cache.shared_cards). Cards are rendered without the request: a
card shows nothing of the viewer."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import page_cache

register = template.Library()


@register.simple_tag
def idea_cards(ideas) -> str:
    html = page_cache.shared_cards(
        ideas, lambda idea: render_to_string("ideas/_idea_card.html", {"idea": idea})
    )
    return mark_safe(html)  # noqa: S308 - our own template's rendering
