from django_tasks import task

from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration


@task()
def send_payment_mails(confirmed_ids: list[int], partial_ids: list[int]) -> None:
    """Confirmation mails and 'still due' mails after payments were booked."""
    registrations = Registration.objects.select_related("training__venue").prefetch_related(
        "participants", "training__sessions"
    )
    for registration in registrations.filter(pk__in=confirmed_ids):
        emails.send_confirmed(registration)
    for registration in registrations.filter(pk__in=partial_ids):
        emails.send_partially_paid(registration)


@task()
def run_statement_import(statement_import_id: int) -> None:
    from eigenkracht.payments.services import statement_import_run

    statement_import_run(statement_import_id=statement_import_id)
