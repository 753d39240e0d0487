"""Belgian structured communication (OGM/VCS): 10 digits plus a mod-97 check, via python-stdnum."""

import secrets

from stdnum.be import ogm_vcs


def ogm_generate() -> str:
    """A random valid structured communication as 12 digits (uniqueness is the caller's)."""
    base = f"{secrets.randbelow(10**10):010d}"
    return base + ogm_vcs.calc_check_digits(base)


def ogm_display(digits: str) -> str:
    """`010806817183` -> `+++010/8068/17183+++`."""
    return f"+++{ogm_vcs.format(digits)}+++"


def ogm_is_valid(value: str) -> bool:
    return ogm_vcs.is_valid(value)
