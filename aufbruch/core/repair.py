"""Helpers for data migrations that repair stored text.

Until December 2026 ``plain_text()`` stored HTML-escaped text ("&amp;",
"&lt;", …) that templates then escaped again. The migrations of the apps
that stored such text call ``unescape_fields`` once to turn it back into
what people typed.
"""

from __future__ import annotations

import html

from django.db.models import Q


def unescape_fields(model, fields: list[str], queryset=None) -> int:
    """Unescape HTML entities in ``fields`` of every row that has an "&";
    returns the number of rows changed."""
    qs = queryset if queryset is not None else model._default_manager.all()
    has_amp = Q()
    for name in fields:
        has_amp |= Q(**{f"{name}__contains": "&"})
    changed = 0
    for obj in qs.filter(has_amp).only("pk", *fields).iterator(chunk_size=500):
        updates = []
        for name in fields:
            value = getattr(obj, name)
            if value and "&" in value:
                fixed = html.unescape(value)
                if fixed != value:
                    setattr(obj, name, fixed)
                    updates.append(name)
        if updates:
            obj.save(update_fields=updates)
            changed += 1
    return changed
