"""Amounts the Belgian way, as the site's pages, mails and import messages show them."""

import pytest

from eigenkracht.banking.money import amount, amount_thousandths, euro


@pytest.mark.parametrize(
    ("cents", "shown"),
    [
        (0, "€ 0,00"),
        (5, "€ 0,05"),
        (2000, "€ 20,00"),
        (123456, "€ 1.234,56"),
        (123456789012, "€ 1.234.567.890,12"),
        (-2000, "€ -20,00"),
        (-123456, "€ -1.234,56"),
    ],
)
def test_euro_as_babel_wrote_it_for_nl_be(cents, shown):
    assert euro(cents) == shown


@pytest.mark.parametrize(
    ("cents", "shown"), [(0, "0,00"), (99, "0,99"), (123456, "1.234,56"), (-123456, "-1.234,56")]
)
def test_an_amount_without_the_sign_of_the_euro(cents, shown):
    assert amount(cents) == shown


@pytest.mark.parametrize(
    ("thousandths", "shown"),
    [
        (1234560, "1.234,56"),
        (-1234560, "-1.234,56"),
        (1234567, "1.234,567"),
        (-1234567, "-1.234,567"),
        (5, "0,005"),
        (0, "0,00"),
    ],
)
def test_thousandths_show_their_third_decimal_only_when_it_is_not_zero(thousandths, shown):
    assert amount_thousandths(thousandths) == shown
