"""Phone numbers as stored and shown.

The forms validate a number and store it in E.164 ("+32470123456"); pages and exports show a
Belgian number the way it is written here ("0470 12 34 56") and any other in its international
form. The phonenumbers library is loaded when a number is checked or shown: imported with the
models, it made every process start about 0.1 s later (measured in turns with and without it),
and a command that cron starts every few minutes never reads a phone number.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

REGION = "BE"
# Its examples are numbers the check accepts (tests/core/test_phone.py).
INVALID = _("Vul een geldig telefoonnummer in, zoals 0470 12 34 56 of +32 9 234 56 78.")


def _parsed(value: str) -> "PhoneNumber | None":
    import phonenumbers

    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_validate(value: str) -> None:
    """A model field's validator: a number that can be dialled (Belgian when it has no +)."""
    if value and _parsed(value) is None:
        raise ValidationError(INVALID, code="invalid")


def phone_display(value: str) -> str:
    """'+32470123456' -> '0470 12 34 56'; '+31201234567' -> '+31 20 123 4567'; what cannot be
    read as a number is shown as it was stored."""
    if not value:
        return ""
    number = _parsed(str(value))
    if number is None:
        return str(value)
    import phonenumbers

    form = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 32
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, form)
