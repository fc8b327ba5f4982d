"""Render a form field's widget with KERN classes and its hint/error ids."""

from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_choice_list(field) -> bool:
    return isinstance(field.field.widget, CHOICE_WIDGETS)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def describedby(field) -> str:
    return described_by(field)


@register.simple_tag
def kern_widget(field):
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        css = "kern-form-check__radio"
    elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.CheckboxInput)):
        css = "kern-form-check__checkbox"
    elif isinstance(widget, forms.Select):
        css = "kern-form-input__select"
    else:
        css = "kern-form-input__input"
    if field.errors:
        css += f" {css}--error"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
    ids = described_by(field)
    if ids and not isinstance(widget, CHOICE_WIDGETS):
        attrs["aria-describedby"] = ids
    if isinstance(widget, CHOICE_WIDGETS):
        widget.attrs.update(attrs)
        return ""
    return field.as_widget(attrs=attrs)
