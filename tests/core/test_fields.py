"""Amounts typed the Belgian way become cents; anything else gets a clear message."""

import pytest
from django.core.exceptions import ValidationError

from eigenkracht.core.fields import (
    EuroField,
    ModelMultipleChoiceField,
    cents_to_input,
    parse_euro,
)
from eigenkracht.trainings.models import Trainer


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("20", 2000),
        ("20,00", 2000),
        ("20,5", 2050),
        ("20.50", 2050),
        ("€ 20,00", 2000),
        ("1.250,00", 125000),
        ("1.250", 125000),
        ("0", 0),
        (" 7,95 ", 795),
    ],
)
def test_belgian_amounts_become_cents(typed, cents):
    assert parse_euro(typed) == cents


@pytest.mark.parametrize("typed", ["twintig", "20,005", "20,00,00", "1,2.3", "", "--5"])
def test_unreadable_amounts_are_refused(typed):
    with pytest.raises(ValueError):
        parse_euro(typed)


def test_cents_are_shown_as_someone_in_flanders_types_them():
    assert cents_to_input(2000) == "20,00"
    assert cents_to_input(5) == "0,05"


def test_the_field_explains_negative_zero_and_huge_amounts_in_dutch():
    field = EuroField(allow_zero=False)

    for typed, message in [
        ("-1", "Het bedrag kan niet negatief zijn."),
        ("0", "Het bedrag moet groter zijn dan nul."),
        ("20000", "Het bedrag mag hoogstens € 10.000,00 zijn."),
        ("abc", "Vul een bedrag in euro in, zoals 20 of 20,00."),
    ]:
        with pytest.raises(Exception, match=message.replace(".", r"\.")) as info:
            field.clean(typed)
        assert info.type.__name__ == "ValidationError"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "99999999999999999999999",
        "-99999999999999999999999",
        " 99999999999999999999999",
        "+99999999999999999999999",
        "9_999_999_999_999_999_999_999",
        "\N{SUPERSCRIPT TWO}",
    ],
)
def test_an_id_that_is_no_64_bit_integer_is_refused_not_an_error(typed):
    field = ModelMultipleChoiceField(queryset=Trainer.objects.all())

    with pytest.raises(ValidationError, match=r"geen beschikbare keuze|geen geldige waarde"):
        field.clean([typed])
