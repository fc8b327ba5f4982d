"""allauth's `field` element through the one KERN field template."""

from django import template
from django.utils.safestring import mark_safe

from aufbruch.core.forms import loose_field

register = template.Library()

PASSED_ON = ("autocomplete", "placeholder", "rows", "tabindex", "readonly")


@register.simple_tag
def allauth_field(attrs: dict, slots: dict):
    def slot(name: str) -> str:
        # slot contents are rendered template output, already escaped
        return mark_safe("".join(slots.get(name, [])))  # noqa: S308

    widget_attrs = {key: attrs[key] for key in PASSED_ON if attrs.get(key)}
    if attrs.get("id"):
        widget_attrs["id"] = attrs["id"]
    kind = attrs.get("type") or "text"
    value = slot("value") if "value" in slots else attrs.get("value")
    field = loose_field(
        kind=kind,
        name=attrs.get("name") or attrs.get("id") or kind,
        label=slot("label"),
        value=value,
        help_text=slot("help_text"),
        errors=list(attrs.get("errors") or []),
        required=bool(attrs.get("required")),
        disabled=bool(attrs.get("disabled")),
        checked=bool(attrs.get("checked")),
        widget_attrs=widget_attrs,
    )
    return field.as_field_group()
