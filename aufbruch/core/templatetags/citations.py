"""``{% cited_by_links obj %}`` shows where ``obj`` was cited (one query per
source). For a list, fetch once with ``{% cited_by_map items "attr" as cites %}``
and pass it: ``{% cited_by_links item cites %}``."""

from django import template

from aufbruch.core.citations import cited_by, cited_by_many

register = template.Library()


@register.simple_tag
def cited_by_map(items, attr: str = ""):
    objects = [
        (item[attr] if isinstance(item, dict) else getattr(item, attr)) if attr else item
        for item in items
    ]
    return cited_by_many(objects)


@register.inclusion_tag("core/_cited_by.html")
def cited_by_links(obj, found=None):
    links = cited_by(obj) if found is None else found.get(obj.pk, [])
    return {"links": links}
