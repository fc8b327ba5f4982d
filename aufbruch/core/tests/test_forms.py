"""The one form layer: KERN markup, ids that exist, service errors at their fields."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from aufbruch.core.forms import add_service_errors, loose_field


class SampleForm(forms.Form):
    title = forms.CharField(label="Titel", help_text="Kurz und klar.")
    note = forms.CharField(label="Notiz", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="Art", choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField(label="Einverstanden", help_text="Pflicht.")
    days = forms.MultipleChoiceField(
        label="Tage", choices=[("mo", "Mo")], widget=forms.CheckboxSelectMultiple
    )


def references_exist(html: str) -> bool:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    refs = " ".join(re.findall(r'aria-describedby="([^"]*)"', html)).split()
    return bool(refs) and all(ref in ids for ref in refs)


def test_fields_render_kern_markup_with_hint_and_error_ids_that_exist():
    form = SampleForm(data={"title": ""})
    assert not form.is_valid()
    html = str(form)
    assert references_exist(html)
    assert 'id="id_title_helptext"' in html and 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'class="kern-form-input__input kern-form-input__input--error"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="kern-form-input__select-wrapper"><select' in html
    assert '<div class="kern-form-check kern-form-check--error">' in html  # the checkbox
    assert '<fieldset class="kern-fieldset kern-fieldset--error"' in html  # the choice list
    assert html.count("kern-label__optional") == 1  # only "note" is optional, marked once


def test_a_valid_field_without_hint_has_no_describedby():
    form = SampleForm(data={"title": "x", "kind": "a", "agree": "on", "days": ["mo"]})
    assert form.is_valid()
    html = form["note"].as_field_group()
    assert "aria-describedby" not in html and "aria-invalid" not in html


def test_add_service_errors_puts_messages_at_their_fields_or_above_the_form():
    form = SampleForm(data={"title": "x", "kind": "a", "agree": "on", "days": ["mo"]})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"title": "Schon vergeben.", "other": "Oben."}))
    assert form.errors["title"] == ["Schon vergeben."]
    assert form.non_field_errors() == ["Oben."]
    form = SampleForm(data={})
    add_service_errors(form, ValidationError("Geht nicht."), fallback="note")
    assert form.errors["note"] == ["Geht nicht."]
    form = SampleForm(data={})
    add_service_errors(form, ValidationError({"name": "Zu lang."}), field_for={"name": "title"}.get)
    assert "Zu lang." in form.errors["title"]


def test_a_field_outside_a_form_renders_through_the_same_template():
    html = loose_field(
        kind="email", name="email", label="Neue Adresse", value="a@b.de", errors=["Falsch."]
    ).as_field_group()
    assert references_exist(html) and 'id="email_error"' in html
    assert "kern-label__optional" not in html
