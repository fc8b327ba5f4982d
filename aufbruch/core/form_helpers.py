"""Form helpers that several apps share: putting a service's ValidationError
next to its fields, and the KERN classes on every widget."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the matching field (or on top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


INPUT_CLASSES = {
    forms.Select: "kern-form-input__select",
    forms.CheckboxInput: "kern-form-check__checkbox",
}


class StaffForm(forms.Form):
    """KERN classes on every widget; a service's ValidationError shown at its fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = INPUT_CLASSES.get(type(field.widget), "kern-form-input__input")
            field.widget.attrs.setdefault("class", css)

    def add_service_error(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for key, errors in exc.message_dict.items():
            self.add_error(key if key in self.fields else None, errors)


class KernForm(forms.Form):
    """Adds KERN classes, ties hints and errors to their fields (aria-describedby)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "kern-form-check__checkbox"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "kern-form-input__select"
            else:
                widget.attrs["class"] = "kern-form-input__input"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        self.full_clean_attrs()

    def add_service_errors(self, exc) -> None:
        """Show a service's ValidationError next to the fields it names."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, exc.messages)
        self.full_clean_attrs()

    def full_clean_attrs(self) -> None:
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                error_id = f"id_{self.add_prefix(name)}-error"
                if error_id not in attrs.get("aria-describedby", ""):
                    attrs["aria-describedby"] = " ".join(
                        filter(None, [attrs.get("aria-describedby"), error_id])
                    )
