"""Tasks import their service inside the body: services enqueue tasks, never the other way."""

from django_tasks import task


@task()
def deliver_to_peppol(document_id: int) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.invoices.services import document_deliver_peppol

    document_deliver_peppol(document_id=document_id)
