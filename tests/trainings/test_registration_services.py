import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from eigenkracht.core.formatting import day
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.payments import services as payment_services
from eigenkracht.trainings import emails, services
from eigenkracht.trainings.ical import cancelled_ical
from eigenkracht.trainings.models import Participant, Registration, Training
from eigenkracht.trainings.selectors import seats_taken
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

CONTACT = services.ContactData(first_name="Marie", last_name="Claes", email="marie@example.be")


def person(first: str, email: str) -> services.PersonData:
    return services.PersonData(first_name=first, last_name="Claes", email=email)


def register(training, *emails, **kwargs):
    people = [person(f"Deelnemer{i}", e) for i, e in enumerate(emails or ["marie@example.be"])]
    return services.registration_create(
        training=training, contact=CONTACT, participants=people, **kwargs
    )


def test_a_registration_holds_its_seats_and_asks_for_the_fee_per_participant():
    training = TrainingFactory(capacity=5, fee_cents=2000)

    registration = register(training, "a@example.be", "b@example.be", "c@example.be")

    assert registration.status == Registration.Status.PENDING
    assert registration.amount_due_cents == 6000
    assert registration.seats == 3
    assert seats_taken(training) == 3
    assert len(registration.structured_communication) == 12
    assert registration.payment_deadline == timezone.localdate() + dt.timedelta(days=14)


def test_the_received_mail_goes_to_the_outbox_with_the_qr_code(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(TrainingFactory())

    message = OutboxMessage.objects.get(kind="registration_received")
    assert message.recipient == "marie@example.be"
    assert message.status == OutboxMessage.Status.SENT
    assert registration.token in message.body_text
    assert [a.filename for a in message.attachments.all()] == ["betalen.png"]
    (sent,) = mailoutbox
    assert sent.to == ["marie@example.be"]
    assert "+++" in sent.body


def test_a_received_mail_composed_after_the_payment_asks_for_no_money():
    """The mail is composed from the registration as it is then (a retry can come later)."""
    registration = RegistrationFactory(amount_paid_cents=2000, status=Registration.Status.CONFIRMED)

    emails.send_received(registration)

    message = OutboxMessage.objects.get(kind="registration_received")
    for body in (message.body_text, message.body_html):
        assert "Ze is intussen betaald" in body
        assert "€ 0,00" not in body
        assert "Gestructureerde mededeling" not in body
    assert "cid:epc-qr" not in message.body_html
    assert not message.attachments.exists()


def test_a_free_training_confirms_at_once_with_the_confirmation_mail():
    registration = register(TrainingFactory(fee_cents=0))

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_due_cents == 0
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1
    assert not OutboxMessage.objects.filter(kind="registration_received").exists()


def test_a_full_training_puts_the_next_person_on_the_waiting_list_without_payment():
    training = TrainingFactory(capacity=2)
    register(training, "a@example.be", "b@example.be")

    late = register(training, "c@example.be")

    assert late.status == Registration.Status.WAITING
    assert late.payment_deadline is None
    assert seats_taken(training) == 2
    assert OutboxMessage.objects.filter(kind="registration_waiting").count() == 1


def test_a_group_larger_than_the_seats_left_is_told_how_many_remain():
    training = TrainingFactory(capacity=3)
    register(training, "a@example.be", "b@example.be")

    with pytest.raises(services.RegistrationRefused, match="nog maar 1 plaats vrij"):
        register(training, "c@example.be", "d@example.be")
    assert Registration.objects.count() == 1


def test_the_same_email_cannot_take_a_second_seat():
    training = TrainingFactory()
    register(training, "marie@example.be")

    with pytest.raises(services.DuplicateRegistration) as refused:
        register(training, "MARIE@example.be")
    assert refused.value.emails == ["marie@example.be"]
    assert Registration.objects.count() == 1


def test_a_cancelled_registration_frees_the_address_and_the_seats():
    training = TrainingFactory(capacity=1)
    first = register(training, "marie@example.be")
    services.registration_cancel(registration=first, actor=None, reason="ziek")

    again = register(training, "marie@example.be")

    assert again.status == Registration.Status.PENDING
    assert Participant.objects.filter(training=training, is_active=True).count() == 1


def test_two_participants_in_one_registration_need_their_own_address():
    with pytest.raises(services.RegistrationRefused, match="eigen e-mailadres"):
        register(TrainingFactory(), "x@example.be", "X@example.be")


def test_an_overdue_pending_registration_no_longer_holds_seats():
    training = TrainingFactory(capacity=1)
    RegistrationFactory(training=training, payment_deadline=timezone.localdate() - dt.timedelta(1))

    assert seats_taken(training) == 0
    assert register(training, "new@example.be").status == Registration.Status.PENDING


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Training.Status.CANCELLED}, "geannuleerd"),
        ({"status": Training.Status.DRAFT}, "nog niet inschrijven"),
        ({"registration_closes_at": timezone.now() - dt.timedelta(hours=1)}, "afgesloten"),
        ({"registration_opens_at": timezone.now() + dt.timedelta(days=3)}, "openen op"),
    ],
)
def test_closed_trainings_refuse_registrations(change, message):
    training = TrainingFactory()
    Training.objects.filter(pk=training.pk).update(**change)

    with pytest.raises(services.RegistrationRefused, match=message):
        register(training)


def test_a_training_that_already_started_refuses_registrations():
    training = TrainingFactory(sessions__first_date=timezone.localdate() - dt.timedelta(days=1))

    with pytest.raises(services.RegistrationRefused, match="al begonnen"):
        register(training)


def test_a_burst_counts_every_try_from_one_address(settings):
    settings.REGISTRATION_BURST_LIMIT = 2
    assert services.registration_attempt_allowed(client_ip="203.0.113.9")
    assert services.registration_attempt_allowed(client_ip="203.0.113.9")

    assert not services.registration_attempt_allowed(client_ip="203.0.113.9")
    assert services.registration_attempt_allowed(client_ip="198.51.100.7")


def test_paying_by_hand_confirms_once_whatever_happens_twice(
    office_user, django_capture_on_commit_callbacks
):
    registration = register(TrainingFactory(fee_cents=2000))
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):
        payment_services.registration_mark_paid(
            registration=registration, amount_cents=2000, paid_on=today, actor=office_user
        )
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.registration_mark_paid(
            registration=registration, amount_cents=500, paid_on=today, actor=office_user
        )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_paid_cents == 2500
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1
    confirmation = OutboxMessage.objects.get(kind="registration_confirmed")
    assert [a.filename for a in confirmation.attachments.all()] == ["vorming.ics"]
    assert (
        AuditEntry.objects.filter(action="registration.paid_manually", actor=office_user).count()
        == 2
    )


def test_a_partial_payment_keeps_the_registration_pending(office_user):
    registration = register(TrainingFactory(fee_cents=2000))

    payment_services.registration_mark_paid(
        registration=registration,
        amount_cents=1000,
        paid_on=timezone.localdate(),
        actor=office_user,
    )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.amount_open_cents == 1000
    assert not OutboxMessage.objects.filter(kind="registration_confirmed").exists()


def test_every_creation_is_audited_with_the_address():
    registration = register(TrainingFactory(), client_ip="203.0.113.9")

    entry = AuditEntry.objects.get(action="registration.created")
    assert entry.object_id == str(registration.pk)
    assert entry.ip_address == "203.0.113.9"


def test_cancelling_a_training_tells_everyone_still_registered(office_user):
    training = TrainingFactory()
    paid = register(training, "paid@example.be")
    payment_services.registration_mark_paid(
        registration=paid, amount_cents=2000, paid_on=timezone.localdate(), actor=office_user
    )
    register(training, "pending@example.be")
    gone = register(training, "gone@example.be")
    services.registration_cancel(registration=gone, actor=office_user)

    services.training_cancel(training=training, actor=office_user, reason="De lesgever is ziek.")

    told = OutboxMessage.objects.filter(kind="training_cancelled").order_by("recipient")
    assert [m.recipient for m in told] == ["marie@example.be", "marie@example.be"]
    bodies = sorted(m.body_text for m in told)
    assert all("De lesgever is ziek." in body for body in bodies)
    assert any("We storten dat bedrag terug" in body for body in bodies)
    assert any("hoef je niets meer te doen" in body for body in bodies)


def test_a_cancelled_registration_comes_back_when_seats_remain(office_user):
    training = TrainingFactory(capacity=2)
    registration = register(training, "marie@example.be")
    services.registration_cancel(registration=registration, actor=office_user)

    services.registration_reinstate(registration=registration, actor=office_user)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.payment_deadline >= timezone.localdate()
    assert seats_taken(training) == 1
    assert AuditEntry.objects.filter(action="registration.reinstated").exists()


def test_no_reinstating_when_the_seats_were_taken_meanwhile(office_user):
    training = TrainingFactory(capacity=1)
    registration = register(training, "marie@example.be")
    services.registration_cancel(registration=registration, actor=office_user)
    register(training, "someone.else@example.be")

    with pytest.raises(services.TransitionNotAllowed, match="niet genoeg plaatsen"):
        services.registration_reinstate(registration=registration, actor=office_user)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_fully_paid_expired_registration_is_confirmed_when_reinstated(office_user):
    registration = RegistrationFactory(
        status=Registration.Status.EXPIRED, amount_paid_cents=2000, amount_due_cents=2000
    )

    services.registration_reinstate(registration=registration, actor=office_user)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1


def test_a_confirmed_registration_cancelled_and_reinstated_is_confirmed_again_by_mail(
    office_user,
):
    registration = RegistrationFactory(
        status=Registration.Status.CONFIRMED, amount_paid_cents=2000, amount_due_cents=2000
    )
    services.send_confirmation_once(registration)
    services.registration_cancel(registration=registration, actor=office_user, refund_cents=0)
    cancelled = Calendar.from_ical(
        cancelled_ical(registration.training, organizer=("Eigen Kracht", "info@example.be"))
    )

    services.registration_reinstate(registration=registration, actor=office_user)

    (_first, again) = OutboxMessage.objects.filter(kind="registration_confirmed").order_by("pk")
    ics = Calendar.from_ical(bytes(again.attachments.get(filename="vorming.ics").content))
    # A calendar that took the cancellation takes this file: its SEQUENCE is higher.
    assert int(ics.walk("VEVENT")[0]["SEQUENCE"]) > int(cancelled.walk("VEVENT")[0]["SEQUENCE"])


def test_an_expired_registration_reinstated_then_paid_is_told_what_the_payment_brings(
    office_user,
):
    registration = RegistrationFactory(
        status=Registration.Status.EXPIRED, amount_due_cents=8000, reminder_sent_at=timezone.now()
    )
    services.send_confirmation_once(registration)  # once confirmed, say, before a move

    services.registration_reinstate(registration=registration, actor=office_user)
    told = OutboxMessage.objects.get(kind="registration_reinstated")
    assert told.subject.startswith("Je inschrijving is opnieuw actief")
    assert "Nog te betalen: € 80,00" in told.body_text
    assert f"Te betalen vóór: {day(registration_deadline(registration))}" in told.body_text
    assert "betaal dan niet opnieuw" in told.body_text  # the money that came may follow
    assert not told.attachments.exists()  # no QR code inviting a second payment
    payment_services.registration_mark_paid(
        registration=registration, amount_cents=5000, paid_on=timezone.localdate(), actor=None
    )
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None  # reminded before the new deadline
    assert OutboxMessage.objects.filter(kind="registration_partially_paid").count() == 1

    payment_services.registration_mark_paid(
        registration=registration, amount_cents=3000, paid_on=timezone.localdate(), actor=None
    )
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 2


def registration_deadline(registration):
    registration.refresh_from_db(fields=["payment_deadline"])
    return registration.payment_deadline


def test_a_paid_registration_reinstated_is_told_its_money_stays_and_is_confirmed(office_user):
    registration = RegistrationFactory(
        status=Registration.Status.CANCELLED, amount_paid_cents=2000, amount_due_cents=2000
    )

    services.registration_reinstate(registration=registration, actor=office_user)

    told = OutboxMessage.objects.get(kind="registration_reinstated")
    assert "Wat je betaalde (€ 20,00) blijft voor deze inschrijving" in told.body_text
    assert "De bevestiging, met de data voor je agenda" in told.body_text
    assert "Nog te betalen" not in told.body_text
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1


def test_a_reinstated_registration_whose_new_deadline_is_near_is_not_reminded_again(
    office_user,
):
    training = TrainingFactory(sessions__first_date=timezone.localdate() + dt.timedelta(days=2))
    registration = RegistrationFactory(training=training, status=Registration.Status.EXPIRED)

    services.registration_reinstate(registration=registration, actor=office_user)

    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None  # the reinstated mail says it all


def test_a_received_mail_composed_after_a_cancellation_asks_for_nothing_either():
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)

    emails.send_received(registration)

    message = OutboxMessage.objects.get(kind="registration_received")
    assert "Je hoeft hiervoor niets (meer) te betalen." in message.body_text
    assert "bevestiging" not in message.body_text
    assert not message.attachments.exists()
