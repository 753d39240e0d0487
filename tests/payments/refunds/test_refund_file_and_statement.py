"""The office pays refunds with one SEPA file; the next statement marks them done."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments import services as payments
from eigenkracht.payments.bookkeeping.builders import Period, bank_totals
from eigenkracht.payments.exports.builders import refunds_queryset
from eigenkracht.payments.models import BankTransaction, Refund, SepaFile, StatementImport
from eigenkracht.payments.refunds import services as refunds
from eigenkracht.trainings import services as trainings
from eigenkracht.trainings.exports.builders import Scope
from eigenkracht.trainings.models import Registration
from tests.core.pdf_reader import pdf_text
from tests.factories import RegistrationFactory, TrainingFactory
from tests.fixtures_gen.coda import CodaMovement
from tests.payments.backoffice.files import PAYER_IBAN, coda_file
from tests.payments.refunds.test_refunds_due import paid_by_bank
from tests.trainings.links import registrant_url

pytestmark = pytest.mark.django_db
REFUNDS = reverse("payments_backoffice:refund_list")


def refund_due(office_user, *, fee_cents=6000, number=1) -> Refund:
    registration = paid_by_bank(
        RegistrationFactory(training=TrainingFactory(fee_cents=fee_cents)), number=number
    )
    trainings.registration_cancel(registration=registration, actor=office_user)
    return Refund.objects.get(registration=registration)


def make_file(office_client, *refunds: Refund):
    return office_client.post(
        reverse("payments_backoffice:sepa_file_make"),
        {
            "refunds": [r.pk for r in refunds],
            "execution_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "schema": "pain.001.001.09",
        },
        follow=True,
    )


def test_the_refunds_page_lists_what_is_due_with_a_choice_box(office_client, office_user):
    refund = refund_due(office_user)

    html = office_client.get(REFUNDS).content.decode()

    assert "€ 60,00" in html
    assert refund.registration.code in html
    assert f'name="refunds" value="{refund.pk}"' in html


def test_an_overdue_refund_shows_on_the_page_and_the_dashboard(office_client, office_user):
    refund = refund_due(office_user)
    Refund.objects.filter(pk=refund.pk).update(deadline=timezone.localdate() - dt.timedelta(1))

    due = office_client.get(REFUNDS).content.decode()
    overdue = office_client.get(REFUNDS + "?toon=overdue").content.decode()
    home = office_client.get(reverse("backoffice:home")).content.decode()

    assert "1 terugbetaling is over de termijn." in due
    assert refund.registration.code in overdue
    assert 'href="?toon=overdue" aria-current="page"' in overdue
    assert '<strong class="count">1</strong> <span>terugbetaling voorbij de termijn' in home


def test_one_file_pays_the_chosen_refunds_and_they_are_sent_once_uploaded(
    office_client, office_user
):
    first, second = refund_due(office_user, number=1), refund_due(office_user, number=2)

    page = make_file(office_client, first, second)

    sepa_file = SepaFile.objects.get()
    assert "Het bestand is klaar" in page.content.decode()
    xml = office_client.get(
        reverse("payments_backoffice:sepa_file_download", args=[sepa_file.pk])
    ).content
    tree = etree.fromstring(xml)
    ids = [n.text for n in tree.iter("{*}EndToEndId")]
    assert ids == [first.end_to_end_id, second.end_to_end_id]
    assert next(n.text for n in tree.iter("{*}CtrlSum")) == "120.00"
    first.refresh_from_db()
    assert first.status == Refund.Status.DUE  # not sent until the bank has it

    sent_url = reverse("payments_backoffice:sepa_file_sent", args=[sepa_file.pk])
    untick = office_client.post(sent_url)
    assert "Vink aan dat je het bestand opgeladen en goedgekeurd hebt" in untick.content.decode()
    assert not OutboxMessage.objects.filter(kind="refund_sent").exists()

    office_client.post(sent_url, {"uploaded": "on"})
    second_tab = office_client.post(sent_url, follow=True)

    assert "Dit bestand werd al als verstuurd gemarkeerd of ingetrokken." in (
        second_tab.content.decode()
    )
    assert set(Refund.objects.values_list("status", flat=True)) == {Refund.Status.SENT}
    mails = OutboxMessage.objects.filter(kind="refund_sent")
    assert sorted(m.recipient for m in mails) == sorted(
        [first.registration.email, second.registration.email]
    )
    assert "BE71 0961 2345 6769" in mails[0].body_text


def test_a_withdrawn_file_puts_its_refunds_back_as_due(office_client, office_user):
    refund = refund_due(office_user)
    make_file(office_client, refund)
    sepa_file = SepaFile.objects.get()

    office_client.post(reverse("payments_backoffice:sepa_file_withdraw", args=[sepa_file.pk]))

    refund.refresh_from_db()
    assert (refund.status, refund.sepa_file) == (Refund.Status.DUE, None)
    assert not OutboxMessage.objects.filter(kind="refund_sent").exists()
    download = reverse("payments_backoffice:sepa_file_download", args=[sepa_file.pk])
    assert office_client.get(download).status_code == 404  # uploading it too would pay twice
    assert f'value="{refund.pk}"' in office_client.get(REFUNDS).content.decode()


def test_no_choice_makes_no_file_and_says_why(office_client, office_user):
    refund_due(office_user)

    page = make_file(office_client)

    assert page.status_code == 400
    assert "Kies minstens één terugbetaling." in page.content.decode()
    assert not SepaFile.objects.exists()


def test_a_past_execution_date_is_refused_next_to_the_date_and_the_choice_is_kept(
    office_client, office_user
):
    refund = refund_due(office_user)

    page = office_client.post(
        reverse("payments_backoffice:sepa_file_make"),
        {"refunds": [refund.pk], "execution_date": "2020-01-01", "schema": "pain.001.001.09"},
    )

    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_execution_date_error"><li>Kies vandaag of een dag in de toekomst.' in html
    assert f'value="{refund.pk}" id="refund-{refund.pk}" checked' in html
    assert not SepaFile.objects.exists()


def test_a_hand_made_request_gets_an_answer_not_an_error(office_client, office_user):
    refund = refund_due(office_user)
    tx = refund.paid_by

    bad_file = office_client.post(
        reverse("payments_backoffice:sepa_file_make"),
        {"refunds": ["abc"], "execution_date": "x", "schema": "pain.999"},
    )
    bad_refund = office_client.post(
        reverse("payments_backoffice:transaction_refund", args=[tx.pk]), {"registration": "abc"}
    )
    nonsense_tab = office_client.get(REFUNDS + "?toon=nonsense&page=abc")

    assert bad_file.status_code == 400
    assert bad_refund.status_code in (302, 404)
    assert nonsense_tab.status_code == 200


def sent(office_client, office_user, **kwargs) -> Refund:
    refund = refund_due(office_user, **kwargs)
    make_file(office_client, refund)
    office_client.post(
        reverse("payments_backoffice:sepa_file_sent", args=[SepaFile.objects.latest("id").pk]),
        {"uploaded": "on"},
    )
    refund.refresh_from_db()
    return refund


def outgoing(refund: Refund, **kwargs) -> CodaMovement:
    return CodaMovement(
        amount_cents=-refund.amount_cents,
        counterparty_name=refund.payee_name[:35],
        counterparty_iban=refund.payee_iban,
        **kwargs,
    )


def _paid_on_statement_9(refund: Refund, office_user) -> None:
    payments.statement_import(
        data=coda_file(
            outgoing(refund, text="Terugbetaling", customer_reference=refund.end_to_end_id),
            number=9,
        ),
        filename="uittreksel-9.cod",
        actor=office_user,
    )


def test_the_next_statement_recognises_the_refund_by_its_end_to_end_id(office_client, office_user):
    refund = sent(office_client, office_user)

    _paid_on_statement_9(refund, office_user)

    refund.refresh_from_db()
    assert refund.status == Refund.Status.DONE
    assert refund.done_by.amount_cents == -refund.amount_cents
    assert refund.done_by.result == BankTransaction.Result.REFUND
    assert "end-to-end" in refund.done_by.reason_display
    page = office_client.get(reverse("payments_backoffice:refund_detail", args=[refund.pk]))
    assert (
        reverse("payments_backoffice:transaction_detail", args=[refund.done_by.pk])
        in page.content.decode()
    )
    transaction_page = office_client.get(
        reverse("payments_backoffice:transaction_detail", args=[refund.done_by.pk])
    ).content.decode()
    assert reverse("payments_backoffice:refund_detail", args=[refund.pk]) in transaction_page


def test_undoing_the_statement_puts_the_refund_back_on_its_way(office_client, office_user):
    refund = sent(office_client, office_user)
    _paid_on_statement_9(refund, office_user)

    payments.statement_import_undo(
        statement_import=StatementImport.objects.get(filename="uittreksel-9.cod"), actor=office_user
    )

    refund.refresh_from_db()
    assert (refund.status, refund.done_at, refund.done_by) == (Refund.Status.SENT, None, None)


def test_without_the_id_the_account_amount_and_communication_recognise_it(
    office_client, office_user
):
    refund = sent(office_client, office_user)

    payments.statement_import(
        data=coda_file(outgoing(refund, text=refund.communication[:100]), number=9),
        filename="uittreksel-9.cod",
        actor=office_user,
    )

    refund.refresh_from_db()
    assert refund.status == Refund.Status.DONE


def test_an_outgoing_transfer_that_pays_no_refund_stays_ignored(office_client, office_user):
    refund = sent(office_client, office_user)

    payments.statement_import(
        data=coda_file(
            CodaMovement(
                amount_cents=-refund.amount_cents,
                counterparty_iban=PAYER_IBAN,
                text="Huur zaal december",
            ),
            number=9,
        ),
        filename="uittreksel-9.cod",
        actor=office_user,
    )

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SENT
    assert BankTransaction.objects.get(amount_cents__lt=0).result == "ignored"


def test_the_registrant_gives_the_missing_account_on_their_page(client, office_user):
    registration = RegistrationFactory()
    payments.registration_mark_paid(
        registration=registration,
        amount_cents=2000,
        paid_on=timezone.localdate(),
        actor=office_user,
        note="cash",
    )
    trainings.registration_cancel(registration=registration, actor=office_user)

    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert "we kennen je rekeningnummer niet" in page

    form = reverse("trainings:self_service:refund_account", args=[registration.code])
    bad = client.post(form, {"name": "Marie", "iban": "BE00 1234"})
    assert bad.status_code == 200
    assert not Refund.objects.exclude(payee_iban="").exists()

    client.post(form, {"name": "Marie Janssens", "iban": "BE71 0961 2345 6769"})

    refund = Refund.objects.get()
    assert (refund.payee_name, refund.payee_iban) == ("Marie Janssens", "BE71096123456769")
    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert "terug op rekening BE71 0961 2345 6769" in page
    assert 'value="BE71 0961 2345 6769"' in client.get(form).content.decode()  # to correct

    refunds.sepa_file_make(
        refund_ids=[refund.pk], actor=office_user, execution_date=timezone.localdate()
    )
    on_its_way = client.get(form, follow=True).content.decode()  # nothing left to change
    assert "Er is geen rekeningnummer meer in te vullen." in on_its_way


def test_staff_send_back_money_for_a_cancelled_registration_from_the_review_queue(
    office_client, office_user
):
    registration = RegistrationFactory()
    trainings.registration_cancel(registration=registration, actor=office_user)
    payments.statement_import(
        data=coda_file(
            CodaMovement(
                amount_cents=2000,
                ogm=registration.structured_communication,
                counterparty_name="Marie Janssens",
                counterparty_iban=PAYER_IBAN,
            )
        ),
        filename="x.cod",
        actor=office_user,
    )
    tx = BankTransaction.objects.get(result="review")
    refund_url = reverse("payments_backoffice:transaction_refund", args=[tx.pk])
    assert office_client.post(refund_url, {"registration": "abc"}).status_code == 302
    assert not Refund.objects.exists()

    office_client.post(
        reverse("payments_backoffice:transaction_refund", args=[tx.pk]),
        {"registration": registration.pk},
    )

    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == (Refund.Cause.NOT_ACTIVE, 2000)
    assert (refund.payee_iban, refund.paid_by) == (PAYER_IBAN, tx)
    tx.refresh_from_db()
    assert tx.result == BankTransaction.Result.TO_REFUND
    assert (
        not office_client.get(reverse("payments_backoffice:review_queue"))
        .context["page_obj"]
        .paginator.count
    )


def test_the_receipt_of_a_cancelled_registration_shows_paid_refunded_and_the_balance(
    client, office_client, office_user
):
    refund = sent(office_client, office_user, fee_cents=6000)
    registration = refund.registration

    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert "We gaven de bank de opdracht om je € 60,00 terug te storten op rekening" in page
    response = client.get(reverse("trainings:self_service:receipt", args=[registration.code]))

    text = pdf_text(response.content)
    assert "GEANNULEERD" in text
    assert "Teruggestort" in text and "Saldo" in text
    assert "€ 60,00" in text and "€ 0,00" in text


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_refunds_page_and_a_files_page_take_the_same_queries_for_2_or_12_refunds(
    office_client, office_user
):
    refunds = [refund_due(office_user, number=n) for n in (1, 2)]
    make_file(office_client, *refunds)
    small = (
        _queries(office_client, REFUNDS),
        _queries(
            office_client,
            reverse("payments_backoffice:sepa_file_detail", args=[SepaFile.objects.get().pk]),
        ),
    )

    more = [refund_due(office_user, number=n) for n in range(3, 13)]
    make_file(office_client, *more)
    large = (
        _queries(office_client, REFUNDS),
        _queries(
            office_client,
            reverse(
                "payments_backoffice:sepa_file_detail", args=[SepaFile.objects.latest("id").pk]
            ),
        ),
    )

    assert small == large


def cancelled_after_paying_by_hand(office_user) -> Refund:
    """Paid in cash, then cancelled: the refund waits for an account."""
    registration = RegistrationFactory()
    payments.registration_mark_paid(
        registration=registration,
        amount_cents=2000,
        paid_on=timezone.localdate(),
        actor=office_user,
        note="cash",
    )
    trainings.registration_cancel(registration=registration, actor=office_user)
    return Refund.objects.get()


def test_our_own_account_is_refused_as_a_payee(office_client, office_user):
    refund = cancelled_after_paying_by_hand(office_user)

    page = office_client.post(
        reverse("payments_backoffice:refund_detail", args=[refund.pk]),
        {"action": "account", "name": "Wij", "iban": "BE68 5390 0754 7034"},
        follow=True,
    )

    assert "Dit is een rekening van de organisatie zelf." in page.content.decode()
    refund.refresh_from_db()
    assert refund.payee_iban == ""


def test_an_account_outside_the_sepa_zone_is_refused_as_a_payee(office_client, office_user):
    refund = cancelled_after_paying_by_hand(office_user)

    page = office_client.post(
        reverse("payments_backoffice:refund_detail", args=[refund.pk]),
        {"action": "account", "name": "Ana", "iban": "BR18 0036 0305 0000 1000 9795 493C 1"},
    )

    assert "het land ligt buiten de SEPA-zone" in page.content.decode()
    with pytest.raises(refunds.RefundRefused, match="buiten de SEPA-zone"):
        refunds.refund_iban_set(
            refund=refund, name="Ana", iban="BR1800360305000010009795493C1", actor=office_user
        )
    refund.refresh_from_db()
    assert refund.payee_iban == ""


def test_money_for_nothing_we_know_goes_back_with_the_date_of_the_transfer(
    office_client, office_user
):
    payments.statement_import(
        data=coda_file(
            CodaMovement(
                amount_cents=1234,
                text="voor de werking",
                counterparty_name="Jan Onbekend",
                counterparty_iban=PAYER_IBAN,
            ),
            date=dt.date(2026, 11, 30),
        ),
        filename="x.cod",
        actor=office_user,
    )
    tx = BankTransaction.objects.get(result="review")

    office_client.post(
        reverse("payments_backoffice:transaction_refund", args=[tx.pk]), {"registration": ""}
    )

    refund = Refund.objects.get()
    assert refund.cause == Refund.Cause.UNMATCHED
    assert refund.communication == (
        f"Terugbetaling van uw overschrijving van 30/11/2026 ({refund.end_to_end_id})"
    )
    assert (refund.payee_name, refund.payee_iban) == ("Jan Onbekend", PAYER_IBAN)


def refund_of_money_for_nothing_we_know(office_client, office_user) -> Refund:
    payments.statement_import(
        data=coda_file(
            CodaMovement(amount_cents=1234, text="gift", counterparty_iban=PAYER_IBAN), number=1
        ),
        filename="x.cod",
        actor=office_user,
    )
    office_client.post(
        reverse(
            "payments_backoffice:transaction_refund",
            args=[BankTransaction.objects.get(result="review").pk],
        ),
        {"registration": ""},
    )
    return Refund.objects.get()


def test_a_file_of_refunds_nobody_can_be_mailed_about_does_not_promise_mails(
    office_client, office_user
):
    make_file(office_client, refund_of_money_for_nothing_we_know(office_client, office_user))
    url = reverse("payments_backoffice:sepa_file_detail", args=[SepaFile.objects.get().pk])

    page = office_client.get(url).content.decode()
    sent = office_client.post(
        reverse("payments_backoffice:sepa_file_sent", args=[SepaFile.objects.get().pk]),
        {"uploaded": "on"},
        follow=True,
    ).content.decode()

    assert "Niemand krijgt een mail" in page and "krijgt dan een mail" not in page
    assert "mail de deelnemers" not in page
    assert "Niemand krijgt een mail: ze horen bij geen inschrijving" in sent
    assert not OutboxMessage.objects.filter(kind="refund_sent").exists()


def test_a_refund_of_money_for_nothing_we_know_is_recognised_without_the_end_to_end_id(
    office_client, office_user
):
    make_file(office_client, refund_of_money_for_nothing_we_know(office_client, office_user))
    office_client.post(
        reverse("payments_backoffice:sepa_file_sent", args=[SepaFile.objects.get().pk]),
        {"uploaded": "on"},
    )
    refund = Refund.objects.get()

    # A CSV gives no end-to-end id: the communication we wrote comes back, cut to 100 signs.
    payments.statement_import(
        data=coda_file(outgoing(refund, text=refund.communication[:100]), number=9),
        filename="uittreksel-9.cod",
        actor=office_user,
    )

    refund.refresh_from_db()
    assert refund.status == Refund.Status.DONE


def test_money_for_nothing_we_know_without_an_account_says_why_nobody_was_asked(
    office_client, office_user
):
    payments.statement_import(
        data=coda_file(
            CodaMovement(amount_cents=1234, text="voor de werking", counterparty_name="Jan"),
            date=dt.date(2026, 11, 30),
        ),
        filename="x.cod",
        actor=office_user,
    )
    tx = BankTransaction.objects.get(result="review")

    page = office_client.post(
        reverse("payments_backoffice:transaction_refund", args=[tx.pk]),
        {"registration": ""},
        follow=True,
    )

    assert Refund.objects.get().iban_asked_at is None
    assert (
        "Rekeningnummer ontbreekt (niemand gevraagd: het geld hoort bij geen inschrijving)"
        in page.content.decode()
    )


def test_money_that_came_from_an_account_goes_back_to_it_whatever_the_registrant_types(
    client, office_user
):
    registration = paid_by_bank(RegistrationFactory())
    trainings.registration_cancel(registration=registration, actor=office_user)
    form = reverse("trainings:self_service:refund_account", args=[registration.code])

    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    client.post(form, {"name": "Iemand Anders", "iban": "BE62 5100 0754 7061"})

    assert "Een ander rekeningnummer?" not in page
    assert Refund.objects.get().payee_iban == PAYER_IBAN


def test_an_unknown_tab_says_what_the_page_shows_instead(office_client):
    page = office_client.get(REFUNDS, {"toon": "oud"}).content.decode()

    assert "Onbekende keuze: we tonen de terugbetalingen die te doen zijn." in page


def sent_to_the_account_the_registrant_gave(office_client, office_user) -> Refund:
    """Paid by hand, cancelled, the registrant gave the account, the file went to the bank."""
    refund = cancelled_after_paying_by_hand(office_user)
    refunds.refund_iban_set(refund=refund, name="Marie", iban=PAYER_IBAN, actor=None)
    make_file(office_client, refund)
    office_client.post(
        reverse("payments_backoffice:sepa_file_sent", args=[SepaFile.objects.get().pk]),
        {"uploaded": "on"},
    )
    refund.refresh_from_db()
    return refund


def returned_on_statement(refund: Refund, office_user, **kwargs) -> None:
    payments.statement_import(
        data=coda_file(
            CodaMovement(
                **{
                    "amount_cents": refund.amount_cents,
                    "counterparty_name": refund.payee_name[:35],
                    "counterparty_iban": refund.payee_iban,
                    **kwargs,
                }
            ),
            number=10,
        ),
        filename="uittreksel-10.cod",
        actor=office_user,
    )


def test_a_refund_the_payee_s_bank_sends_back_is_asked_again_for_another_account(
    office_client, office_user
):
    refund = sent(office_client, office_user)
    paid_before = Registration.objects.get(pk=refund.registration_id).amount_paid_cents

    returned_on_statement(refund, office_user, text=f"RETOUR AC04 {refund.communication[:60]}")

    refund.refresh_from_db()
    again = Refund.objects.get(continues=refund)
    line = BankTransaction.objects.get(
        amount_cents=refund.amount_cents, statement_import__filename="uittreksel-10.cod"
    )
    assert refund.status == Refund.Status.RETURNED and refund.returned_by == line
    assert (again.status, again.amount_cents, again.payee_iban) == ("due", refund.amount_cents, "")
    assert line.result == BankTransaction.Result.REFUND
    assert "teruggestort door de bank" in line.reason_display
    # Not a payment: nothing booked, no "paid twice" mail, no refund to the refusing account.
    assert Registration.objects.get(pk=refund.registration_id).amount_paid_cents == paid_before
    assert not OutboxMessage.objects.filter(kind="refund_surplus").exists()
    told = OutboxMessage.objects.get(kind="refund_returned")
    assert told.recipient == refund.registration.email
    assert "je bank stuurde het geld terug naar ons" in told.body_text
    assert refund.payee_iban_display in told.body_text
    page = office_client.get(reverse("payments_backoffice:refund_detail", args=[again.pk]))
    assert "de bank van de ontvanger stuurde die terugbetaling terug" in page.content.decode()


def test_money_that_came_from_an_account_goes_back_to_whoever_paid_after_a_return(
    client, office_client, office_user
):
    refund = sent(office_client, office_user)  # to the account the registration was paid from
    returned_on_statement(refund, office_user, text=f"RETOUR {refund.communication[:60]}")

    page = client.get(registrant_url(client, "registration", refund.registration)).content.decode()

    assert "maar je bank stuurde het geld terug naar ons." in page
    assert "We gaven de bank de opdracht" not in page
    assert "Mail het ons op" in page and "Vul je rekeningnummer in" not in page
    again = Refund.objects.get(continues=refund)
    assert not refunds.registrant_may_set_account(again)
    assert "vraag die een ander rekeningnummer" in again.account_missing_because
    told = OutboxMessage.objects.get(kind="refund_returned").body_text
    assert "Het geld gaat terug naar wie betaalde." in told


def test_a_registrant_who_gave_the_account_themselves_gives_another_after_a_return(
    client, office_client, office_user
):
    refund = sent_to_the_account_the_registrant_gave(office_client, office_user)
    registration = refund.registration

    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)

    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert "Vul je rekeningnummer in" in page
    assert refunds.registrant_may_set_account(Refund.objects.get(continues=refund))


def test_a_return_with_our_end_to_end_id_is_recognised_from_any_account(office_client, office_user):
    refund = sent(office_client, office_user)

    returned_on_statement(
        refund,
        office_user,
        counterparty_iban="BE68539007547034",
        text="Retour",
        customer_reference=refund.end_to_end_id,
    )

    refund.refresh_from_db()
    assert refund.status == Refund.Status.RETURNED


def test_undoing_the_statement_of_a_return_puts_the_refund_back_as_sent(office_client, office_user):
    refund = sent(office_client, office_user)
    returned_on_statement(refund, office_user, text=f"Retour {refund.communication}")

    payments.statement_import_undo(
        statement_import=StatementImport.objects.get(filename="uittreksel-10.cod"),
        actor=office_user,
    )

    refund.refresh_from_db()
    assert (refund.status, refund.returned_by) == (Refund.Status.SENT, None)
    assert Refund.objects.get(continues=refund).status == Refund.Status.WITHDRAWN


def test_a_return_is_no_refund_leaving_in_the_accounts_and_the_money_is_owed_once(
    office_client, office_user
):
    refund = sent(office_client, office_user)
    _paid_on_statement_9(refund, office_user)
    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)
    today = timezone.localdate()

    totals = bank_totals(Period(dt.date(2000, 1, 1), dt.date(2100, 1, 1)))
    owed = list(refunds_queryset(Scope(date_from=today, date_to=today)))

    assert (totals.refunds_cents, totals.other_out_cents) == (refund.amount_cents, 0)
    assert owed == [Refund.objects.get(continues=refund)]


def test_undoing_the_statement_that_showed_it_leave_keeps_a_returned_refund_returned(
    office_client, office_user
):
    refund = sent(office_client, office_user)
    _paid_on_statement_9(refund, office_user)
    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)

    payments.statement_import_undo(
        statement_import=StatementImport.objects.get(filename="uittreksel-9.cod"), actor=office_user
    )

    refund.refresh_from_db()
    assert (refund.status, refund.done_by) == (Refund.Status.RETURNED, None)


def test_the_same_return_imported_again_after_an_undo_keeps_the_account_given_and_mails_once(
    office_client, office_user
):
    refund = sent_to_the_account_the_registrant_gave(office_client, office_user)
    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)
    OutboxMessage.objects.filter(kind="refund_returned").update(status=OutboxMessage.Status.SENT)
    first = Refund.objects.get(continues=refund)
    refunds.refund_iban_set(refund=first, name="Marie", iban="BE71096123456769", actor=None)
    undone = StatementImport.objects.get(filename="uittreksel-10.cod")
    assert payments.statement_import_undo_told(undone) == 1

    payments.statement_import_undo(statement_import=undone, actor=office_user)
    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)

    again = Refund.objects.get(continues=refund, status=Refund.Status.DUE)
    assert again.payee_iban == "BE71096123456769"
    assert OutboxMessage.objects.filter(kind="refund_returned").count() == 1


def test_money_the_payee_sends_back_without_a_bank_s_return_marker_is_no_return(
    office_client, office_user
):
    refund = sent(office_client, office_user)

    returned_on_statement(refund, office_user, text=refund.communication[:60])

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SENT


def test_a_registration_whose_refund_came_back_can_be_reinstated(office_client, office_user):
    refund = sent(office_client, office_user)
    returned_on_statement(refund, office_user, customer_reference=refund.end_to_end_id)

    trainings.registration_reinstate(registration=refund.registration, actor=office_user)

    assert Refund.objects.get(continues=refund).status == Refund.Status.WITHDRAWN
