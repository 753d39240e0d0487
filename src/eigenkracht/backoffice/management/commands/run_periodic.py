from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from eigenkracht.accounts.login_logs import login_logs_prune
from eigenkracht.core.once import sent_forms_prune
from eigenkracht.core.outbox import outbox_retry
from eigenkracht.core.throttle import attempts_prune
from eigenkracht.evaluations.periodic import evaluation_reminders_send, trainings_evaluate
from eigenkracht.payments.retention import failed_uploads_delete
from eigenkracht.privacy.retention import retention_carry_out, retention_propose
from eigenkracht.trainings.attendance.services import certificates_send
from eigenkracht.trainings.periodic import (
    practical_info_send,
    registrations_expire,
    registrations_remind,
)
from eigenkracht.trainings.waiting_list import waiting_list_expire_offers, waiting_list_offer_seats
from eigenkracht.volunteers.periodic import coordinator_reminders, record_expiry_warn


class Command(BaseCommand):
    help = (
        "Periodic work: payment reminders, practical information before a training, expiry of "
        "unpaid registrations and of waiting-list offers, new offers for seats that came free, "
        "certificates of attendance, evaluation links after a training and their reminders, "
        "old login logs, and mails that failed or were left behind. Safe to run every few "
        "minutes, and from two machines at once (see docs/deployment.md)."
    )
    # The system checks import every URL table and so every view, with the spreadsheet and PDF
    # libraries: seconds at each run of a command that cron starts every few minutes. The web
    # process and `manage.py check` in deployment run them.
    requires_system_checks: list[str] = []

    def handle(self, *args, **options) -> None:
        lapsed = waiting_list_expire_offers()
        expired = registrations_expire()
        offered = waiting_list_offer_seats()
        reminded = registrations_remind()
        certificates = certificates_send()
        practical = practical_info_send()
        mails = outbox_retry()
        attempts_prune()
        sent_forms_prune()
        login_logs = login_logs_prune()
        uploads = failed_uploads_delete()
        # Resumes an approved proposal a crash interrupted, then prepares the next one (nothing
        # is anonymised before a manager approves it).
        anonymised = retention_carry_out()
        proposal = retention_propose()
        records = record_expiry_warn()
        coordinator_reminded = coordinator_reminders()
        evaluation_links = trainings_evaluate()
        evaluation_reminders = evaluation_reminders_send()
        # Sessions past their end stay in the table until removed; the limits keep them unusable.
        # What `clearsessions` does, without finding and parsing a command (6 ms a run).
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        self.stdout.write(
            f"herinneringen: {reminded.done}, vervallen: {expired.done}, "
            f"aanbiedingen vervallen: {lapsed}, plaatsen aangeboden: {offered}, "
            f"attesten: {certificates}, praktische info: {practical.done}, "
            f"mails opnieuw opgemaakt: {mails.composed}, "
            f"opnieuw verstuurd: {mails.delivered}, nog mislukt: {mails.still_failing}, "
            f"mislukte uploads gewist: {uploads}, "
            f"oude regels van het inloglogboek gewist: {login_logs}, "
            f"anoniem gemaakt: {anonymised}, "
            f"voorstel om anoniem te maken: {proposal.total if proposal else 0}, "
            f"uittreksels die vervallen: {records}, "
            f"herinneringen aan coördinatoren: {coordinator_reminded}, "
            f"evaluatielinks na een vorming: {evaluation_links}, "
            f"herinneringen om te evalueren: {evaluation_reminders}"
        )
        skipped = reminded.skipped + expired.skipped + practical.skipped
        if skipped:
            self.stdout.write(
                f"overgeslagen (even in gebruik, de volgende run neemt ze op): {skipped}"
            )
