"""Belgian structured communication (OGM/VCS): 10 digits plus a mod-97 check, via python-stdnum.

Three shapes are read, from the strictest to the loosest:

- `ogm_parse`: the whole text is one valid communication, as a bank's structured field or a
  payer's communication holds it: "+++010/8068/17183+++", "***010/8068/17183***",
  "010/8068/17183" or "010806817183", with any spaces.
- `ogm_windows`: every 12 digits in a row inside free text, where a payer typed one with any
  spacing or punctuation; the caller keeps those it knows and `ogm_is_valid` accepts.
- `ogm_shaped`: something in free text that looks like one (12 digits, or digits between +++ or
  ***), valid or not: the payer meant one particular registration.
"""

import re
import secrets
from collections.abc import Iterator

from stdnum.be import ogm_vcs

_WRAPPED = re.compile(r"(\+{3}|\*{3})(.*)\1")
# Digits with the spacing and punctuation payers type between them.
_DIGIT_RUN = re.compile(r"[0-9](?:[0-9 ./\-+*]*[0-9])?")


def ogm_generate() -> str:
    """A random valid structured communication as 12 digits (uniqueness is the caller's)."""
    base = f"{secrets.randbelow(10**10):010d}"
    return base + ogm_vcs.calc_check_digits(base)


def ogm_display(digits: str) -> str:
    """`010806817183` -> `+++010/8068/17183+++`."""
    return f"+++{ogm_vcs.format(digits)}+++"


def ogm_is_valid(value: str) -> bool:
    return ogm_vcs.is_valid(value)


def ogm_parse(text: str) -> str:
    """The 12 digits when the WHOLE text is one valid structured communication, else "".

    Accepts "+++010/8068/17183+++", "***010/8068/17183***", "010/8068/17183", "010806817183",
    with any spaces; returns "" otherwise (also for one inside longer text, or with a +++ on
    one side and *** on the other).
    """
    s = text.strip()
    if m := _WRAPPED.fullmatch(s):
        s = m.group(2)
    digits = re.sub(r"[\s/]", "", s)
    if re.fullmatch(r"[0-9]{12}", digits) and ogm_vcs.is_valid(digits):
        return digits
    return ""


def ogm_windows(text: str) -> Iterator[str]:
    """Every 12 digits in a row in `text`, across the spaces, dots, slashes, dashes, + and * a
    payer types between them; unchecked."""
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        for start in range(len(digits) - 11):
            yield digits[start : start + 12]


def ogm_shaped(text: str) -> str:
    """A typed reference that looks like a structured communication (12 digits, or digits
    between +++ or ***), as written, or ''."""
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        if len(digits) == 12 or (len(digits) >= 10 and ("+++" in text or "***" in text)):
            return run.strip(" +*")
    return ""
