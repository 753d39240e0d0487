"""Work started in several threads at the same moment, each with its own database connection:
how tests show that two runs (two machines, two workers) do each thing once."""

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def at_once(work: Callable[[], T], times: int = 2) -> list[T]:
    """Run `work` in `times` threads released together; returns what each run returned, in the
    order they finished. A run that raised raises here, once all have ended: a second run dying
    on a deadlock is what these tests are there to catch."""
    start = threading.Barrier(times)
    returned: list[T] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            returned.append(work())
        except BaseException as error:  # raised again in the test's own thread
            raised.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if raised:
        raise raised[0]
    return returned
