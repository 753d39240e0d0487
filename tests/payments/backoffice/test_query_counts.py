"""The import page and the review queue cost the same number of queries whatever their size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.models import Organisation
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, OwnAccount
from tests.factories import RegistrationFactory
from tests.fixtures_gen.accounts import FRENCH_ACCOUNT
from tests.fixtures_gen.coda import CodaStatement, make_coda
from tests.payments.backoffice.files import coda_file, free_text_payment, ogm_payment

pytestmark = pytest.mark.django_db


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _import_of(count: int, number: int):
    """An import of `count` transfers: most paid by OGM, some by an ambiguous name, some unknown."""
    movements = []
    for index in range(count):
        if index % 5 == 3:
            movements.append(free_text_payment(2000, "vorming", name="Griet Peeters"))
        elif index % 5 == 4:
            movements.append(free_text_payment(1500, f"huur {index}"))
        else:
            movements.append(ogm_payment(RegistrationFactory()))
    return services.statement_import(
        data=coda_file(*movements, number=number), filename=f"{number}.cod", actor=None
    ).statement_import


@pytest.fixture
def namesakes():
    RegistrationFactory(first_name="Griet", last_name="Peeters")
    RegistrationFactory(first_name="Griet", last_name="Peeters")


def test_an_import_page_costs_the_same_with_5_or_50_transactions(
    office_client, namesakes, django_assert_num_queries
):
    small = _import_of(5, number=1)
    small_url = reverse("payments_backoffice:import_detail", args=[small.pk])
    office_client.get(small_url)  # warm up: the organisation row and the session exist from here
    with_five = _count_queries(office_client, small_url)

    large = _import_of(50, number=2)
    url = reverse("payments_backoffice:import_detail", args=[large.pk])

    with django_assert_num_queries(with_five):
        response = office_client.get(url)
    assert len(response.context["rows"]) == 50
    assert sum(len(row["registrations"]) for row in response.context["rows"]) == 30


def test_the_review_queue_costs_the_same_with_5_or_50_waiting(
    office_client, namesakes, django_assert_num_queries
):
    url = reverse("payments_backoffice:review_queue")
    services.statement_import(
        data=coda_file(
            *[free_text_payment(2000, "vorming", name="Griet Peeters") for _ in range(3)],
            *[free_text_payment(1500, "huur") for _ in range(2)],
            number=1,
        ),
        filename="1.cod",
        actor=None,
    )
    office_client.get(url)
    with_five = _count_queries(office_client, url)

    services.statement_import(
        data=coda_file(
            *[free_text_payment(2000, "vorming", name="Griet Peeters") for _ in range(25)],
            *[free_text_payment(1500, "huur") for _ in range(20)],
            number=2,
        ),
        filename="2.cod",
        actor=None,
    )

    with django_assert_num_queries(with_five):
        response = office_client.get(url)
    assert response.context["page_obj"].paginator.count == 50
    assert any(row["registration"] for row in response.context["rows"])


def test_a_transaction_page_costs_the_same_with_2_or_5_suggestions(
    office_client, django_assert_num_queries
):
    for _ in range(2):
        RegistrationFactory(first_name="Jan", last_name="Maes")
    services.statement_import(
        data=coda_file(free_text_payment(2000, "vorming", name="Jan Maes"), number=1),
        filename="1.cod",
        actor=None,
    )
    first = BankTransaction.objects.get()
    assert len(first.suggestions) == 2
    url = reverse("payments_backoffice:transaction_detail", args=[first.pk])
    office_client.get(url)
    with_two = _count_queries(office_client, url)
    for _ in range(3):
        RegistrationFactory(first_name="Jan", last_name="Maes")
    services.statement_import(
        data=coda_file(free_text_payment(2000, "vorming", name="Jan Maes"), number=2),
        filename="2.cod",
        actor=None,
    )
    second = BankTransaction.objects.latest("id")
    assert len(second.suggestions) == 5

    with django_assert_num_queries(with_two):
        office_client.get(reverse("payments_backoffice:transaction_detail", args=[second.pk]))


def _queries_to_import(data: bytes) -> int:
    with CaptureQueriesContext(connection) as context:
        services.statement_import(data=data, filename="x.cod", actor=None)
    return len(context.captured_queries)


def _queries_to_refuse(data: bytes) -> int:
    with CaptureQueriesContext(connection) as context, pytest.raises(services.AccountNotOurs):
        services.statement_import(data=data, filename="x.cod", actor=None)
    return len(context.captured_queries)


def test_checking_the_account_costs_two_queries_whatever_the_file_or_our_accounts():
    Organisation.current()

    def french(count: int, number: int) -> bytes:
        movements = [free_text_payment(2000, f"huur {i}") for i in range(count)]
        return make_coda([CodaStatement(FRENCH_ACCOUNT, movements=movements, number=number)])

    assert _queries_to_refuse(french(5, 1)) == 2  # the organisation's IBAN and our list
    for iban in ("BE43068999999501", "BE71096123456769", "BE62510007547061"):
        OwnAccount.objects.create(iban=iban)
    assert _queries_to_refuse(french(50, 2)) == 2


def test_an_import_costs_the_same_with_no_or_several_accounts_of_ours():
    Organisation.current()
    without = _queries_to_import(coda_file(free_text_payment(1500, "huur"), number=1))
    for iban in ("BE43068999999501", "BE71096123456769", "BE62510007547061"):
        OwnAccount.objects.create(iban=iban)

    assert _queries_to_import(coda_file(free_text_payment(1500, "huur"), number=2)) == without


def test_the_import_list_costs_the_same_with_2_or_12_imports(
    office_client, django_assert_num_queries
):
    url = reverse("payments_backoffice:import_list")
    for number in (1, 2):
        _import_of(3, number=number)
    office_client.get(url)
    with_two = _count_queries(office_client, url)

    for number in range(3, 13):
        _import_of(3, number=number)

    with django_assert_num_queries(with_two):
        response = office_client.get(url)
    assert len(response.context["rows"]) == 12


def _own_accounts(count: int, start: int) -> None:
    from stdnum import iban

    for number in range(start, start + count):
        account = f"{number:010d}"
        bban = account + f"{int(account) % 97 or 97:02d}"
        OwnAccount.objects.create(iban=f"BE{iban.calc_check_digits('BE00' + bban)}{bban}")


def test_our_accounts_cost_the_same_with_2_or_12(manager_client, django_assert_num_queries):
    url = reverse("payments_backoffice:own_account_list")
    _own_accounts(2, start=1_000_000)
    manager_client.get(url)
    with_two = _count_queries(manager_client, url)

    _own_accounts(10, start=2_000_000)

    with django_assert_num_queries(with_two):
        response = manager_client.get(url)
    html = response.content.decode()
    assert all(account.iban_display in html for account in OwnAccount.objects.all())
    assert OwnAccount.objects.count() == 12
