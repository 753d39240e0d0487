"""`{% error_summary form formset ... %}`: the GOV.UK error summary at the top of a form.

Every error of the forms (and of each form in a formset) as a link to its field (`#id_...`);
errors of a whole form as plain text, those of a whole formset as a link to its first field.
core/static/core/errors.js gives it the focus.
"""

import re
from typing import Any

from django import forms, template
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

register = template.Library()

# Checks whose default words fit any field ("Zorg dat deze waarde niet meer dan 80 tekens bevat."):
# said in the summary, away from the field, they need its name. A form's own words for a field
# ("Vul een Belgische postcode in") say what they are about.
GENERIC_VALIDATORS = (
    validators.MaxLengthValidator,
    validators.MinLengthValidator,
    validators.MaxValueValidator,
    validators.MinValueValidator,
)
OPTIONAL = re.compile(r"\s*\(niet verplicht\)$")


def _is_generic(field: forms.BoundField, error: ValidationError) -> bool:
    message = str(error.message)
    defaults = (
        klass.__dict__.get("default_error_messages", {}).get(error.code)
        for klass in type(field.field).__mro__
    )
    if any(default is not None and str(default) == message for default in defaults):
        return True
    return any(str(v.message) == message for v in GENERIC_VALIDATORS) or (
        error.code == "invalid_name"  # a name field's own check, the same for every name
    )


def _named(label: str, text: str) -> str:
    """The field's label before its message: "Voornaam: Dit veld is verplicht."."""
    label = capfirst(OPTIONAL.sub("", label))
    return f"{label} {text}" if label.endswith(("?", ".", ":")) else f"{label}: {text}"


def _entries(form: forms.BaseForm) -> list[dict[str, str]]:
    entries = [{"text": str(error), "href": ""} for error in form.non_field_errors()]
    errors = form.errors.as_data()
    for field in form:
        # A group of radio buttons or checkboxes has no element of its own: its first option.
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        href = "" if field.is_hidden or not target else f"#{target}"
        for error in errors.get(field.name, []):
            text = " ".join(str(m) for m in error.messages)
            label = str(field.label or "")
            if (
                label
                and (_is_generic(field, error) or getattr(form, "summary_names_fields", False))
                and label.lower() not in text.lower()
            ):
                text = _named(label, text)
            entry = {"text": text, "href": href}
            if entry not in entries:  # two checks of one field can say the same
                entries.append(entry)
    # A row of a formset says which row it is ("Collega 2 (An Peeters)").
    prefix = str(getattr(form, "summary_prefix", ""))
    if prefix:
        for entry in entries:
            if not entry["text"].startswith(prefix):
                entry["text"] = f"{prefix}: {entry['text']}"
    return entries


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms_and_formsets: Any, heading: str = "") -> dict[str, Any]:
    entries: list[dict[str, str]] = []
    items: list[Any] = []
    for item in forms_and_formsets:  # a list stands for its forms (those a page checked)
        items += item if isinstance(item, list | tuple) else [item]
    for item in items:
        if not getattr(item, "is_bound", False):
            continue
        if isinstance(item, forms.BaseFormSet):
            # An error of the whole set ("add at least one") leads to its first row's first field.
            first = (
                next((f for f in item.forms[0] if not f.is_hidden), None) if item.forms else None
            )
            href = f"#{first.id_for_label}" if first is not None and first.id_for_label else ""
            entries += [{"text": str(e), "href": href} for e in item.non_form_errors()]
            for form in item.forms:
                entries += _entries(form)
        else:
            entries += _entries(item)
    return {"entries": entries, "heading": heading}
