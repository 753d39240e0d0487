"""One line of work on a staff home page: how many, what, and the filtered list that shows
exactly those rows. The apps that own the work build the items (trajectories/home.py,
backoffice/work.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkItem:
    key: str
    count: int
    text: str
    url: str
    # Late work (past a deadline or a norm) is marked as such on the page and comes first.
    late: bool = False


def waiting(items: list[WorkItem]) -> list[WorkItem]:
    """The items with something to do, late ones first."""
    return sorted((item for item in items if item.count), key=lambda item: not item.late)
