"""The sentences the matcher gives for its decisions."""

from __future__ import annotations

from collections.abc import Sequence


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
