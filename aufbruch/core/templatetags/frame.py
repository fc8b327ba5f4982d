"""Parts of the page frame that are the same for everyone, rendered once per
worker process instead of on every request.

    {% sharedpart "header" main_nav=main_nav CITY_NAME=CITY_NAME %}
      … static markup, {% url %}, {% static %}, {% translate %} …
      {% slot "user_nav" %}{% include "core/_user_nav.html" %}{% endslot %}
    {% endsharedpart %}

A shared part is rendered in a context of its own that holds only the
values named in the tag (nothing of the person asking can get in) and kept
on the template node, keyed by those values, the active language, the URL
prefix and the settings (a changed setting, e.g. in a test, starts anew).
Per-person content goes into ``{% slot %}``: in the shared rendering it is a
marker; on every request each slot is rendered with the page's full context
and put in its place. Slots of the same name are rendered once per request
(the user navigation appears in the wide header and in the phone menu).

What it saves: base.html's head, header and footer cost about 2 ms of CPU
per request (51 translations, 20 reverse() and 12 static() calls, see
docs/performance.md); a shared part costs a dictionary lookup.

A whole page can be shared the same way (core/deferred.py): rendered once
with a marker in place of each slot, then filled per request. A slot's
content must therefore come from the request alone (the context processors:
the user, the CSRF token, the messages, the path), never from the view's
context.

Rules: no ``{% block %}`` inside a shared part (a child template's block
would be frozen), and every value it shows that is not the same for all
requests of a language goes into a slot or the tag's arguments.
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Node, NodeList
from django.template.context import Context
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.functional import LazyObject, empty
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from aufbruch.core.deferred import slot_marker

register = template.Library()

# Bumped when a setting changes (tests with override_settings): the parts
# show settings (the city's name, the static files' addresses, the URLs).
_settings_generation = [0]
# Each node keeps at most this many renderings (its arguments' combinations
# are few: the languages times the active navigation entry).
MAX_VARIANTS = 64


@receiver(setting_changed)
def _forget_on_setting_change(**kwargs) -> None:
    _settings_generation[0] += 1


def _unwrapped(value):
    """A lazy object's value (its repr names the value only once set up)."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


class _Slots:
    """The slots met while rendering a shared part, in order."""

    def __init__(self) -> None:
        self.found: dict[str, SlotNode] = {}


class SlotNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: NodeList):
        self.name = name
        self.nodelist = nodelist

    def marker(self) -> str:
        return f"<!--frame-slot:{self.name}-->"

    def render(self, context: Context) -> str:
        collecting = context.get("_frame_slots")
        if isinstance(collecting, _Slots):
            collecting.found.setdefault(self.name, self)
            return self.marker()
        return self.render_for(context)

    def render_for(self, context: Context) -> str:
        """This slot's content for the request being rendered, once per
        request and name; while a whole page is rendered to be shared
        (``render_deferred``), its marker."""
        request = context.get("request")
        deferred = getattr(request, "_frame_deferred", None) if request is not None else None
        if deferred is not None:
            deferred.setdefault(self.name, (self, context.template))
            return slot_marker(self.name)
        done = getattr(request, "_frame_slots", None) if request is not None else None
        if done is None:
            done = {}
            if request is not None:
                request._frame_slots = done
        if self.name not in done:
            done[self.name] = self.nodelist.render(context)
        return done[self.name]


class SharedPartNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: NodeList, values: dict):
        self.name = name
        self.nodelist = nodelist
        self.values = values
        self._rendered: dict[tuple, tuple[str, list[SlotNode]]] = {}

    def _shared(self, context: Context, values: dict) -> tuple[str, list[SlotNode]]:
        key = (
            _settings_generation[0],
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            repr(sorted(values.items())),
        )
        found = self._rendered.get(key)
        if found is None:
            slots = _Slots()
            clean = Context(
                {**values, "_frame_slots": slots},
                autoescape=context.autoescape,
                use_l10n=context.use_l10n,
                use_tz=context.use_tz,
            )
            clean.template = context.template  # {% include %} finds templates through it
            html = self.nodelist.render(clean)
            found = (html, list(slots.found.values()))
            if len(self._rendered) >= MAX_VARIANTS:
                self._rendered.clear()
            self._rendered[key] = found
        return found

    def render(self, context: Context) -> str:
        values = {name: _unwrapped(value.resolve(context)) for name, value in self.values.items()}
        html, slots = self._shared(context, values)
        for slot in slots:
            html = html.replace(slot.marker(), slot.render_for(context))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


@register.tag("sharedpart")
def do_sharedpart(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            "{% sharedpart %} needs a quoted name, then name=value arguments"
        )
    values = {}
    for bit in bits[2:]:
        name, sep, expr = bit.partition("=")
        if not sep or not name.isidentifier():
            raise template.TemplateSyntaxError(f"{{% sharedpart %}}: {bit!r} is not name=value")
        values[name] = parser.compile_filter(expr)
    nodelist = parser.parse(("endsharedpart",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% sharedpart %} must not contain a {% block %}")
    return SharedPartNode(bits[1][1:-1], nodelist, values)


@register.tag("slot")
def do_slot(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% slot %} needs one quoted name")
    name = bits[1][1:-1]
    if not name.replace("_", "").isalnum():
        raise template.TemplateSyntaxError("a slot's name is letters, digits and underscores")
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(name, nodelist)
