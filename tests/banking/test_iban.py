"""Belgian accounts: the old 12-digit number as IBAN, and IBANs whose bank code python-stdnum
does not know yet."""

import pytest
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat

from eigenkracht.banking.iban import be_account_checks_out, be_account_to_iban, iban_validate

# Bank code 138 is not in python-stdnum's list; both check digit pairs are right.
UNKNOWN_BANK = "BE83138811735115"


@pytest.mark.parametrize(
    ("account", "iban"),
    [
        ("096123456769", "BE71096123456769"),
        ("539007547034", "BE68539007547034"),
        ("138811735115", UNKNOWN_BANK),
    ],
)
def test_an_old_belgian_account_number_becomes_its_iban(account, iban):
    assert be_account_to_iban(account) == iban


@pytest.mark.parametrize(
    "account",
    ["096123456768", "000000000000", "09612345676", "0961234567690", "\uff10\uff196123456769"],
)
def test_a_wrong_check_or_anything_but_twelve_digits_gives_nothing(account):
    assert be_account_to_iban(account) == ""


def test_an_unknown_bank_code_passes_when_both_checks_hold():
    assert be_account_checks_out(UNKNOWN_BANK)
    assert iban_validate("BE83 1388 1173 5115") == UNKNOWN_BANK


def test_a_known_iban_comes_back_without_spaces():
    assert iban_validate("BE68 5390 0754 7034") == "BE68539007547034"
    assert iban_validate("NL91 ABNA 0417 1643 00") == "NL91ABNA0417164300"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("BE68539007547035", InvalidChecksum),  # international check digits
        ("BE41091811735141", InvalidChecksum),  # Belgian check digits
        ("XX07539007547034", InvalidComponent),  # no such country
        ("BE3453900754703A", InvalidFormat),  # a letter in a Belgian account
    ],
)
def test_what_is_wrong_is_told_by_the_kind_of_error(value, error):
    with pytest.raises(error):
        iban_validate(value)
