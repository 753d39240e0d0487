"""Form pieces every app uses: the browser's date and time pickers, capped free text, and an amount
in euro typed the Belgian way."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.formatting import euro

MAX_EURO_CENTS = 1_000_000  # EUR 10,000: far above any fee, low enough to catch typos
THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
TOO_LONG = _("Houd het korter: hoogstens %(limit_value)d tekens.")


# Dates and times ---------------------------------------------------------------------------------


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_widget() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# Free text ---------------------------------------------------------------------------------------


def free_text(
    label: Any, *, limit: int, rows: int, help_text: Any = "", required: bool = False
) -> forms.CharField:
    """A text area with a limit: a TextField has none of its own, so the form caps what is typed."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


# Amounts in euro ---------------------------------------------------------------------------------


def parse_euro(text: str) -> int:
    """'20' / '20,00' / '20.5' / '1.250,00' / '€ 20' -> cents; ValueError when it is no amount."""
    value = text.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace("\xa0", "")
    sign = -1 if value.startswith("-") else 1
    value = value.removeprefix("-")
    if "," in value:
        whole, _sep, decimals = value.partition(",")
    elif THOUSANDS.match(value):
        whole, decimals = value, ""
    else:
        whole, _sep, decimals = value.partition(".")
    if THOUSANDS.match(whole):
        whole = whole.replace(".", "")
    if not (whole or decimals) or not re.fullmatch(r"[0-9]*", whole):
        raise ValueError(text)
    if not re.fullmatch(r"[0-9]{0,2}", decimals):
        raise ValueError(text)
    return sign * (int(whole or "0") * 100 + int(decimals.ljust(2, "0")))


def cents_to_input(cents: int) -> str:
    """2000 -> '20,00', as someone in Flanders would type it."""
    return f"{cents // 100},{cents % 100:02d}"


class EuroField(forms.Field):
    """An amount in euro typed the Belgian way; cleans to an integer number of cents."""

    default_error_messages = {
        "invalid": _("Vul een bedrag in euro in, zoals 20 of 20,00."),
        "negative": _("Het bedrag kan niet negatief zijn."),
        "too_small": _("Het bedrag moet groter zijn dan nul."),
        "too_large": _("Het bedrag mag hoogstens %(max)s zijn."),
    }

    def __init__(self, *, allow_zero: bool = True, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "20"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return cents_to_input(value)
        return value

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if len(text) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            cents = parse_euro(text)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if cents < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if cents == 0 and not self.allow_zero:
            raise ValidationError(self.error_messages["too_small"], code="too_small")
        if cents > MAX_EURO_CENTS:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"max": euro(MAX_EURO_CENTS)},
            )
        return cents


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with an id beyond a 64-bit integer refused as an unknown choice: SQLite (the
    demo's database) raises OverflowError on one in a query instead of finding nothing."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if not -(2**63) <= number < 2**63:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
