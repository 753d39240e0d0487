"""Every look at registrants' personal data by staff is in the audit log: whose, by whom, from
where, on which page or in which file."""

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.payments.services import registration_mark_paid
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def test_opening_a_registration_is_recorded_but_not_shown_in_its_own_history(
    office_client, office_user
):
    registration = RegistrationFactory()
    url = reverse("trainings_backoffice:registration_detail", args=[registration.pk])

    page = office_client.get(url, REMOTE_ADDR=ADDRESS)

    entry = AuditEntry.objects.get(action="registration.view")
    assert (entry.actor, entry.object_id, entry.ip_address) == (
        office_user,
        str(registration.pk),
        ADDRESS,
    )
    assert entry.data == {"page": "registration_detail"}
    assert "registration.view" not in page.content.decode()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_participants_export_records_whose_details_left(office_client, office_user, file_format):
    training = TrainingFactory()
    shown = [RegistrationFactory(training=training) for _ in range(3)]
    RegistrationFactory()  # another training: not in the file

    office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "participants", "file_format": file_format, "training": training.pk},
    )

    entry = AuditEntry.objects.get(action="registration.list")
    assert entry.actor == office_user
    assert sorted(entry.data["ids"]) == sorted(str(r.pk) for r in shown)
    assert entry.data["page"].startswith("export:deelnemers-")


def test_a_payments_export_records_the_registrations_and_the_bank_lines(office_client, office_user):
    registration = RegistrationFactory(training=TrainingFactory())
    registration_mark_paid(
        registration=registration,
        amount_cents=registration.amount_due_cents,
        paid_on=timezone.localdate(),
        actor=office_user,
    )

    office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "payments", "file_format": "csv", "training": registration.training.pk},
    )

    entry = AuditEntry.objects.get(action="registration.list")
    assert entry.data["ids"] == [str(registration.pk)]


def test_the_csv_of_one_training_records_its_registrations(office_client):
    training = TrainingFactory()
    registration = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    office_client.get(reverse("trainings_backoffice:training_export", args=[training.pk]))

    entry = AuditEntry.objects.get(action="registration.list")
    assert entry.data["ids"] == [str(registration.pk)]


def test_reading_a_mail_in_the_outbox_is_recorded(office_client, office_user):
    emails.send_received(RegistrationFactory())
    message = OutboxMessage.objects.get()

    office_client.get(reverse("backoffice:outbox_detail", args=[message.pk]), REMOTE_ADDR=ADDRESS)

    entry = AuditEntry.objects.get(action="outbox.view")
    assert (entry.actor, entry.object_id, entry.ip_address) == (
        office_user,
        str(message.pk),
        ADDRESS,
    )


def test_the_mail_text_preview_records_whose_details_it_shows(office_client, office_user):
    registration = RegistrationFactory()

    office_client.get(reverse("trainings_mail_templates:edit", args=["received", "nl"]))

    entry = AuditEntry.objects.get(action="registration.view")
    assert (entry.actor, entry.object_id) == (office_user, str(registration.pk))
    assert entry.data["page"] == "mail_template_preview:received:nl"
