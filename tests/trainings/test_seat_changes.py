"""Handing a seat to a colleague and moving to another date: seats, money, mails and the log."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from eigenkracht.core.models import AuditEntry, Organisation, OutboxMessage
from eigenkracht.payments import services as payments
from eigenkracht.payments.models import Refund
from eigenkracht.trainings import seat_changes
from eigenkracht.trainings.models import Attendance, Participant, Registration, Training
from eigenkracht.trainings.seat_changes import SeatChangeRefused
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.self_service import services as self_service
from eigenkracht.trainings.services import PersonData
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.payments.refunds.test_refunds_due import paid_by_bank

pytestmark = pytest.mark.django_db

TITLE = "Basisvorming Eigen Kracht"
COLLEAGUE = PersonData("Sofie", "Peeters", "Sofie.Peeters@example.be")


def dated(days: int, **kwargs) -> Training:
    """A date of the same training, `days` from today."""
    first = timezone.localdate() + dt.timedelta(days=days)
    return TrainingFactory(title=TITLE, sessions__first_date=first, **kwargs)


def paid(registration: Registration, cents: int) -> Registration:
    return payments.registration_mark_paid(
        registration=registration,
        amount_cents=cents,
        paid_on=timezone.localdate(),
        actor=UserFactory(),
    )


def transfer(registration: Registration, **kwargs) -> Participant:
    participant = registration.participants.get(email=registration.email)
    return seat_changes.participant_transfer(
        registration=registration,
        participant_id=participant.pk,
        colleague=kwargs.pop("colleague", COLLEAGUE),
        actor=kwargs.pop("actor", None),
        **kwargs,
    )


# Transfer --------------------------------------------------------------------------------------


def test_a_transferred_seat_keeps_its_place_and_money_and_both_people_are_told():
    training = dated(30, fee_cents=6500)
    registration = paid(RegistrationFactory(training=training, email="marie@example.be"), 6500)

    participant = transfer(registration)

    registration.refresh_from_db()
    assert participant.full_name == "Sofie Peeters"
    assert participant.email == "sofie.peeters@example.be"
    assert list(registration.participants.values_list("email", flat=True)) == [
        "sofie.peeters@example.be"
    ]
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.amount_due_cents, registration.amount_paid_cents) == (6500, 6500)
    assert seats_taken(training) == 1
    welcome = OutboxMessage.objects.get(kind="seat_transferred")
    assert welcome.recipient == "sofie.peeters@example.be"
    assert welcome.subject == f"Je bent ingeschreven: {TITLE}"
    assert "Dag Sofie," in welcome.body_text
    assert [a.filename for a in welcome.attachments.all()] == ["vorming.ics"]
    assert "/inschrijving/" not in welcome.body_text  # the link manages the whole registration
    notice = OutboxMessage.objects.get(kind="seat_transferred_away")
    assert notice.recipient == "marie@example.be"
    assert "door aan Sofie Peeters" in notice.body_text
    entry = AuditEntry.objects.get(action="registration.seat_transferred")
    assert entry.data["email"] == {"old": "", "new": ""}  # which field, never the addresses
    assert entry.data["by"] == "registrant"


def test_a_colleague_who_gets_a_seat_not_yet_paid_is_not_told_they_are_registered():
    registration = RegistrationFactory(training=dated(30, fee_cents=6500))

    transfer(registration)

    welcome = OutboxMessage.objects.get(kind="seat_transferred")
    assert welcome.subject == f"Een plaats voor jou: {TITLE}"
    assert "Je bent ingeschreven" not in welcome.body_text
    assert "De inschrijving is nog niet volledig betaald" in welcome.body_text
    assert "jij hoeft niets te betalen" in welcome.body_html


def test_a_colleague_who_already_has_a_seat_in_the_training_cannot_get_a_second():
    training = dated(30)
    RegistrationFactory(training=training, email="sofie.peeters@example.be")
    registration = RegistrationFactory(training=training)

    with pytest.raises(SeatChangeRefused, match="niet aan dit e-mailadres doorgeven"):
        transfer(registration)

    assert not OutboxMessage.objects.filter(kind__startswith="seat_").exists()
    assert registration.participants.get().email == registration.email


def test_the_registrant_transfers_until_the_cancellation_deadline_and_the_office_later_too():
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 7})
    registration = RegistrationFactory(training=dated(5))

    with pytest.raises(SeatChangeRefused, match="niet meer zelf"):
        transfer(registration)
    transfer(registration, actor=UserFactory(role="office"), by_office=True)

    assert registration.participants.get().email == "sofie.peeters@example.be"
    assert AuditEntry.objects.get(action="registration.seat_transferred").data["by"] == "office"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Registration.Status.WAITING, "wachtlijst"),
        (Registration.Status.CANCELLED, "niet meer actief"),
    ],
)
def test_a_registration_without_a_seat_has_nothing_to_hand_on_or_move(status, message):
    registration = RegistrationFactory(training=dated(30), status=status)
    later = dated(60)

    with pytest.raises(SeatChangeRefused, match=message):
        transfer(registration, by_office=True)
    with pytest.raises(SeatChangeRefused, match=message):
        seat_changes.registration_move(
            registration=registration, training=later, actor=None, by_office=True
        )


def test_a_participant_who_attended_a_session_keeps_the_seat():
    training = dated(30)
    registration = RegistrationFactory(training=training)
    Attendance.objects.create(
        participant=registration.participants.get(),
        session=training.sessions.get(),
        present=True,
    )

    with pytest.raises(SeatChangeRefused, match="al een sessie gevolgd"):
        transfer(registration, by_office=True)
    with pytest.raises(SeatChangeRefused, match="volgde al een sessie"):
        seat_changes.registration_move(
            registration=registration, training=dated(60), actor=None, by_office=True
        )


# Move ------------------------------------------------------------------------------------------


def test_moving_to_a_cheaper_date_frees_the_seat_and_refunds_the_difference():
    now, later = dated(30, fee_cents=8000), dated(60, fee_cents=5000)
    registration = paid(RegistrationFactory(training=now), 8000)

    moved = seat_changes.registration_move(registration=registration, training=later, actor=None)

    registration.refresh_from_db()
    assert registration.training == later
    assert set(Participant.objects.values_list("training", flat=True)) == {later.pk}
    assert (seats_taken(now), seats_taken(later)) == (0, 1)
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.amount_due_cents, registration.amount_paid_cents) == (5000, 8000)
    assert moved.difference_cents == -3000
    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents, refund.status) == ("moved", 3000, "due")
    mail = OutboxMessage.objects.get(kind="registration_moved")
    assert "we storten € 30,00 terug" in mail.body_text
    attachments = {a.filename: a for a in mail.attachments.all()}
    assert "vorming.ics" in attachments
    cancelled = Calendar.from_ical(bytes(attachments["oude-datum-afgezegd.ics"].content))
    assert cancelled["method"] == "CANCEL"
    old_uids = {f"training-{now.pk}-session-{s.pk}@eigenkracht" for s in now.sessions.all()}
    events = cancelled.walk("VEVENT")
    assert {str(e["uid"]) for e in events} == old_uids
    assert {str(e["status"]) for e in events} == {"CANCELLED"}
    entry = AuditEntry.objects.get(action="registration.moved")
    assert entry.data["amount_due_cents"] == {"old": 8000, "new": 5000}
    assert entry.data["training"] == {"old": now.pk, "new": later.pk}


def test_a_confirmed_registration_moved_to_a_dearer_date_keeps_its_seat_and_owes_the_rest():
    registration = paid(RegistrationFactory(training=dated(30, fee_cents=5000)), 5000)
    ogm = registration.structured_communication

    seat_changes.registration_move(
        registration=registration, training=dated(60, fee_cents=6500), actor=None
    )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_open_cents == 1500
    assert registration.structured_communication == ogm
    assert not Refund.objects.exists()
    mail = OutboxMessage.objects.get(kind="registration_moved")
    assert "Nog te betalen: € 15,00." in mail.body_text
    assert "betalen.png" in [a.filename for a in mail.attachments.all()]

    # The difference is paid by hand (or with the same OGM on a statement).
    paid(registration, 1500)
    registration.refresh_from_db()
    assert registration.amount_open_cents == 0


def test_the_difference_is_paid_with_the_same_structured_communication_on_a_statement():
    registration = paid_by_bank(RegistrationFactory(training=dated(30, fee_cents=5000)))
    seat_changes.registration_move(
        registration=registration, training=dated(60, fee_cents=6500), actor=None
    )
    registration.refresh_from_db()

    registration = paid_by_bank(registration, amount_cents=1500, number=2)

    assert (registration.amount_due_cents, registration.amount_paid_cents) == (6500, 6500)
    assert registration.status == Registration.Status.CONFIRMED
    assert not Refund.objects.exists()


def test_a_registrant_whose_payment_deadline_passed_cannot_move_the_office_can():
    registration = RegistrationFactory(
        training=dated(30), payment_deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    later = dated(60)

    with pytest.raises(SeatChangeRefused, match="betaaldatum"):
        seat_changes.registration_move(registration=registration, training=later, actor=None)
    seat_changes.registration_move(
        registration=registration, training=later, actor=UserFactory(), by_office=True
    )

    registration.refresh_from_db()
    assert registration.payment_deadline >= timezone.localdate()


def test_a_pending_registration_paid_enough_for_the_new_date_is_confirmed():
    registration = paid(RegistrationFactory(training=dated(30, fee_cents=8000)), 5000)
    assert registration.status == Registration.Status.PENDING

    seat_changes.registration_move(
        registration=registration, training=dated(60, fee_cents=5000), actor=None
    )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert not Refund.objects.exists()


def test_a_pending_registration_gets_a_deadline_before_its_new_date():
    registration = RegistrationFactory(training=dated(30), payment_deadline=None)

    seat_changes.registration_move(registration=registration, training=dated(4), actor=None)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.payment_deadline == timezone.localdate() + dt.timedelta(days=3)


def test_moving_back_recalculates_a_refund_that_is_still_only_due():
    first, cheap, dear = dated(30, fee_cents=8000), dated(60, fee_cents=5000), dated(90)
    dear.fee_cents = 8000
    dear.save()
    registration = paid(RegistrationFactory(training=first), 8000)

    seat_changes.registration_move(registration=registration, training=cheap, actor=None)
    seat_changes.registration_move(registration=registration, training=dear, actor=None)

    assert list(Refund.objects.values_list("status", "amount_cents")) == [("withdrawn", 3000)]
    registration.refresh_from_db()
    assert registration.amount_open_cents == 0


def test_a_refund_already_sent_for_a_move_refuses_a_move_that_needs_the_money_again():
    cheap, dear = dated(60, fee_cents=5000), dated(90, fee_cents=8000)
    registration = paid(RegistrationFactory(training=dated(30, fee_cents=8000)), 8000)
    seat_changes.registration_move(registration=registration, training=cheap, actor=None)
    Refund.objects.update(status=Refund.Status.SENT)

    with pytest.raises(Exception, match="al geld teruggestort"):
        seat_changes.registration_move(registration=registration, training=dear, actor=None)

    registration.refresh_from_db()
    assert registration.training == cheap


def test_cancelling_after_a_cheaper_move_refunds_only_what_was_not_refunded_yet():
    registration = paid(RegistrationFactory(training=dated(30, fee_cents=8000)), 8000)
    seat_changes.registration_move(
        registration=registration, training=dated(60, fee_cents=5000), actor=None
    )

    registration.refresh_from_db()
    promise = self_service.refund_text(registration)
    self_service.registration_cancel_by_registrant(registration=registration)

    assert promise == "Er is € 50,00 betaald; we storten dat terug binnen 30 dagen."
    refunds = sorted(Refund.objects.values_list("cause", "amount_cents"))
    assert refunds == [("moved", 3000), ("registrant", 5000)]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (lambda: TrainingFactory(title="Verdiepingsdag"), "dezelfde vorming"),
        (lambda: dated(60, capacity=1), "niet genoeg plaatsen"),
        (lambda: dated(60, status=Training.Status.DRAFT), "niet \\(meer\\) beschikbaar"),
        (lambda: dated(60, status=Training.Status.CANCELLED), "niet \\(meer\\) beschikbaar"),
    ],
)
def test_a_move_is_refused_to_another_training_a_full_date_or_one_not_open(target, message):
    registration = RegistrationFactory(training=dated(30))
    other = target()
    if other.capacity == 1:
        RegistrationFactory(training=other)

    with pytest.raises(SeatChangeRefused, match=message):
        seat_changes.registration_move(
            registration=registration, training=other, actor=None, by_office=True
        )

    registration.refresh_from_db()
    assert registration.participants.get().training_id == registration.training_id != other.pk
    assert not AuditEntry.objects.filter(action="registration.moved").exists()


def test_a_move_is_refused_when_a_participant_already_has_a_seat_on_that_date():
    registration = RegistrationFactory(training=dated(30), email="marie@example.be")
    later = dated(60)
    RegistrationFactory(training=later, email="Marie@example.be")

    with pytest.raises(SeatChangeRefused, match=r"marie@example\.be staat al ingeschreven"):
        seat_changes.registration_move(registration=registration, training=later, actor=None)


def test_the_registrant_moves_until_the_deadline_and_only_to_an_open_date_the_office_always():
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 7})
    registration = RegistrationFactory(training=dated(5))
    later = dated(60)
    closed = dated(40, registration_closes_at=timezone.now() - dt.timedelta(days=1))

    assert seat_changes.move_targets(registration, by_office=False) == [later]
    assert seat_changes.move_targets(registration, by_office=True) == [closed, later]
    with pytest.raises(SeatChangeRefused, match="niet meer zelf"):
        seat_changes.registration_move(registration=registration, training=later, actor=None)
    seat_changes.registration_move(
        registration=registration, training=closed, actor=UserFactory(), by_office=True
    )
    registration.refresh_from_db()
    assert registration.training == closed


def test_targets_leave_out_dates_without_enough_seats_for_the_whole_group():
    registration = RegistrationFactory(training=dated(30), seats=3)
    small, roomy = dated(60, capacity=2), dated(90)

    assert seat_changes.move_targets(registration, by_office=True) == [roomy]
    assert small.pk not in [t.pk for t in seat_changes.move_targets(registration, by_office=True)]


def test_after_a_move_the_old_date_has_the_seat_and_the_address_free_again():
    now = dated(30, capacity=1)
    registration = RegistrationFactory(training=now)
    seat_changes.registration_move(registration=registration, training=dated(60), actor=None)

    RegistrationFactory(training=now, email=registration.email)  # the unique seat per address

    assert seats_taken(now) == 1
