"""Tasks import their service inside the body: services enqueue tasks, never the other way."""

from django_tasks import task


@task()
def password_reset_mail(email: str) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.accounts.services import password_reset_send

    password_reset_send(email=email)
