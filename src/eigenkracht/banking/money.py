"""Amounts of money the Belgian (nl-BE) way: 123456 cents -> "1.234,56" or "€ 1.234,56".

Written out rather than asked of babel: the matcher words amounts for every transfer of a bank
statement, and this is twenty times faster. tests/banking/test_money.py pins the notation babel's
nl_BE currency format gave the site's pages and mails until now.
"""


def amount(cents: int) -> str:
    """-123456 -> '-1.234,56', as Flemish staff write amounts."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{rest:02d}"


def euro(cents: int) -> str:
    """2000 -> '€ 20,00'; -123456 -> '€ -1.234,56'."""
    return f"€ {amount(cents)}"


def amount_thousandths(thousandths: int) -> str:
    """-1234560 -> '-1.234,56'; 1234567 -> '1.234,567': the third decimal only when it is not 0
    (bank files count in thousandths of a euro)."""
    if thousandths % 10 == 0:
        return amount(thousandths // 10)
    sign = "-" if thousandths < 0 else ""
    whole, rest = divmod(abs(thousandths), 1000)
    return f"{sign}{whole:,}".replace(",", ".") + f",{rest:03d}"
