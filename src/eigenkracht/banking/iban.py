"""Belgian bank accounts: IBAN checks and the old 12-digit account number as IBAN.

python-stdnum checks the numbers, but its list of Belgian bank codes lags behind the National
Bank's: a Belgian IBAN whose international and Belgian check digits are both right is accepted,
also when its bank code is not on that list.
"""

from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidComponent
from stdnum.exceptions import ValidationError as StdnumError


def _be_check_holds(account: str) -> bool:
    """The Belgian account number's own mod-97 check, over bank code and account (12 digits)."""
    return f"{int(account[:10]) % 97 or 97:02d}" == account[10:]


def be_account_to_iban(account: str) -> str:
    """'378156832122' (old Belgian account 378-1568321-22) -> its IBAN when the Belgian check
    holds, else '' (also for anything but 12 digits)."""
    if not (len(account) == 12 and account.isascii() and account.isdigit()):
        return ""
    if not _be_check_holds(account):
        return ""
    return "BE" + stdnum_iban.calc_check_digits("BE00" + account) + account


def be_account_checks_out(value: str) -> bool:
    """A Belgian IBAN whose international and Belgian check digits are right, whatever its bank
    code."""
    number = stdnum_iban.compact(value)
    try:
        stdnum_iban.validate(number, check_country=False)
    except StdnumError:
        return False
    return _be_check_holds(number[4:])


def in_sepa_zone(iban: str) -> bool:
    """Whether a SEPA credit transfer reaches this (valid) IBAN's country. schwifty keeps the
    EPC's list of SEPA countries and territories; loaded when asked (it costs 0.1 s to import)."""
    from schwifty import IBAN

    return IBAN(iban, allow_invalid=True).in_sepa_zone


def iban_validate(value: str) -> str:
    """The IBAN without spaces, or python-stdnum's `ValidationError` (its subclass says what is
    wrong); a Belgian IBAN with an unknown bank code passes when `be_account_checks_out`."""
    try:
        return stdnum_iban.validate(value)
    except InvalidComponent:
        compact = stdnum_iban.compact(value)
        if compact.startswith("BE") and be_account_checks_out(compact):
            return compact
        raise
