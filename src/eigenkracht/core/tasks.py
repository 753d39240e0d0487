"""Tasks import their service inside the body: services enqueue tasks, never the other way."""

from django_tasks import task


@task()
def deliver_outbox_message(message_id: int) -> None:
    from eigenkracht.core.outbox import outbox_deliver

    outbox_deliver(message_id=message_id)


@task()
def compose_outbox_messages(message_ids: list[int]) -> None:
    from eigenkracht.core.outbox import outbox_compose_many

    outbox_compose_many(message_ids=message_ids)
