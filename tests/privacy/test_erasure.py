"""Erasing a person: afterwards nothing in the database names them, except the accounting
records a legal duty keeps, which the outcome lists with the reason."""

import datetime as dt
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.core.outbox import outbox_viewed
from eigenkracht.evaluations.models import ConferenceResponse, TrainingResponse
from eigenkracht.privacy.anonymise import registrations_anonymise
from eigenkracht.privacy.erasure import person_erase, privacy_request_erase
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration
from eigenkracht.trajectories.models import Participant, Trajectory
from tests.factories import RegistrationFactory, UserFactory
from tests.trajectories.factories import ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def database_text_containing(*needles: str) -> list[tuple[str, str]]:
    """Every (table, needle) where a needle occurs in any column of any row, binary columns
    included."""
    found = []
    wanted = [needle.casefold() for needle in needles if needle]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes):
                        text = bytes(value).decode("utf-8", "ignore")
                    else:
                        text = str(value)
                    for needle in wanted:
                        if needle in text.casefold():
                            found.append((table, needle))
    return sorted(set(found))


@pytest.fixture
def demo(settings):
    call_command("demo_data", "--force", stdout=io.StringIO())


def test_a_family_member_of_the_demo_is_gone_from_every_table_after_erasure(demo):
    person = (
        Participant.objects.exclude(email="").exclude(phone="").order_by("pk").first()
        or Participant.objects.exclude(email="").order_by("pk").first()
    )
    name, email, phone = person.name, person.email, person.phone
    assert database_text_containing(name, email)

    outcome = person_erase(email=email, name=name, actor=None)

    assert outcome.total > 0
    assert database_text_containing(name, email, phone) == []


def test_a_registrant_of_the_demo_is_gone_and_what_the_law_keeps_is_listed(demo):
    registration = Registration.objects.filter(seats=1, invoice_documents__isnull=False).first()
    full_name = f"{registration.first_name} {registration.last_name}"
    email = registration.email
    assert database_text_containing(full_name, email)

    outcome = person_erase(email=email, name=full_name, actor=None)

    left = database_text_containing(full_name, email)
    kept_tables = {
        "payments_banktransaction", "payments_payment", "payments_refund",
        "payments_statementimport", "payments_sepafile", "invoices_document",
    }  # fmt: skip
    assert [table for table, _needle in left if table not in kept_tables] == []
    assert left, "the demo registrant has an invoice, which the law keeps"
    assert {kept.where for kept in outcome.kept} == {"Facturen en creditnota's"}
    assert "7 jaar na het einde van het boekjaar" in outcome.kept[0].reason


def test_a_look_at_a_registrants_mail_leaves_no_address_in_the_audit_log_after_erasure(
    office_user,
):
    registration = RegistrationFactory(first_name="Griet", last_name="Bekeken")
    emails.send_received(registration)
    message = OutboxMessage.objects.get()
    outbox_viewed(message=message, actor=office_user)
    # Written before mails were personal objects: with the recipient and the subject.
    AuditEntry.objects.create(
        action="outbox.view",
        object_type="core.outboxmessage",
        object_id=str(message.pk),
        object_repr=str(message),
    )
    assert AuditEntry.objects.get(action="outbox.view", actor=office_user).object_repr == ""

    person_erase(email=registration.email, name="Griet Bekeken", actor=None)

    assert database_text_containing(registration.email, "Bekeken") == []


def test_an_erasure_request_closes_with_what_was_kept_and_keeps_no_name():
    registration = RegistrationFactory(first_name="Wannes", last_name="Uitgeveegd")
    office = UserFactory(role="office")
    request = PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE,
        received_on=registration.created_at.date(),
        requested_by="Wannes Uitgeveegd zelf",
        subject_name="Wannes Uitgeveegd",
        subject_email=registration.email,
        deadline=registration.created_at.date(),
    )

    privacy_request_erase(privacy_request=request, actor=office)

    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.ANSWERED
    assert "Uitgeveegd" not in request.requested_by and request.subject_email == ""
    assert database_text_containing("Wannes Uitgeveegd", registration.email) == []


def test_names_in_free_texts_of_a_trajectory_are_replaced():
    trajectory = TrajectoryFactory(concerns="Opa Gustaaf Verdonck belt elke dag.")
    ParticipantFactory(trajectory=trajectory, name="Gustaaf Verdonck", email="gv@example.be")

    person_erase(email="gv@example.be", name="Gustaaf Verdonck", actor=None)

    trajectory = Trajectory.objects.get(pk=trajectory.pk)
    assert "Verdonck" not in trajectory.concerns
    assert "[naam gewist]" in trajectory.concerns


def test_the_person_s_relation_goes_and_their_name_leaves_the_relations_of_others():
    trajectory = TrajectoryFactory()
    grandfather = ParticipantFactory(
        trajectory=trajectory,
        name="Gustaaf Verdonck",
        email="gv@example.be",
        relation="opa, vader van Lies Verdonck",
    )
    aunt = ParticipantFactory(trajectory=trajectory, relation="tante, zus van Gustaaf Verdonck")

    person_erase(email="gv@example.be", name="Gustaaf Verdonck", actor=None)

    grandfather.refresh_from_db()
    aunt.refresh_from_db()
    assert grandfather.relation == ""
    assert aunt.relation == "tante, zus van [naam gewist]"


def test_a_name_in_an_evaluations_open_answer_is_replaced():
    trajectory = TrajectoryFactory()
    ParticipantFactory(trajectory=trajectory, name="Gustaaf Verdonck", email="gv@example.be")
    ConferenceResponse.objects.create(
        trajectory=trajectory,
        group="family",
        submitted_on=dt.date(2026, 5, 4),
        language="nl-be",
        score_meeting=8,
        score_plan=7,
        score_coordinator=9,
        comment="Gustaaf Verdonck had het laatste woord.",
    )

    person_erase(email="gv@example.be", name="Gustaaf Verdonck", actor=None)

    assert ConferenceResponse.objects.get().comment == "[naam gewist] had het laatste woord."


def test_after_an_erasure_the_request_names_the_person_by_no_part_of_their_name():
    registration = RegistrationFactory(first_name="Ilse", last_name="Vanackere")
    request = PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE, received_on=registration.created_at.date(),
        requested_by="Ilse zelf, telefonisch", subject_name="Ilse Vanackere",
        subject_email=registration.email, deadline=registration.created_at.date(),
    )  # fmt: skip

    outcome = privacy_request_erase(privacy_request=request, actor=UserFactory(role="office"))

    request.refresh_from_db()
    assert "Ilse" not in request.requested_by
    assert request.outcome.endswith("Niets bewaard.") and not outcome.kept


def test_the_page_shows_a_namesake_the_second_search_finds_and_an_unticked_one_stays(
    office_client,
):
    registration = RegistrationFactory(
        first_name="Hanne", last_name="Wuyts", email="hanne.wuyts@example.org"
    )
    namesake = ParticipantFactory(name="Hanne Wuyts", phone="0470 11 22 33")  # someone else
    request = PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE, received_on=registration.created_at.date(),
        requested_by="Per mail", subject_name="H. Wuyts", subject_email=registration.email,
        deadline=registration.created_at.date(),
    )  # fmt: skip
    url = reverse("privacy:request_erase", args=[request.pk])

    page = office_client.get(url).content.decode()
    assert f'value="trajectory_participant:{namesake.pk}"' in page  # shown before, ticked
    office_client.post(url, {"erase": [f"registration:{registration.pk}"], "confirm": "on"})

    namesake.refresh_from_db()
    assert (namesake.name, namesake.phone) == ("Hanne Wuyts", "0470 11 22 33")
    assert Registration.objects.get(pk=registration.pk).first_name != "Hanne"


def test_a_name_only_an_unticked_record_gave_stays_in_the_texts():
    mine = RegistrationFactory(first_name="Hanne", last_name="Wuyts", email="hw@example.org")
    colleague = RegistrationFactory(first_name="Pieter", last_name="Maes", email="hw@example.org")
    trajectory = TrajectoryFactory(concerns="Pieter Maes en Hanne Wuyts komen samen.")
    ParticipantFactory(trajectory=trajectory, name="Hanne Wuyts", email="hw@example.org")

    chosen = {f"registration:{mine.pk}"} | {
        f"trajectory_participant:{p.pk}" for p in trajectory.participants.all()
    }
    person_erase(email="hw@example.org", name="Hanne Wuyts", actor=None, chosen=chosen)

    trajectory.refresh_from_db()
    assert trajectory.concerns == "Pieter Maes en [naam gewist] komen samen."
    assert Registration.objects.get(pk=colleague.pk).first_name == "Pieter"


def test_a_first_name_alone_does_not_widen_the_search():
    RegistrationFactory(first_name="Ann", last_name="Ooms", email="ann.ooms@example.be")
    mine = ParticipantFactory(name="Oma", email="ann.ooms@example.be")  # how a family named her
    other = ParticipantFactory(name="Oma", phone="0470 99 88 77")

    person_erase(email="ann.ooms@example.be", name="Ann Ooms", actor=None)

    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.name != "Oma"
    assert (other.name, other.phone) == ("Oma", "0470 99 88 77")


def test_a_name_in_a_training_evaluation_goes_with_the_erasure_and_all_with_retention():
    registration = RegistrationFactory(first_name="Griet", last_name="Verstraete")
    response = TrainingResponse.objects.create(
        training=registration.training, submitted_on=dt.date(2026, 5, 4), language="nl-be",
        score_content=8, score_trainer=8, score_organisation=8,
        comment="Griet Verstraete stelde goede vragen.",
    )  # fmt: skip

    person_erase(email=registration.email, name="Griet Verstraete", actor=None)
    response.refresh_from_db()
    assert response.comment == "[naam gewist] stelde goede vragen."

    registrations_anonymise([registration.pk])
    response.refresh_from_db()
    assert (response.comment, response.score_content) == ("", 8)


def test_the_migration_empties_the_answers_of_trainings_made_anonymous_before():
    gone = RegistrationFactory()
    kept = RegistrationFactory()
    registrations_anonymise([gone.pk])
    for registration in (gone, kept):
        TrainingResponse.objects.create(
            training=registration.training, submitted_on=dt.date(2024, 5, 4),
            language="nl-be", score_content=8, score_trainer=8, score_organisation=8,
            comment="Met dank aan Els.",
        )  # fmt: skip

    importlib.import_module(
        "eigenkracht.evaluations.migrations.0004_empty_old_training_comments"
    ).empty_comments(apps, None)

    comments = dict(TrainingResponse.objects.values_list("training_id", "comment"))
    assert comments == {gone.training_id: "", kept.training_id: "Met dank aan Els."}


def test_an_unticked_mail_to_the_person_s_own_address_stays():
    registration = RegistrationFactory(first_name="Koen", last_name="Desmet", email="kd@example.be")
    mail = OutboxMessage.objects.create(
        kind="registration_received", recipient="kd@example.be", subject="Ontvangen", body_text="-"
    )

    person_erase(
        email="kd@example.be",
        name="Koen Desmet",
        actor=None,
        chosen={f"registration:{registration.pk}"},
    )

    assert OutboxMessage.objects.filter(pk=mail.pk).exists()
