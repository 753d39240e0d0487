from django.core.management.base import BaseCommand

from eigenkracht.trainings.periodic import registrations_expire, registrations_remind


class Command(BaseCommand):
    help = (
        "Periodic work: payment reminders and expiry of unpaid registrations. Safe to run every "
        "few minutes, and from two machines at once (see docs/deployment.md)."
    )

    def handle(self, *args, **options) -> None:
        reminded = registrations_remind()
        expired = registrations_expire()
        self.stdout.write(f"herinneringen: {reminded}, vervallen: {expired}")
