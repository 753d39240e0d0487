"""Tasks, and the one way to enqueue them.

The convention (HackSoft's, as pretix's TransactionAwareTask): a task imports its service inside
its body, a service imports the task at module level and enqueues it with `enqueue_after_commit`,
so that no import goes in a circle and no task runs before the change it works on is committed.
"""

from typing import Any

from django.db import transaction
from django_tasks import task
from django_tasks.base import Task


def enqueue_after_commit(job: Task, *args: Any) -> None:
    """Enqueue `job` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: job.enqueue(*args))


@task()
def deliver_outbox_messages(message_ids: list[int]) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.core.outbox import outbox_deliver_many

    outbox_deliver_many(message_ids=message_ids)


@task()
def compose_outbox_messages(message_ids: list[int]) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.core.outbox import outbox_compose_many

    outbox_compose_many(message_ids=message_ids)
