"""The readers' notes and errors, and an import's stored refusals, are codes with plain parameters
worded when shown (payments/statements/messages.py)."""

import json

import pytest

from eigenkracht.payments.statements import messages
from eigenkracht.payments.statements.base import StatementError
from eigenkracht.payments.statements.messages import Note
from eigenkracht.payments.statements.values import decode_bytes, parse_date

LINE = {"line": 14}
# One example per code: a new code without an example fails the first test.
EXAMPLES = {
    # Notes
    "coda_duplicate": {"line": 1},
    "coda_separate_application": {"line": 1},
    "coda_balance_not_checked": {
        "line": 5,
        "cause": {
            "code": "coda_balance",
            "params": {
                "old_thousandths": 1000000,
                "movements_thousandths": 200000,
                "expected_thousandths": 1200000,
                "new_thousandths": 1300000,
            },
        },
    },
    "coda_statement": {
        "key": "2026-001",
        "account": "BE68539007547034",
        "movements": 3,
        "balance_thousandths": 12345670,
        "currency": "EUR",
    },
    "coda_statement_holder": {
        "key": "2026-001",
        "account": "BE68539007547034",
        "holder": "EIGEN KRACHT VZW",
        "movements": 3,
        "balance_thousandths": 12345670,
        "currency": "EUR",
    },
    "coda_details_differ": {"line": 7, "movement": "2026-001/0003", "total_thousandths": 40000},
    "coda_subdetails_differ": {
        "line": 9,
        "movement": "2026-001/0003/0001",
        "total_thousandths": 20000,
    },
    "camt_summary": {"version": "02", "statements": 1, "bookings": 5, "transactions": 6},
    "camt_summary_no_version": {"statements": 1, "bookings": 5, "transactions": 6},
    "camt_balances_unreadable": {
        "element": "Stmt 1",
        "cause": {
            "code": "camt_amount_missing",
            "params": {"name": "Bal/Amt", "where": {"element": "Stmt 1"}},
        },
    },
    "camt_period_unreadable": {"element": "Stmt 1", "start": "gisteren", "end": "vandaag"},
    "camt_balances_add_up": {
        "element": "Stmt 1",
        "opening_cents": 100000,
        "booked_cents": 2000,
        "total_cents": 102000,
    },
    "camt_balances_differ": {
        "element": "Stmt 1",
        "opening_cents": 100000,
        "booked_cents": 2000,
        "total_cents": 102000,
        "closing_cents": 103000,
    },
    "camt_accounts": {"accounts": ["BE68539007547034", "BE56363123456788"]},
    "camt_skipped": {"count": 2, "status": "PDNG", "entries": [3, 5]},
    "camt_foreign": {"count": 1, "entries": [1]},
    "camt_reversals": {"entries": [2]},
    "camt_generated_ids": {"count": 4},
    "camt_repeated_reference": {"reference": "REF-1", "count": 2},
    "known_in_other_format": {"count": 3, "account": "BE68539007547034"},
    "csv_layout": {"bank": "BNP Paribas Fortis", "language": "fr"},
    "csv_mapping": {},
    "csv_encoding": {"encoding": "utf-8-sig"},
    "csv_refused": {"count": 2, "refused": [[4, "Onvoldoende saldo"], [7, ""]]},
    "csv_without_reference": {"count": 3},
    "csv_accounts": {"count": 2, "accounts": ["BE68539007547034", "BE56363123456788"]},
    # Errors
    "empty": {},
    "not_camt_xml": {},
    "unknown_format": {},
    "unknown_format_because": {
        "cause": {"code": "not_text", "params": {"char": 1, "where": {"line": 3}}}
    },
    "format_unknown": {"format": "pdf", "formats": ["coda", "camt053", "csv"]},
    "binary_file": {"file": "pdf"},
    "bad_utf8": {"where": LINE},
    "bad_utf16": {},
    "not_text": {"char": 1, "where": LINE},
    "date_missing": {},
    "date_invalid": {"value": "31/02/2026"},
    "date_not_in_format": {"value": "morgen", "format": "dd/mm/yyyy"},
    "amount_invalid": {"value": "twintig"},
    "amount_decimals": {"value": "20,001"},
    "csv_unreadable_line": {"detail": "unexpected end of data", "where": LINE},
    "csv_column": {
        "column": "Bedrag",
        "cause": {"code": "amount_invalid", "params": {"value": "twintig"}},
        "where": LINE,
    },
    "csv_amount_missing": {"where": LINE},
    "csv_layout_unknown": {"found": ["Datum", "Bedrag"]},
    "csv_layout_unknown_no_columns": {},
    "csv_mapped_columns_missing": {"columns": ["Bedrag", "Datum"], "found": ["Date"]},
    "csv_mapped_columns_missing_no_columns": {"columns": ["Bedrag", "Datum"]},
    "coda_not_coda": {"length": 128, "where": {"line": 1}},
    "coda_not_coda_xml": {"length": 128, "where": {"line": 1}},
    "coda_not_coda_csv": {"length": 128, "where": {"line": 1}},
    "coda_record_length": {"length": 128, "actual": 127, "where": LINE},
    "coda_record_type": {"kind": "2.4", "where": LINE},
    "coda_number": {"field": "record_count", "value": "00001X", "where": LINE},
    "coda_sign": {"field": "old_balance", "sign": "2", "where": LINE},
    "coda_date": {"field": "creation_date", "value": "310226", "where": LINE},
    "coda_no_trailer": {"start": 1, "where": LINE},
    "coda_before_old_balance": {"kind": "2", "where": LINE},
    "coda_outside_statement": {"kind": "2", "where": LINE},
    "coda_after_new_balance": {"kind": "21", "where": LINE},
    "coda_header_before_trailer": {"start": 1, "where": LINE},
    "coda_header_zeros": {"where": LINE},
    "coda_version": {"version": "1", "where": LINE},
    "coda_old_balance_without_header": {"where": LINE},
    "coda_account_structure": {"structure": "7", "where": LINE},
    "coda_account_missing": {"where": LINE},
    "coda_currency": {"currency": "E1R", "where": LINE},
    "coda_amount_thousandths": {"amount_thousandths": 20001, "where": LINE},
    "coda_detail_without_movement": {"detail": "0001", "sequence": "0003", "where": LINE},
    "coda_record_2_without_movement": {
        "article": "2",
        "sequence": "0003",
        "detail": "0000",
        "where": LINE,
    },
    "coda_record_3_without_movement": {"article": "1", "sequence": "0003", "where": LINE},
    "coda_record_3_without_3_1": {"article": "2", "where": LINE},
    "coda_new_balance_account": {
        "new": "BE56363123456788 EUR",
        "start": 2,
        "old": "BE68539007547034 EUR",
        "where": LINE,
    },
    "coda_trailer_count": {"count": 5, "start": 1, "counted": 6, "where": LINE},
    "coda_trailer_debit": {
        "reported_thousandths": 10000,
        "total_thousandths": 20000,
        "where": LINE,
    },
    "coda_trailer_credit": {
        "reported_thousandths": 10000,
        "total_thousandths": 20000,
        "where": LINE,
    },
    "coda_new_balance_missing": {"where": LINE},
    "coda_balance": {
        "old_thousandths": 1000000,
        "movements_thousandths": -200000,
        "expected_thousandths": 800000,
        "new_thousandths": 900000,
        "where": LINE,
    },
    "coda_movement_twice": {
        "bank_id": "2026-001/0003",
        "account": "BE68539007547034",
        "first": 5,
        "where": LINE,
    },
    "camt_too_large": {"size": 20.5, "max": 20},
    "camt_dtd": {},
    "camt_encoding_unknown": {},
    "camt_invalid_xml": {"xml": "other", "english": "not well-formed", "where": LINE},
    "camt_other_message": {"kind": "camt.052.001.02"},
    "camt_root": {"root": "html"},
    "camt_no_bktocstmrstmt": {"elements": ["Other", "More"]},
    "camt_empty_document": {},
    "camt_version": {"version": "13"},
    "camt_no_statement": {},
    "camt_account_missing": {"where": {"element": "Stmt 1"}},
    "camt_amount_missing": {"name": "Amt", "where": {"element": "Ntry 3"}},
    "camt_amount_decimals": {"value": "20.001", "name": "Amt", "where": {"element": "Ntry 3"}},
    "camt_amount_negative": {"value": "-20.00", "name": "Amt", "where": {"element": "Ntry 3"}},
    "camt_amount_invalid": {"value": "twintig", "name": "Amt", "where": {"element": "Ntry 3"}},
    "camt_currency_missing": {"name": "Amt", "where": {"element": "Ntry 3"}},
    "camt_currency_invalid": {"name": "Amt", "currency": "eur", "where": {"element": "Ntry 3"}},
    "camt_sign": {"name": "CdtDbtInd", "value": "PLUS", "where": {"element": "Ntry 3"}},
    "camt_sign_missing": {"name": "CdtDbtInd", "where": {"element": "Ntry 3"}},
    "camt_date": {"value": "2026-02-31", "name": "BookgDt", "where": {"element": "Ntry 3"}},
    "camt_moment": {"value": "morgen", "name": "ValDt", "where": {"element": "Ntry 3"}},
    "camt_no_date": {"name": "BookgDt", "where": {"element": "Ntry 3"}},
    "camt_status_missing": {"where": {"element": "Ntry 3"}},
    "camt_booking_date_missing": {"where": {"element": "Ntry 3"}},
    "camt_batch_amount_missing": {"where": {"element": "Ntry 3, TxDtls 2"}},
    "camt_batch_currency": {
        "currency": "USD",
        "entry_currency": "EUR",
        "where": {"element": "Ntry 3, TxDtls 2"},
    },
    "camt_batch_total": {
        "count": 2,
        "sum_cents": 3000,
        "amount_cents": 4000,
        "where": {"element": "Ntry 3"},
    },
    # Refusals stored on a failed import
    "account_not_ours": {"foreign": ["BE56363123456788"], "ours": ["BE68539007547034"]},
    "accounts_not_ours": {
        "foreign": ["BE56363123456788", "FR7630006000011234567890189"],
        "ours": ["BE68539007547034"],
    },
    "no_account_named": {"ours": ["BE68539007547034", "BE71096123456769"]},
    "import_busy": {},
    "registrations_changed": {},
    "import_crashed": {},
}
# Parts of a sentence, not sentences: a CSV error quotes them after the column's name.
FRAGMENTS = {
    "date_missing",
    "date_invalid",
    "date_not_in_format",
    "amount_invalid",
    "amount_decimals",
}


def french(message: str) -> str:
    """A stand-in catalogue: every sentence and word marked as French."""
    return f"[fr] {message}"


def test_every_code_has_a_sentence_and_an_example():
    assert set(EXAMPLES) == set(messages.MESSAGES)
    assert len(messages.MESSAGES) == len(messages.NOTES) + len(messages.ERRORS) + len(
        messages.REFUSALS
    )


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_every_code_reads_as_a_dutch_sentence_from_plain_json(code):
    sentence = messages.render(code, json.loads(json.dumps(EXAMPLES[code])))

    assert "%" not in sentence
    if code not in FRAGMENTS:
        assert sentence[-1] in ".)"


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_every_sentence_goes_through_the_translation(code):
    assert messages.render(code, EXAMPLES[code], french).startswith("[fr] ")


def test_parameters_are_worded_when_shown():
    assert messages.render("coda_statement_holder", EXAMPLES["coda_statement_holder"]) == (
        "Uittreksel 2026-001 van BE68539007547034 (EIGEN KRACHT VZW): 3 bewegingen, nieuw saldo"
        " 12.345,67 EUR."
    )
    assert messages.render("csv_refused", EXAMPLES["csv_refused"]) == (
        "2 geweigerde verrichting(en) overgeslagen: regel 4 (Onvoldoende saldo), regel 7."
    )
    assert messages.render("csv_column", EXAMPLES["csv_column"]) == (
        "regel 14: kolom \"Bedrag\": ongeldig bedrag 'twintig'."
    )
    assert messages.render("accounts_not_ours", EXAMPLES["accounts_not_ours"]) == (
        "Dit bestand bevat uittreksels van de rekeningen BE56 3631 2345 6788, FR76 3000 6000 0112"
        " 3456 7890 189. Dat zijn geen rekeningen van ons; onze rekeningen zijn: BE68 5390 0754"
        " 7034."
    )
    assert messages.render("not_text", EXAMPLES["not_text"]).endswith("(ongeldig teken U+0001).")


def test_the_place_the_words_of_a_field_and_a_quoted_message_are_translated_too():
    coda = messages.render("coda_date", EXAMPLES["coda_date"], french)
    balance = messages.render("coda_balance_not_checked", EXAMPLES["coda_balance_not_checked"])
    quoted = messages.render(
        "coda_balance_not_checked", EXAMPLES["coda_balance_not_checked"], french
    )

    assert coda == (
        "[fr] [fr] regel 14: [fr] ongeldige [fr] aanmaakdatum '310226' (verwacht: dag, maand,"
        " jaar als DDMMJJ)."
    )
    assert balance.startswith("Regel 5: oud saldo 1.000,00 + bewegingen 200,00 = 1.200,00,")
    assert quoted.startswith("[fr] Regel 5: [fr] oud saldo")


def test_an_unknown_code_is_shown_as_it_is():
    assert messages.render("no_such_code", {"x": 1}) == "no_such_code"
    assert messages.render_stored("Een opmerking van vroeger.") == "Een opmerking van vroeger."
    assert messages.render_stored({"code": "csv_mapping", "params": {}}) == (
        "Gelezen met de gekozen kolomindeling."
    )


def test_an_error_keeps_its_dutch_words_its_place_and_its_code():
    error = StatementError("coda_version", {"version": "1"}, line=3)
    xml = StatementError("camt_invalid_xml", {"xml": "not_xml"}, line=1, column=5)
    camt = StatementError("camt_status_missing", element="Ntry 2")

    assert str(error) == "regel 3: CODA-versie '1' wordt niet ondersteund (alleen versie 2)."
    assert (error.where, error.message) == (
        "regel 3",
        "CODA-versie '1' wordt niet ondersteund (alleen versie 2).",
    )
    assert error.as_json() == {
        "code": "coda_version",
        "params": {"version": "1", "where": {"line": 3}},
    }
    assert str(xml) == "regel 1, kolom 5: Het bestand is geen geldige XML: dit is geen XML."
    assert str(camt) == "Ntry 2: de status (Sts) ontbreekt."
    assert str(StatementError("empty")) == "Het bestand is leeg." and not StatementError("x").where


def test_a_note_is_plain_data():
    note = Note("camt_reversals", {"entries": [2, 5]})

    assert str(note) == "Terugboeking(en) van een eerdere boeking (RvslInd): Ntry 2, Ntry 5."
    assert json.loads(json.dumps(note.as_json())) == {
        "code": "camt_reversals",
        "params": {"entries": [2, 5]},
    }


def test_a_picture_or_a_column_layouts_date_format_reads_as_words():
    with pytest.raises(StatementError) as picture:
        decode_bytes(b"\x89PNG\r\n\x1a\n....")
    assert str(picture.value) == (
        "Dit is een afbeelding (een foto of schermafdruk), geen CSV. Exporteer het "
        "rekeninguittreksel als CSV, CODA of CAMT.053."
    )
    with pytest.raises(ValueError) as date:
        parse_date("1", "dd/mm/yyyy")
    problem = date.value
    assert messages.render(problem.code, problem.params, str) == (
        "ongeldige datum '1' (verwacht: dag/maand/jaar)"
    )
