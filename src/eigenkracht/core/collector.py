"""Python's cyclic garbage collector paused while many objects are made (pure: no Django).

Each of its full passes walks every object of the process: with the tens of thousands of rows
of a statement import, or of a batch of mails, in memory, that is a tenth of a second a pass,
several times over, and none of those objects is garbage yet. Reference counting still frees
everything outside a cycle; the collector runs again afterwards and takes what was left.
"""

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (as a decorator too)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def startup_frozen() -> None:
    """Move every object made so far (modules, classes, settings, URL patterns) out of the
    collector's reach for good: they live as long as the process, and a full pass of the
    collector walked them on every request that made enough objects (bench/figures.py: the
    figures page's p95 went from 370 to 324 ms). Called once a server worker has loaded the
    application; a command freezes in `set_up_frozen`, without the collection."""
    gc.collect()
    gc.freeze()


def set_up_frozen(setup: Callable[P, T]) -> Callable[P, T]:
    """`setup` (Django's) run with the collector paused, then what it made frozen: it makes
    about 140,000 objects that live as long as the process, and the collector walked them again
    and again while they were made, a tenth of a command's start (cron starts run_periodic every
    few minutes). Frozen without a collection first, unlike a server worker: that pass costs a
    command 30-40 ms to free about 3,500 leftovers of the imports, well under a megabyte. Frozen
    before the collector is back on, too: everything made while it was off is still in its
    youngest generation, and the first object made after would start a pass over all of it."""

    @functools.wraps(setup)
    def frozen(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            made = setup(*args, **kwargs)
            gc.freeze()
        return made

    return frozen
