"""The one form layer: every Django form renders its fields with KERN UX
markup through `FORM_RENDERER` (`{{ field.as_field_group }}`, `{{ form }}`).

Ids follow Django's own convention, so the widget's `aria-describedby`
(built by Django from the same ids) only names elements that exist: the hint
is `<field id>_helptext`, the error `<field id>_error`.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorDict

__all__ = [
    "KernBoundField",
    "KernForm",
    "StaffForm",
    "KernFormRenderer",
    "add_service_errors",
    "kern_widget_class",
    "loose_field",
    "service_error_dict",
]


def kern_widget_class(widget: forms.Widget) -> str:
    input_type = getattr(widget, "input_type", "")
    if input_type == "radio":
        return "kern-form-check__radio"
    if input_type == "checkbox":
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernBoundField(BoundField):
    """Adds the KERN class (and its error modifier) to every visible widget."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        if widget.is_hidden:
            return attrs
        css = attrs.get("class") or widget.attrs.get("class") or kern_widget_class(widget)
        if self.errors:
            base = css.split()[0]
            if f"{base}--error" not in css:
                css = f"{css} {base}--error"
        attrs["class"] = css
        return attrs

    @property
    def is_check(self) -> bool:
        """A single checkbox (or radio) input with its label after it."""
        return not self.use_fieldset and getattr(self.field.widget, "input_type", "") in (
            "checkbox",
            "radio",
        )

    @property
    def marks_optional(self) -> bool:
        """Label an optional field as such (not a field outside any form: its
        caller, allauth, does not say whether it is required)."""
        return not self.field.required and getattr(self.field, "marks_optional", True)

    @property
    def is_select(self) -> bool:
        return not self.use_fieldset and isinstance(self.field.widget, forms.Select)


class KernFormRenderer(DjangoTemplates):
    """Django's renderer with the KERN field and form templates (settings.FORM_RENDERER)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = KernBoundField


def add_service_errors(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    field_for: Callable[[str], str] | None = None,
    fallback: str | None = None,
) -> None:
    """Show a service's ValidationError on the form: at the fields it names
    (`field_for` maps a service's key to the form's field), everything else
    at `fallback` (by default above the form)."""
    if hasattr(error, "error_dict"):
        items = error.message_dict.items()
    else:
        items = [(NON_FIELD_ERRORS, error.messages)]
    for key, messages in items:
        name = field_for(key) if field_for else key
        form.add_error(name if name in form.fields else fallback, messages)


def service_error_dict(error: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: [messages]} for pages that show
    errors without a Django form (``__all__`` for errors of the whole page)."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {NON_FIELD_ERRORS: error.messages}


def loose_field(
    *,
    kind: str,
    name: str,
    label: str,
    value=None,
    help_text: str = "",
    errors: list[str] | None = None,
    required: bool = False,
    disabled: bool = False,
    checked: bool = False,
    widget_attrs: dict | None = None,
) -> BoundField:
    """A field outside any form (allauth's `field` element passes bare
    attributes), as a bound field of a one-field form, so that it renders
    through the same template as every other field."""
    if kind == "textarea":
        widget = forms.Textarea(attrs=widget_attrs)
    elif kind in ("checkbox", "radio"):
        widget = forms.CheckboxInput(attrs=widget_attrs, check_test=lambda _value: checked)
        widget.input_type = kind
    else:
        widget = forms.TextInput(attrs=widget_attrs)
        widget.input_type = kind
    form = forms.Form(auto_id="%s", initial={name: value})
    form.fields[name] = forms.CharField(
        label=label, help_text=help_text, required=required, disabled=disabled, widget=widget
    )
    form.fields[name].marks_optional = False
    form._errors = ErrorDict({name: form.error_class(errors)} if errors else {})
    return form[name]


class StaffForm(forms.Form):
    """A staff form: a service's ValidationError shown at its fields (the KERN
    markup comes from the renderer)."""

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_errors(self, exc)


class KernForm(forms.Form):
    """A resident's form with the same service-error mapping as StaffForm."""

    def add_service_errors(self, exc: ValidationError) -> None:
        add_service_errors(self, exc)
