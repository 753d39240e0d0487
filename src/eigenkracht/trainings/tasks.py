"""Tasks import their service inside the body: services enqueue tasks, never the other way."""

from django_tasks import task


@task()
def send_registration_links(
    training_id: int,
    registrant_email: str,
    first_name: str,
    language: str,
    participants: list[str],
    known: list[str],
) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.trainings.services import registration_links_send

    registration_links_send(
        training_id=training_id,
        registrant_email=registrant_email,
        first_name=first_name,
        language=language,
        participants=participants,
        known=known,
    )


@task()
def resend_registration_link(code: str) -> None:
    from eigenkracht.trainings.services import registration_link_resend

    registration_link_resend(code)
