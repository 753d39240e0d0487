"""Reasons are stored as a code with parameters and worded when shown, in the reader's language."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from eigenkracht.payments import reasons as shown
from eigenkracht.payments import services
from eigenkracht.payments.matching import reasons
from eigenkracht.payments.models import BankTransaction
from tests.factories import RegistrationFactory
from tests.payments.backoffice.files import coda_file, free_text_payment, ogm_payment

REGISTRATION = {"code": "EK7KX3P9", "name": "Marie Claes"}
PLACED = {**REGISTRATION, "city": "Gent", "date": "2026-02-02"}
# One example per code: a new code without an example fails the test below.
EXAMPLES = {
    "outgoing": {},
    "no_amount": {},
    "foreign_currency": {"currency": "USD"},
    "identified": {"via": "ogm"},
    "identified_inactive": {
        "via": "code", "amount": 2000, "registration": REGISTRATION, "state": "expired"
    },
    "identified_waiting": {"via": "ogm", "amount": 2000, "registration": REGISTRATION},
    "identified_paid_twice": {"via": "ogm", "amount": 2000, "registration": REGISTRATION},
    "identified_paid": {"via": "ogm", "amount": 2000, "registration": REGISTRATION},
    "identified_partial": {
        "via": "ogm_in_text", "amount": 1500, "open": 2000, "registration": REGISTRATION
    },
    "identified_overpaid": {
        "via": "ogm", "amount": 2500, "open": 2000, "registration": REGISTRATION
    },
    "identified_many_inactive": {
        "via": "code", "codes": ["EK7KX3P9", "EK4MN2QR"], "inactive": [REGISTRATION]
    },
    "identified_many_waiting": {
        "via": "code", "codes": ["EK7KX3P9", "EK4MN2QR"], "waiting": [REGISTRATION]
    },
    "identified_many_paid": {
        "via": "code", "amount": 4000, "registrations": [REGISTRATION, REGISTRATION]
    },
    "identified_many_mismatch": {
        "via": "code", "codes": ["EK7KX3P9", "EK4MN2QR"], "amount": 3000, "open": 4000
    },
    "name_paid_exactly": {
        "evidence": [["name", "Marie Claes"], ["city", "Gent"]],
        "registration": REGISTRATION,
        "amount": 2000,
    },
    "group_paid_exactly": {"amount": 4000, "registrations": [REGISTRATION, REGISTRATION]},
    "ambiguous_name": {"name": "Marie Claes", "registrations": [PLACED, PLACED]},
    "name_partly_recognised": {"registration": PLACED},
    "no_name": {},
    "too_many": {"count": 9},
    "name_inactive": {"registration": REGISTRATION, "state": "cancelled"},
    "name_waiting": {"registration": REGISTRATION},
    "name_paid": {"registration": REGISTRATION},
    "name_amount_differs": {"named": [REGISTRATION], "amount": 1500, "open": 2000},
    "group_amount_differs": {"named": [REGISTRATION, REGISTRATION], "amount": 1500, "open": 4000},
    "payer_other_name": {"named": [REGISTRATION], "word": "Peters"},
    "payer_other_subject": {"named": [REGISTRATION], "word": "bestelling"},
    "name_uncertain": {},
    "surname_only": {},
    "organisation_only": {},
    "nothing_found": {},
    "blocked": {"blocked": "unrelated", "word": "huur"},
    "blocked_no_name": {"blocked": "unknown_ogm", "ogm": "010806817183"},
    "blocked_named": {
        "blocked": "unknown_ogm_in_text", "written": "010/8068/17184", "named": [REGISTRATION]
    },
    "suggested": {
        "registration": PLACED, "evidence": [["surname", "Claes"]], "money": "open", "open": 2000
    },
    "suggested_several": {
        "registration": PLACED,
        "evidence": [["name", "Marie Claes"], ["date", ""], ["organisation", ""]],
        "money": "exact",
        "open": 2000,
    },
    "manual": {"user": "Sara Office"},
    "dismissed": {"user": "Sara Office"},
    "duplicate": {},
    "to_refund": {"user": "Sara Office"},
    "refund_done": {"refund": "EKTB0123456789ABCDEF", "via_refund": "end_to_end"},
    "refund_returned": {"refund": "EKTB0123456789ABCDEF"},
    "paid_out": {"payout": "EKVV0123456789ABCDEF"},
}  # fmt: skip


def french(message: str) -> str:
    """A stand-in catalogue: every sentence and word marked as French."""
    return f"[fr] {message}"


def test_every_reason_reads_as_one_dutch_sentence():
    assert set(EXAMPLES) == set(reasons.REASONS)
    for code, params in EXAMPLES.items():
        sentence = reasons.render(code, json.loads(json.dumps(params)))
        assert sentence.endswith("."), code
        assert "%(" not in sentence, code


def test_parameters_are_worded_when_shown():
    assert reasons.render("identified_partial", EXAMPLES["identified_partial"]) == (
        "Inschrijving EK7KX3P9 (Marie Claes) herkend aan de gestructureerde mededeling in de vrije"
        " mededeling, maar er is € 15,00 betaald van de € 20,00 die open stond: nog € 5,00 te"
        " betalen."
    )
    assert reasons.render("suggested_several", EXAMPLES["suggested_several"]) == (
        "EK7KX3P9 (Marie Claes, Gent 02/02): naam Marie Claes, datum en organisatie van de"
        " betaler komen overeen; het openstaande bedrag van € 20,00 klopt."
    )
    assert reasons.render("blocked_no_name", EXAMPLES["blocked_no_name"]).startswith(
        "De gestructureerde mededeling +++010/8068/17183+++ hoort bij geen enkele inschrijving"
    )


def test_every_part_of_a_sentence_goes_through_the_translation():
    sentence = reasons.render("suggested_several", EXAMPLES["suggested_several"], french)

    assert sentence.startswith("[fr] EK7KX3P9 (Marie Claes, Gent 02/02): [fr] [fr] naam")
    assert "[fr] datum" in sentence and "[fr] organisatie van de betaler" in sentence
    assert "[fr] het openstaande bedrag van € 20,00 klopt" in sentence


@pytest.mark.django_db
def test_an_imported_transfer_stores_its_reason_as_a_code_and_the_json_keeps_the_sentence(
    tmp_path, capsys
):
    registration = RegistrationFactory()
    statement = tmp_path / "uittreksel.cod"
    statement.write_bytes(coda_file(ogm_payment(registration, amount_cents=1500)))

    call_command("import_statement", str(statement), "--json")

    stored = BankTransaction.objects.get()
    assert stored.reason == ""
    assert stored.reason_code == "identified_partial"
    assert stored.reason_params["amount"] == 1500
    assert stored.reason_params["registration"]["code"] == registration.code
    (row,) = json.loads(capsys.readouterr().out)["transactions"]
    assert row["reason"] == stored.reason_display
    assert "nog € 5,00 te betalen" in row["reason"]


@pytest.mark.django_db
def test_the_review_queue_words_stored_reasons_in_the_language_of_the_page(
    office_client, monkeypatch
):
    registration = RegistrationFactory(first_name="Griet", last_name="Peeters")
    services.statement_import(
        data=coda_file(free_text_payment(1500, "vorming", name="Griet Peeters")),
        filename="uittreksel.cod",
        actor=None,
    )
    # The catalogue arrives after the import: nothing stored has to change.
    monkeypatch.setattr(shown, "gettext", french)

    queue = office_client.get(reverse("payments_backoffice:review_queue")).content.decode()
    transaction = BankTransaction.objects.get()
    detail = office_client.get(
        reverse("payments_backoffice:transaction_detail", args=[transaction.pk])
    ).content.decode()

    assert "[fr] Herkend: " in queue
    assert "[fr] Herkend: " in detail
    assert f"[fr] {registration.code} (Griet Peeters" in detail  # the suggestion


@pytest.mark.django_db
def test_a_cancelled_registration_is_flagged_in_the_language_of_the_page(
    office_client, monkeypatch
):
    registration = RegistrationFactory(status="cancelled")
    services.statement_import(
        data=coda_file(ogm_payment(registration)), filename="uittreksel.cod", actor=None
    )
    monkeypatch.setattr(shown, "gettext", french)

    queue = office_client.get(reverse("payments_backoffice:review_queue")).content.decode()

    assert "[fr] geannuleerde of vervallen inschrijving" in queue


migration = importlib.import_module("eigenkracht.payments.migrations.0004_reason_codes")


def test_the_migration_reads_back_exactly_the_sentences_the_code_words():
    for text, code in migration.FIXED.items():
        assert reasons.render(code, {}) == text
    assert (
        reasons.render("manual", {"user": "Sara Office"}) == "Manueel gekoppeld door Sara Office."
    )


@pytest.mark.django_db
def test_transfers_imported_before_the_codes_keep_their_words():
    registration = RegistrationFactory()
    services.statement_import(
        data=coda_file(
            free_text_payment(100, "vorming", name="Niemand Gekend"),
            free_text_payment(200, "huur", name="Niemand Gekend"),
            ogm_payment(registration, amount_cents=300),
        ),
        filename="uittreksel.cod",
        actor=None,
    )
    nobody, rent, paid = BankTransaction.objects.order_by("amount_cents")
    old_sentence = "Inschrijving EK7KX3P9 (Marie Claes) herkend aan de gestructureerde mededeling."
    BankTransaction.objects.filter(pk=nobody.pk).update(
        reason_code="", reason=reasons.render("nothing_found", {})
    )
    BankTransaction.objects.filter(pk=rent.pk).update(
        reason_code="",
        reason="Manueel gekoppeld door Sara Office.",
        rule="manual",
        suggestions=[{"registration_id": registration.pk, "score": 0.5, "reason": "Oud."}],
    )
    BankTransaction.objects.filter(pk=paid.pk).update(reason_code="", reason=old_sentence)

    migration.forward(apps, None)

    nobody, rent, paid = BankTransaction.objects.order_by("amount_cents")
    assert (nobody.reason_code, nobody.reason) == ("nothing_found", "")
    assert nobody.reason_display.startswith("Geen inschrijving gevonden")
    assert (rent.reason_code, rent.reason_params) == ("manual", {"user": "Sara Office"})
    assert rent.reason_display == "Manueel gekoppeld door Sara Office."
    assert shown.suggestion_reason(rent.suggestions[0]) == "Oud."
    assert (paid.reason_code, paid.reason_display) == ("", old_sentence)


def test_a_reason_keeps_its_parameters_as_the_json_the_import_writes():
    said = {"via": "ogm", "registration": {"code": "EK7KX3P9", "name": "Zoë Çelik"}}
    reason = reasons.Reason("identified_paid", {**said, "evidence": [("name", "Zoë Çelik")]})

    assert json.loads(reason.encoded) == {**said, "evidence": [["name", "Zoë Çelik"]]}
    assert "Zoë Çelik" in reason.encoded  # as written, not escaped
    as_read_back = {**said, "evidence": [["name", "Zoë Çelik"]]}
    assert reason == reasons.Reason("identified_paid", as_read_back)
    assert reason != reasons.Reason("identified_partial", reason.params)
    reason.params["via"] = "code"  # a reader's copy: the reason itself does not change
    assert reason.params["via"] == "ogm"
