"""The staff search: one box that finds registrations, trajectories and trainings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.models import AuditEntry
from eigenkracht.payments.models import BankTransaction, Payment, StatementImport
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
URL = reverse("backoffice:search")


def _search(client, q: str, **extra) -> str:
    response = client.get(URL, {"q": q, **extra})
    assert response.status_code == 200
    return response.content.decode()


def test_a_registration_is_found_by_name_part_e_mail_and_code(office_client):
    registration = RegistrationFactory(
        first_name="Annelies", last_name="Vercauteren", email="annelies@kind.be"
    )
    RegistrationFactory(first_name="Bart", last_name="Peeters", email="bart@elders.be")
    link = reverse("trainings_backoffice:registration_detail", args=[registration.pk])

    for query in ("vercaut", "Annelies Vercauteren", "ANNELIES@kind", registration.code.lower()):
        page = _search(office_client, query)
        assert link in page, query
        assert "Bart" not in page, query


def test_a_registration_is_found_by_its_ogm_in_any_notation(office_client):
    registration = RegistrationFactory(first_name="Lotte")
    digits = registration.structured_communication
    for query in (
        ogm_display(digits),  # +++123/4567/89002+++
        digits,
        f"{digits[:3]} {digits[3:7]} {digits[7:]}",
        f"{digits[:3]}/{digits[3:7]}/{digits[7:]}",
    ):
        assert "Lotte" in _search(office_client, query), query


def test_a_registration_is_found_by_the_iban_that_paid_it(office_client):
    registration = RegistrationFactory(first_name="Wout")
    upload = StatementImport.objects.create(filename="u.cod", content=b"", sha256="x")
    transaction = BankTransaction.objects.create(
        statement_import=upload,
        account="BE68539007547034",
        bank_id="1",
        booking_date=timezone.localdate(),
        amount_cents=2000,
        counterparty_name="W. Maes",
        counterparty_iban="BE71096123456769",
        result=BankTransaction.Result.MATCHED,
    )
    Payment.objects.create(
        registration=registration,
        amount_cents=2000,
        paid_on=timezone.localdate(),
        source=Payment.Source.BANK,
        bank_transaction=transaction,
    )

    assert "Wout" in _search(office_client, "be71 0961 2345 6769")
    assert "Wout" not in _search(office_client, "BE68 5390 0754 7034")


def test_a_training_is_found_by_its_title_with_a_link_to_its_page(office_client):
    training = TrainingFactory(title="Netwerkversterking voor gevorderden")
    page = _search(office_client, "netwerkverst")
    assert reverse("trainings_backoffice:training_detail", args=[training.pk]) in page
    assert 'id="search-trainings"' in page


def test_the_office_finds_trajectories_by_reference_or_family_name_and_it_is_audited(
    office_client, office_user
):
    found = TrajectoryFactory(main_person="Emre Yilmaz", reference="EK-2026-04711")
    TrajectoryFactory(main_person="Sarah Janssens")

    by_name = _search(office_client, "yilmaz")
    assert reverse("trajectories:detail", args=[found.pk]) in by_name
    assert "Sarah Janssens" not in by_name
    assert "Emre Yilmaz" in _search(office_client, "2026-04711")

    entry = AuditEntry.objects.filter(action="trajectory.list", actor=office_user).latest("id")
    assert entry.data == {"page": "search", "ids": [str(found.pk)]}


def test_a_coordinator_finds_only_their_own_trajectories_and_no_registrations(client):
    mine = CoordinatorFactory()
    theirs = CoordinatorFactory()
    TrajectoryFactory(main_person="Kaat Wouters", status="preparation", coordinator=mine)
    TrajectoryFactory(main_person="Ward Wouters", status="preparation", coordinator=theirs)
    RegistrationFactory(first_name="Els", last_name="Wouters")
    TrainingFactory(title="Wouters en co")
    login_verified(client, mine.user)

    page = _search(client, "wouters")

    assert "Kaat Wouters" in page
    assert "Ward Wouters" not in page
    assert 'id="search-registrations"' not in page and "Els" not in page
    assert 'id="search-trainings"' not in page
    # Another group cannot be asked for either.
    assert "Els" not in _search(client, "wouters", soort="registrations")
    # Nor are they promised what they cannot find: their hints name trajectories only.
    assert "IBAN" not in page and "gestructureerde mededeling" not in page
    assert "Zoek een traject op referentie of naam" in page
    assert "Referentie of naam van een traject" in page


def test_a_referrer_or_a_trainer_may_not_search(client):
    login_verified(client, UserFactory(role="trainer", email="les@example.org"))
    assert client.get(URL, {"q": "wouters"}).status_code == 403


def test_a_too_short_or_empty_query_says_so_and_an_unknown_one_says_nothing_was_found(
    office_client,
):
    assert "Typ minstens 2 tekens" in _search(office_client, " a ")
    assert "Niets gevonden" not in _search(office_client, "")
    assert "Niets gevonden voor “qwxz”" in _search(office_client, "qwxz")
    long_and_odd = "%_\\'\"<script>" * 20
    assert "Niets gevonden" in _search(office_client, long_and_odd)
    assert "<script>" not in _search(office_client, long_and_odd)


def test_a_group_is_capped_with_a_link_to_all_and_that_page_is_paged(office_client):
    training = TrainingFactory()
    for _ in range(12):
        RegistrationFactory(training=training, first_name="Ines", last_name="Claes")

    page = _search(office_client, "claes")
    assert page.count('<li><a href="/beheer/vormingen/inschrijvingen/') == 8
    assert "Alle 12 inschrijvingen tonen" in page
    full = _search(office_client, "claes", soort="registrations")
    assert full.count('<li><a href="/beheer/vormingen/inschrijvingen/') == 12


def test_each_group_costs_the_same_number_of_queries_whatever_the_results(office_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _search(office_client, "peeters")
        return len(captured)

    TrajectoryFactory(main_person="An Peeters")
    RegistrationFactory(last_name="Peeters")
    TrainingFactory(title="Peeters")
    few = queries()
    coordinator = CoordinatorFactory()
    for n in range(6):
        TrajectoryFactory(
            main_person=f"Jan Peeters {n}",
            status="preparation",
            coordinator=coordinator,
            referred_at=timezone.now() - dt.timedelta(days=n),
        )
        RegistrationFactory(last_name="Peeters")
        TrainingFactory(title=f"Peeters {n}")
    assert queries() == few


def test_the_header_box_shows_for_those_who_may_search_and_works_without_script(rf, office_user):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    box = Template("{% load staff_search %}{% staff_search_box %}")
    request = rf.get("/beheer/")
    request.user = office_user
    html = box.render(Context({"request": request}))
    assert f'action="{URL}"' in html and 'method="get"' in html
    assert '<label for="staff-search-q">Zoeken</label>' in html
    assert "gestructureerde mededeling, code, IBAN" in html
    request.user = AnonymousUser()
    assert "<form" not in box.render(Context({"request": request}))
