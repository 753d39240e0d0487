"""The coordinator's and the office's pages: declaring from a phone, refusals, who sees what, the
payout file and the statement that marks it paid, the nominative list and the command."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from eigenkracht.allowances import services
from eigenkracht.allowances.models import Declaration, Payout, PayoutAccount
from eigenkracht.payments import services as payments
from eigenkracht.payments.models import BankTransaction
from tests.allowances.conftest import DAY, EARLY, YEAR
from tests.core.pdf_reader import pdf_text
from tests.factories import UserFactory
from tests.fixtures_gen.coda import CodaMovement
from tests.payments.backoffice.files import coda_file
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
HOME = reverse("allowances:home")
QUEUE = reverse("allowances_office:queue")
COORDINATOR_IBAN = "BE71096123456769"


def declare(client, kind, **data):
    return client.post(reverse("allowances:declare", args=[kind]), data)


def test_the_coordinator_declares_a_day_from_their_page(coordinator_client, trajectory, flat):
    page = coordinator_client.get(HOME + f"?jaar={YEAR}")
    assert "Forfaitaire vergoeding" in page.content.decode()

    response = declare(coordinator_client, "day", trajectory=trajectory.pk, on="2025-03-10")

    assert response.status_code == 302
    page = coordinator_client.get(HOME + f"?jaar={YEAR}").content.decode()
    assert "€ 42,31" in page and "Ingediend" in page
    # An amount in a sentence stays on one line on a phone ("€" / "42,31" read badly).
    assert 'Al aangegeven: <span class="nowrap">€ 42,31</span>' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "2999-01-01"}, "in de toekomst"),
        ({"on": "niet-een-datum"}, "geldige datum"),
        ({"on": "2025-03-10", "trajectory": "999999"}, "geldige keuze"),
    ],
)
def test_bad_input_answers_200_with_the_error_and_writes_nothing(
    coordinator_client, trajectory, flat, data, message
):
    response = declare(coordinator_client, "day", **{"trajectory": trajectory.pk, **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_trip_sent_twice_from_one_form_is_declared_once(coordinator_client, trajectory, real):
    page = coordinator_client.get(reverse("allowances:declare", args=["km"])).content.decode()
    token = re.search(r'name="once" value="([^"]+)"', page).group(1)
    trip = {"trajectory": trajectory.pk, "on": "2025-03-10", "km": "12", "once": token}
    trip |= {"route_from": "Gent", "route_to": "Aalst"}

    first = declare(coordinator_client, "km", **trip)
    again = declare(coordinator_client, "km", **trip)

    assert first.status_code == again.status_code == 302
    assert Declaration.objects.count() == 1
    assert "Je aangifte is ingediend." in coordinator_client.get(again.url).content.decode()


def test_a_day_over_the_cap_is_refused_on_the_page_in_dutch(coordinator_client, trajectory, flat):
    other = TrajectoryFactory(coordinator=trajectory.coordinator, referred_at=EARLY)
    declare(coordinator_client, "day", trajectory=trajectory.pk, on="2025-03-10")

    response = declare(coordinator_client, "day", trajectory=other.pk, on="2025-03-10")

    assert response.status_code == 200
    assert "boven het maximum van € 42,31 per dag" in response.content.decode()
    assert Declaration.objects.count() == 1


def test_another_coordinators_trajectory_is_not_a_choice(coordinator_client, flat):
    stranger = TrajectoryFactory(coordinator=CoordinatorFactory(), referred_at=EARLY)
    response = declare(coordinator_client, "day", trajectory=stranger.pk, on="2025-03-10")
    assert response.status_code == 200
    assert not Declaration.objects.exists()


def receipt(name="ticket.pdf", content=b"%PDF-1.4 a receipt"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_receipt_is_checked_by_its_content_and_shown_only_to_its_owner_and_the_office(
    client, coordinator_client, trajectory, real, office_user
):
    fake = declare(
        coordinator_client,
        "cost",
        trajectory=trajectory.pk,
        on="2025-03-10",
        amount="12,50",
        description="Parking",
        receipt=receipt(content=b"MZ\x90\x00 not a pdf"),
    )
    assert fake.status_code == 200
    assert "foto (JPEG of PNG) of een PDF" in fake.content.decode()
    assert not Declaration.objects.exists()

    declare(
        coordinator_client,
        "cost",
        trajectory=trajectory.pk,
        on="2025-03-10",
        amount="12,50",
        description="Parking",
        receipt=receipt(),
    )
    declaration = Declaration.objects.get()
    url = reverse("allowances:receipt", args=[declaration.pk])
    own = coordinator_client.get(url)
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own["Cache-Control"] == "private, no-store"

    login_verified(client, office_user)
    assert client.get(url).status_code == 200
    login_verified(client, CoordinatorFactory().user)
    assert client.get(url).status_code == 404
    login_verified(client, UserFactory(role="referrer", email="ref@example.org"))
    assert client.get(url).status_code == 404


def test_other_roles_get_404_and_a_visitor_is_asked_to_log_in(client, office_user, coordinator):
    assert "/account/aanmelden/" in client.get(QUEUE)["Location"]
    login_verified(client, office_user)
    assert client.get(HOME).status_code == 404
    login_verified(client, coordinator.user)
    assert client.get(QUEUE).status_code == 404
    assert client.get(reverse("allowances_office:year", args=[YEAR])).status_code == 404
    login_verified(client, UserFactory(role="referrer", email="ref@example.org"))
    assert client.get(HOME).status_code == 404
    assert client.get(QUEUE).status_code == 404


def _approved_days(count: int, office_user) -> None:
    for _ in range(count):
        coordinator = CoordinatorFactory()
        trajectory = TrajectoryFactory(coordinator=coordinator, referred_at=EARLY)
        services.year_system_choose(
            coordinator=coordinator, year=YEAR, system="flat", actor=office_user
        )
        services.payout_account_set(
            coordinator=coordinator,
            holder="Karim El Amrani",
            iban=COORDINATOR_IBAN,
            actor=coordinator.user,
        )
        for offset in range(2):
            declaration = services.declaration_create(
                coordinator=coordinator,
                trajectory=trajectory,
                kind="day",
                on=DAY + dt.timedelta(days=offset),
                actor=coordinator.user,
            )
            if offset == 0:
                services.declaration_approve(declaration=declaration, actor=office_user)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_office_list_costs_the_same_queries_for_more_declarations(
    office_client, office_user, caps
):
    _approved_days(1, office_user)
    few = _queries(office_client, QUEUE)
    _approved_days(5, office_user)
    assert _queries(office_client, QUEUE) == few
    year_page = reverse("allowances_office:year", args=[YEAR])
    few = _queries(office_client, year_page)
    _approved_days(3, office_user)
    assert _queries(office_client, year_page) == few


def test_returning_without_a_reason_answers_200_and_changes_nothing(
    office_client, coordinator, trajectory, flat
):
    declaration = services.declaration_create(
        coordinator=coordinator, trajectory=trajectory, kind="day", on=DAY, actor=coordinator.user
    )
    response = office_client.post(
        reverse("allowances_office:send_back", args=[declaration.pk]),
        {f"d{declaration.pk}-reason": ""},
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_approved_amounts_are_paid_by_one_file_that_the_statement_marks_paid(
    office_client, office_user, caps
):
    _approved_days(2, office_user)

    response = office_client.post(
        reverse("allowances_office:payout_make"), {"execution_date": dt.date.today().isoformat()}
    )
    assert response.status_code == 302
    payout = Payout.objects.get()
    xml = office_client.get(reverse("allowances_office:payout_download", args=[payout.pk]))
    assert xml["Content-Disposition"].startswith("attachment")
    tree = etree.fromstring(b"".join(xml.streaming_content) if xml.streaming else xml.content)
    ns = {"p": tree.nsmap[None]}
    ids = tree.xpath("//p:EndToEndId/text()", namespaces=ns)
    assert len(ids) == 2
    assert tree.xpath("//p:CtrlSum/text()", namespaces=ns)[0] == "84.62"
    office_client.post(reverse("allowances_office:payout_sent", args=[payout.pk]))
    payout.refresh_from_db()
    assert payout.status == Payout.Status.SENT

    payments.statement_import(
        data=coda_file(
            CodaMovement(
                amount_cents=-4231,
                counterparty_name="Karim El Amrani",
                counterparty_iban=COORDINATOR_IBAN,
                text="Vrijwilligersvergoeding",
                customer_reference=ids[0],
            ),
            number=9,
        ),
        filename="uittreksel-9.cod",
        actor=office_user,
    )

    paid = payout.lines.get(end_to_end_id=ids[0])
    assert paid.paid_at is not None
    assert set(paid.declarations.values_list("status", flat=True)) == {"paid"}
    other = payout.lines.get(end_to_end_id=ids[1])
    assert set(other.declarations.values_list("status", flat=True)) == {"approved"}
    transaction = BankTransaction.objects.get(pk=paid.bank_transaction_id)
    assert "Uitbetaling" in transaction.reason_display
    assert "1 betaald" in office_client.get(QUEUE).content.decode()

    # The statement undone: the line waits for the next one again.
    payments.statement_import_undo(statement_import=transaction.statement_import, actor=None)
    paid.refresh_from_db()
    assert (paid.paid_at, paid.bank_transaction_id) == (None, None)
    assert set(paid.declarations.values_list("status", flat=True)) == {"approved"}
    assert "1 betaald" not in office_client.get(QUEUE).content.decode()


def test_the_newest_payout_file_is_listed_first_with_its_name(office_client, office_user, caps):
    _approved_days(2, office_user)
    for _file in range(2):
        office_client.post(
            reverse("allowances_office:payout_make"),
            {"execution_date": dt.date.today().isoformat()},
        )
        Declaration.objects.filter(payout_line__isnull=False).update(payout_line=None)

    page = office_client.get(QUEUE).content.decode()

    older, newer = Payout.objects.order_by("pk")
    assert page.index(newer.filename) < page.index(older.filename)


def test_a_file_not_uploaded_can_be_withdrawn_and_its_amounts_go_in_the_next(
    office_client, office_user, caps
):
    _approved_days(2, office_user)
    make = reverse("allowances_office:payout_make")
    office_client.post(make, {"execution_date": dt.date.today().isoformat()})
    first = Payout.objects.get()

    office_client.post(reverse("allowances_office:payout_withdraw", args=[first.pk]))

    first.refresh_from_db()
    assert first.status == Payout.Status.WITHDRAWN
    assert "Ingetrokken" in office_client.get(QUEUE).content.decode()
    download = reverse("allowances_office:payout_download", args=[first.pk])
    assert office_client.get(download).status_code == 404  # it would pay them twice
    assert download not in office_client.get(QUEUE).content.decode()
    office_client.post(make, {"execution_date": dt.date.today().isoformat()})
    second = Payout.objects.exclude(pk=first.pk).get()
    assert second.total_cents == first.total_cents
    again = office_client.post(reverse("allowances_office:payout_withdraw", args=[first.pk]))
    assert again.status_code == 302 and Payout.objects.get(pk=first.pk).status == "withdrawn"


def test_a_year_out_of_range_is_not_found(coordinator_client):
    response = coordinator_client.post(
        reverse("allowances:elsewhere", args=[99999]), {"amount": "10", "days": "1"}
    )
    assert response.status_code == 404


def test_no_account_no_payout_and_the_page_says_who_waits(
    office_client, coordinator, trajectory, flat, office_user
):
    declaration = services.declaration_create(
        coordinator=coordinator, trajectory=trajectory, kind="day", on=DAY, actor=coordinator.user
    )
    services.declaration_approve(declaration=declaration, actor=office_user)

    page = office_client.get(QUEUE).content.decode()
    assert "Nog zonder rekeningnummer" in page
    response = office_client.post(
        reverse("allowances_office:payout_make"), {"execution_date": dt.date.today().isoformat()}
    )
    assert response.status_code == 200
    assert "Er is niets goedgekeurd" in response.content.decode()
    assert not Payout.objects.exists()


def test_the_coordinator_fills_in_their_account_and_a_bad_iban_is_refused(coordinator_client):
    bad = coordinator_client.post(
        reverse("allowances:account"), {"holder": "Karim", "iban": "BE00 1234"}
    )
    assert bad.status_code == 200
    assert "de controlecijfers passen niet bij het nummer" in bad.content.decode()
    outside = coordinator_client.post(
        reverse("allowances:account"),
        {"holder": "Karim", "iban": "BR1800360305000010009795493C1"},
    )
    assert "buiten de SEPA-zone" in outside.content.decode()
    assert not PayoutAccount.objects.exists()
    coordinator_client.post(
        reverse("allowances:account"), {"holder": "Karim", "iban": "BE71 0961 2345 6769"}
    )
    assert PayoutAccount.objects.get().iban == COORDINATOR_IBAN


def test_the_nominative_list_shows_each_day_and_the_totals(office_client, office_user, caps):
    _approved_days(2, office_user)

    pdf = office_client.get(reverse("allowances_office:nominative_pdf", args=[YEAR]))
    text = pdf_text(pdf.content)
    assert "Nominatieve lijst" in text and "10/03/2025" in text and "€ 42,31" in text
    xlsx = office_client.get(reverse("allowances_office:nominative_xlsx", args=[YEAR]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row == 3  # a header and one approved day for each of the two coordinators


def test_the_coordinator_downloads_their_own_yearly_overview(
    coordinator_client, coordinator, trajectory, flat, office_user
):
    declaration = services.declaration_create(
        coordinator=coordinator, trajectory=trajectory, kind="day", on=DAY, actor=coordinator.user
    )
    services.declaration_approve(declaration=declaration, actor=office_user)

    pdf = coordinator_client.get(reverse("allowances:overview_pdf", args=[YEAR]))

    assert pdf["Content-Type"] == "application/pdf"
    assert "Jaaroverzicht" in pdf_text(pdf.content)


def test_the_command_prints_each_coordinators_year_as_json(office_user, caps):
    _approved_days(1, office_user)
    out = io.StringIO()

    call_command("volunteer_allowances", "--year", str(YEAR), "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["year"] == YEAR
    assert data["caps"] == {
        "day_cap_cents": 4231,
        "year_cap_cents": 169251,
        "day_amount_cents": 4231,
    }
    (line,) = data["coordinators"]
    assert line["system"] == "flat" and line["days"] == 1 and line["flat_cents"] == 4231
    assert line["paid_cents"] == 0 and line["km"] == 0 and line["real_cents"] == 0


def test_the_published_caps_are_there_with_their_source_and_2025_is_marked_to_check():
    from eigenkracht.allowances.models import YearCaps

    caps_2024 = YearCaps.objects.get(year=2024)
    assert (caps_2024.day_cap_cents, caps_2024.year_cap_cents) == (4148, 165929)
    assert "vlaanderenvrijwilligt.be" in caps_2024.source
    assert "Te controleren" in YearCaps.objects.get(year=2025).source


def test_the_office_keeps_the_years_numbers_and_bad_ones_change_nothing(office_client, caps):
    url = reverse("allowances_office:caps_save", args=[YEAR])
    bad = office_client.post(
        url, {"day_cap": "42,31", "year_cap": "1692,51", "day_amount": "50", "source": ""}
    )
    assert bad.status_code == 200
    assert "mag het dagmaximum niet passeren" in bad.content.decode()
    caps.refresh_from_db()
    assert caps.day_amount_cents == 4231

    office_client.post(
        url, {"day_cap": "42,31", "year_cap": "1692,51", "day_amount": "30", "source": "KB"}
    )
    caps.refresh_from_db()
    assert caps.day_amount_cents == 3000
    from eigenkracht.allowances.models import KmRate

    too_much = office_client.post(
        reverse("allowances_office:km_rate_save", args=[YEAR]), {"km-quarter": "2", "km-rate": "42"}
    )
    assert too_much.status_code == 200
    assert not KmRate.objects.filter(year=YEAR, quarter=2).exists()
    office_client.post(
        reverse("allowances_office:km_rate_save", args=[YEAR]),
        {"km-quarter": "2", "km-rate": "0,4265"},
    )
    assert str(KmRate.objects.get(year=YEAR, quarter=2).rate) == "0.4265"


def test_choosing_a_second_system_on_the_page_is_refused_in_dutch(
    office_client, coordinator, trajectory, flat
):
    services.declaration_create(
        coordinator=coordinator, trajectory=trajectory, kind="day", on=DAY, actor=coordinator.user
    )
    response = office_client.post(
        reverse("allowances_office:system_choose", args=[YEAR]),
        {"coordinator": coordinator.pk, "system": "real"},
    )
    assert response.status_code == 200
    assert "Per kalenderjaar geldt één systeem" in response.content.decode()
    assert coordinator.allowance_systems.get(year=YEAR).system == "flat"


def test_amounts_not_yet_checked_are_said_where_they_apply(office_client, caps):
    caps.source = "Te controleren: nog niet nagekeken in een officiële bron."
    caps.save()

    year_page = office_client.get(reverse("allowances_office:year", args=[YEAR]))

    assert "nog niet nagekeken in een officiële bron" in year_page.content.decode()
    assert year_page.content.decode().count('id="id_source"') == 1  # the km form has its own
