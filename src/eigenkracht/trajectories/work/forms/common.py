"""What more than one tab checks: how far ahead a date may lie, and the names of languages."""

import datetime as dt
from collections.abc import Iterable

from eigenkracht.trajectories.models import Language

# Further ahead than this is a typo (2062 instead of 2026), not a plan.
MAX_YEARS_AHEAD = 2


def years_ahead(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def language_labels(codes: Iterable[str]) -> list[str]:
    return [str(Language(code).label) for code in codes if code in Language.values]
