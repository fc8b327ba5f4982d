"""Render Django form fields with KERN UX classes, hints and errors tied to
the input (aria-describedby), for our forms and allauth's."""

from django import template
from django.forms import BoundField

register = template.Library()

WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radio": "kern-form-check__radio",
    "select": "kern-form-input__select",
}


@register.simple_tag
def kern_widget(field: BoundField):
    """The field's widget with KERN classes and its hint/error ids."""
    base = WIDGET_CLASSES.get(field.widget_type, "kern-form-input__input")
    attrs = {"class": f"{base} {base}--error" if field.errors else base}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_check(field: BoundField) -> bool:
    return field.widget_type == "checkbox"
