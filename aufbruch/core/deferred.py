"""Whole pages shared by many people, filled per request.

A view renders a page once with ``render_deferred``: every ``{% slot %}``
of the frame (core/templatetags/frame.py: the user's name, the unread
badge, the messages, the CSRF inputs) is left as a marker, and the view
passes ``csrf_token=CSRF_MARKER`` to every rendering it makes, so its own
forms carry a marker, too. It stores the result under a key naming
everything else the page shows, and ``fill_deferred`` puts in each
request's slots and CSRF token. The idea page of logged-in viewers is
served this way (ideas/views.py).
"""

from __future__ import annotations

import re

from django.middleware.csrf import get_token
from django.template import engines
from django.template.context import Context

# Markers hold a NUL character: no user text can (forms refuse it, PostgreSQL
# cannot store it), so nobody can place a marker that would receive another
# person's slot or token.
CSRF_MARKER = "\0csrf\0"
_TOKEN_VALUE = re.compile('name="csrfmiddlewaretoken" value="\0csrf\0"')
# name -> (slot node, its template), met while rendering a deferred page in
# this process. A page stored by another process may name slots this one has
# not met yet: fill_deferred then answers None and the view renders.
_nodes: dict[str, tuple] = {}


def slot_marker(name: str) -> str:
    return f"\0slot:{name}\0"


def page_token(request) -> str:
    """One masked CSRF token for all the forms of a response (each
    get_token() masks anew, which costs more than reusing it)."""
    token = getattr(request, "_page_csrf_token", None)
    if token is None:
        token = request._page_csrf_token = get_token(request)
    return token


def deferring(request) -> bool:
    """True while ``request``'s page is rendered to be shared."""
    return getattr(request, "_frame_deferred", None) is not None


_MARKER = re.compile("\0(slot:[A-Za-z0-9_]+|csrf)\0")


def render_deferred(request, render) -> tuple[str, ...] | None:
    """Call ``render()`` (the whole page for ``request``, every context with
    ``csrf_token=CSRF_MARKER``) with each slot left as a marker. Returns the
    page split at its markers (text, marker, text, …: what fill_deferred
    takes), or None when a form got a real token anyway (the page is then
    not to be shared)."""
    request._frame_deferred = {}
    try:
        html = str(render())
        found = request._frame_deferred
    finally:
        del request._frame_deferred
    _nodes.update(found)
    if _TOKEN_VALUE.sub("", html).count('name="csrfmiddlewaretoken"'):
        return None
    return tuple(_MARKER.split(html))


def fill_deferred(request, parts: tuple[str, ...]) -> str | None:
    """The page from ``render_deferred`` with this request's slots and CSRF
    token; None when a slot is unknown in this process."""
    names = {part[5:] for part in parts[1::2] if part != "csrf"}
    if not names <= _nodes.keys():
        return None
    engine = engines["django"].engine
    context = Context(autoescape=engine.autoescape)
    context.update({"request": request})
    for processor in engine.template_context_processors:
        context.update(processor(request))
    token = page_token(request)
    context.update({"csrf_token": token})
    filled = {"csrf": token}
    for name in names:
        node, template = _nodes[name]
        with context.render_context.push_state(template):
            context.template = template
            filled[f"slot:{name}"] = node.render_for(context)
    out = list(parts)
    out[1::2] = [filled[part] for part in parts[1::2]]
    return "".join(out)
