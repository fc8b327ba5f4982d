from django import forms, template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def ideas_field(field, extra_class: str = ""):
    """A KERN form field: label, hint, error and input, tied together with
    aria-describedby so screen readers announce the hint and the error."""
    widget = field.field.widget
    is_select = isinstance(widget, forms.Select)
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}_hint")
    if field.errors:
        describedby.append(f"{field.auto_id}_error")
    css = "kern-form-input__select" if is_select else "kern-form-input__input"
    if field.errors:
        css += f" {css}--error"
    attrs = {"class": f"{css} {extra_class}".strip()}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return render_to_string(
        "ideas/_field.html",
        {"field": field, "input": field.as_widget(attrs=attrs), "is_select": is_select},
    )
