"""CAMT.053 parser: the public sample, generated files of every version, and malformed files."""

import datetime as dt
import os
from pathlib import Path

import pytest
from stdnum.be import ogm_vcs

from eigenkracht.payments.statements import camt
from eigenkracht.payments.statements.base import AccountSummary, StatementError
from eigenkracht.payments.statements.camt import MSG_DTD, parse_camt053
from tests.fixtures_gen.camt import (
    VERSIONS,
    CamtDetail,
    CamtEntry,
    CamtStatement,
    make_camt053,
    make_camt053_statements,
    sample_entries,
)

ACCOUNT = "BE68539007547034"
DAY = dt.date(2025, 3, 14)


def _shared_data() -> Path:
    env = os.environ.get("EK_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


SAMPLE = _shared_data() / "bank-statements" / "oca-nl-sample.camt053.xml"


def _error(data: bytes) -> StatementError:
    with pytest.raises(StatementError) as caught:
        parse_camt053(data)
    return caught.value


# --- the public sample ---------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"shared sample data not found at {SAMPLE}")
def test_public_oca_sample_is_read_as_written():
    statement = parse_camt053(SAMPLE.read_bytes())

    assert statement.format == "camt053"
    assert statement.account == "NL77ABNA0574908765"
    got = [
        (
            t.line,
            t.amount_cents,
            t.currency,
            t.booking_date,
            t.value_date,
            t.counterparty_name,
            t.counterparty_iban,
            t.counterparty_bic,
            t.communication,
            t.structured,
        )
        for t in statement.transactions
    ]
    jan5 = dt.date(2014, 1, 5)
    assert got == [
        # A direct debit paid to an insurer: the creditor is the counterparty.
        (
            "Ntry 1",
            -75425,
            "EUR",
            jan5,
            jan5,
            "INSURANCE COMPANY TESTX",
            "NL46ABNA0499998748",
            "ABNANL2A",
            "Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014",
            False,
        ),
        # A batch of two (564.05 + 100.00 = 664.05): one transaction per TxDtls.
        (
            "Ntry 2",
            -56405,
            "EUR",
            jan5,
            jan5,
            "Test Customer",
            "NL46ABNA0499998748",
            "ABNANL2A",
            "Direct Debit S14 0410",
            False,
        ),
        (
            "Ntry 2",
            -10000,
            "EUR",
            jan5,
            jan5,
            "Test Customer",
            "NL46ABNA0499998748",
            "ABNANL2A",
            "Direct Debit S14 0410",
            False,
        ),
        # The only incoming transfer; it has no RmtInf, so the bank's AddtlTxInf is the text.
        (
            "Ntry 3",
            140531,
            "EUR",
            jan5,
            jan5,
            "3rd party Media",
            "NL69ABNA0522123643",
            "ABNANL2A",
            "#RD PARTY MEDIA CUSNO 90782 4210773",
            False,
        ),
    ]
    # The sample has no AcctSvcrRef: the keys are generated, distinct and stable.
    ids = [t.bank_id for t in statement.transactions]
    assert len(set(ids)) == 4
    assert all(i.startswith("gen-") for i in ids)
    assert ids == [t.bank_id for t in parse_camt053(SAMPLE.read_bytes()).transactions]
    # Its balances do not add up (15568.27 - 754.25 - 664.05 + 1405.31 != 15121.12): a note.
    assert any("maar het eindsaldo is 15.121,12" in note for note in map(str, statement.notes))
    # Ntry 2 carries RvslInd=true: staff are told it undoes an earlier booking.
    assert "Terugboeking(en) van een eerdere boeking (RvslInd): Ntry 2." in map(
        str, statement.notes
    )
    # FrToDt 2014-01-05T00:00:00.000Z to 23:59:59.999Z: the day it names; OPBD and CLBD.
    assert statement.accounts == [
        AccountSummary(
            account="NL77ABNA0574908765",
            currency="EUR",
            first_date=dt.date(2014, 1, 5),
            last_date=dt.date(2014, 1, 5),
            opening_cents=1556827,
            closing_cents=1512112,
        )
    ]


# --- generated files -----------------------------------------------------------------------


def _mixed_entries() -> list[CamtEntry]:
    return [
        CamtEntry(
            2000,
            ogm="+++010/8068/17183+++",
            counterparty_name="Jan Peeters",
            counterparty_iban="BE71 0961 2345 6769",
            counterparty_bic="GKCCBEBB",
            acct_svcr_ref="BANKREF-1",
        ),
        CamtEntry(
            4000,
            text=["Chloë Maes", "vorming Gent"],
            counterparty_name="Chloë Maes",
            counterparty_iban="BE68539007547034",
            acct_svcr_ref="BANKREF-2",
        ),
        CamtEntry(
            -1550,
            text="Huur zaal maart",
            counterparty_name="Zaal & Co",
            counterparty_iban="BE43068999999501",
            counterparty_bic="GKCCBEBB",
            acct_svcr_ref="BANKREF-3",
        ),
        CamtEntry(
            batch=[
                CamtDetail(2000, ogm="000000009797", counterparty_name="OCMW Gent"),
                CamtDetail(2000, ogm="010806817180", counterparty_name="OCMW Gent"),
                CamtDetail(2500, text="An Jacobs", counterparty_name="OCMW Gent"),
            ],
            acct_svcr_ref="BANKREF-4",
        ),
        CamtEntry(999, status="PDNG", text="nog niet geboekt"),
        CamtEntry(2000, ogm="000000009797", counterparty_name="Els Claes"),
    ]


@pytest.mark.parametrize("version", ["001.02", "001.04", "001.08"])
@pytest.mark.parametrize("prefix", [None, "ns"])
def test_round_trip(version, prefix):
    data = make_camt053(ACCOUNT, _mixed_entries(), version=version, prefix=prefix)
    statement = parse_camt053(data)

    assert statement.account == ACCOUNT
    got = [
        (t.bank_id, t.line, t.amount_cents, t.counterparty_name, t.communication, t.structured)
        for t in statement.transactions
    ]
    assert got == [
        ("BANKREF-1", "Ntry 1", 2000, "Jan Peeters", "010806817183", True),
        ("BANKREF-2", "Ntry 2", 4000, "Chloë Maes", "Chloë Maes vorming Gent", False),
        ("BANKREF-3", "Ntry 3", -1550, "Zaal & Co", "Huur zaal maart", False),
        ("BANKREF-4/1", "Ntry 4", 2000, "OCMW Gent", "000000009797", True),
        # An invalid check digit is not a structured communication: kept as free text.
        ("BANKREF-4/2", "Ntry 4", 2000, "OCMW Gent", "010806817180", False),
        ("BANKREF-4/3", "Ntry 4", 2500, "OCMW Gent", "An Jacobs", False),
        # Ntry 5 is pending and skipped; Ntry 6 gets the generated reference of the generator.
        ("EKREF00000006", "Ntry 6", 2000, "Els Claes", "000000009797", True),
    ]
    first, _second, outgoing = statement.transactions[:3]
    assert first.counterparty_iban == "BE71096123456769"  # compacted
    assert first.counterparty_bic == "GKCCBEBB"
    assert first.booking_date == DAY
    assert first.value_date == DAY
    # For an outgoing transfer the creditor is the counterparty.
    assert (outgoing.counterparty_iban, outgoing.counterparty_bic) == (
        "BE43068999999501",
        "GKCCBEBB",
    )
    notes = "\n".join(map(str, statement.notes))
    assert f"versie {version}" in notes
    assert "1 boeking(en) met status PDNG (niet geboekt) overgeslagen: Ntry 5." in notes
    assert "dat klopt" in notes  # the generator's balances add up


@pytest.mark.parametrize("version", VERSIONS)
def test_every_supported_version(version):
    entries = [CamtEntry(2000, ogm="010806817183", counterparty_name="Jan", counterparty_bic="B")]
    (transaction,) = parse_camt053(make_camt053(ACCOUNT, entries, version=version)).transactions
    assert (transaction.amount_cents, transaction.communication, transaction.structured) == (
        2000,
        "010806817183",
        True,
    )
    assert (transaction.counterparty_name, transaction.counterparty_bic) == ("Jan", "B")


def test_document_without_namespace_is_read():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, text="x")]).replace(
        b' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', b""
    )
    statement = parse_camt053(data)
    assert [t.amount_cents for t in statement.transactions] == [2000]
    assert "zonder versie" in str(statement.notes[0])


def test_batch_detail_references_are_used_when_distinct():
    batch = [
        CamtDetail(1000, text="a", acct_svcr_ref="TX-A"),
        CamtDetail(3000, text="b", acct_svcr_ref="TX-B"),
    ]
    data = make_camt053(ACCOUNT, [CamtEntry(batch=batch, debit=True, acct_svcr_ref="E")])
    got = [(t.bank_id, t.amount_cents) for t in parse_camt053(data).transactions]
    assert got == [("TX-A", -1000), ("TX-B", -3000)]


def test_identical_payments_without_reference_stay_two_and_keep_their_keys():
    twin = CamtEntry(2000, text="Jan Peeters Gent", counterparty_name="Jan", acct_svcr_ref="")
    data = make_camt053(ACCOUNT, [twin, twin])
    first = parse_camt053(data)
    ids = [t.bank_id for t in first.transactions]
    assert len(set(ids)) == 2
    assert ids[0].endswith("-1")
    assert ids[1].endswith("-2")
    assert ids == [t.bank_id for t in parse_camt053(data).transactions]
    assert any("zonder bankreferentie" in note for note in map(str, first.notes))


def test_entry_without_details_uses_the_entry_information():
    entry = CamtEntry(-350, with_details=False, additional_info="Kosten  rekening\nmaart")
    (transaction,) = parse_camt053(make_camt053(ACCOUNT, [entry])).transactions
    assert (transaction.amount_cents, transaction.communication) == (-350, "Kosten rekening maart")
    assert transaction.bank_id == "EKREF00000001"


def test_structured_reference_of_another_scheme_is_free_text():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, ogm="RF18539007547034")])
    (transaction,) = parse_camt053(data).transactions
    assert (transaction.communication, transaction.structured) == ("RF18539007547034", False)


def test_foreign_currency_is_kept_with_a_note():
    data = make_camt053(ACCOUNT, [CamtEntry(1234, currency="USD", text="x")])
    statement = parse_camt053(data)
    assert [(t.amount_cents, t.currency) for t in statement.transactions] == [(1234, "USD")]
    assert "1 boeking(en) in een andere munt dan EUR: Ntry 1." in map(str, statement.notes)


def test_booking_time_is_read_in_brussels():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, text="x")]).replace(
        b"<BookgDt><Dt>2025-03-14</Dt></BookgDt>",
        b"<BookgDt><DtTm>2025-03-14T23:30:00Z</DtTm></BookgDt>",
    )
    (transaction,) = parse_camt053(data).transactions
    assert transaction.booking_date == dt.date(2025, 3, 15)


def test_entries_are_numbered_over_the_whole_file():
    data = make_camt053_statements(
        [
            CamtStatement(ACCOUNT, [CamtEntry(100, text="a"), CamtEntry(200, text="b")]),
            CamtStatement("BE71096123456769", [CamtEntry(300, text="c")], statement_id="S2"),
        ]
    )
    statement = parse_camt053(data)
    got = [(t.line, t.account, t.amount_cents) for t in statement.transactions]
    assert got == [
        ("Ntry 1", ACCOUNT, 100),
        ("Ntry 2", ACCOUNT, 200),
        ("Ntry 3", "BE71096123456769", 300),
    ]
    assert statement.account == ACCOUNT
    assert any("meerdere rekeningen" in note for note in map(str, statement.notes))


def test_ten_thousand_entries():
    # Speed is measured by a benchmark script, not asserted here; this checks the count and sum.
    entries = sample_entries(10_000)
    statement = parse_camt053(make_camt053(ACCOUNT, entries, version="001.08"))
    expected = sum(len(e.batch) or 1 for e in entries)
    assert len(statement.transactions) == expected
    assert sum(t.amount_cents for t in statement.transactions) == sum(
        e.signed_cents() for e in entries
    )
    assert len({t.bank_id for t in statement.transactions}) == expected


@pytest.mark.parametrize(
    "reference",
    ["010806817183", "+++010/8068/17183+++", "***010/8068/17183***", "010 8068 17183",
     "000000009797", "010806817180", "000000000000", "12345", "01080681718300", "RF18 5390"],
)  # fmt: skip
def test_ogm_check_agrees_with_stdnum(reference):
    digits = "".join(c for c in reference if c.isdigit())
    expected = digits if len(digits) == 12 and ogm_vcs.is_valid(digits) else ""
    assert camt._ogm(reference) == expected


# --- malformed files -----------------------------------------------------------------------


def _one_entry(**fields: object) -> bytes:
    return make_camt053(ACCOUNT, [CamtEntry(2000, text="a"), CamtEntry(**fields)])


def test_empty_file():
    assert _error(b" \n").message == "Het bestand is leeg."


def test_truncated_file_names_line_and_column():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, text="a")])
    error = _error(data[: len(data) // 2])
    assert error.message.startswith("Het bestand is geen geldige XML")
    assert error.where.startswith("regel 2, kolom ")


def test_broken_xml_names_line_and_column():
    error = _error(b"<Document>\n  <BkToCstmrStmt>\n</Document>\n")
    assert str(error) == (
        "regel 3, kolom 3: Het bestand is geen geldige XML: een element wordt niet (juist) "
        "afgesloten."
    )


def test_not_xml():
    error = _error(b"Volgnummer;Uitvoeringsdatum;Bedrag\n2025-0001;14/03/2025;20,00\n")
    assert error.message == "Het bestand is geen geldige XML: dit is geen XML."
    assert error.where.startswith("regel 1, kolom ")


@pytest.mark.parametrize("encoding", ["UTF-16", "ISO-8859-1", "windows-1252"])
def test_declared_encodings_are_honoured(encoding):
    text = make_camt053(ACCOUNT, [CamtEntry(2000, counterparty_name="Chloë Maes")]).decode()
    data = text.replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(encoding)
    (transaction,) = parse_camt053(data).transactions
    assert transaction.counterparty_name == "Chloë Maes"


def test_wrong_encoding_names_the_position():
    text = make_camt053(ACCOUNT, [CamtEntry(2000, counterparty_name="Chloë Maes")]).decode()
    error = _error(text.encode("latin-1"))  # declared UTF-8, written in Latin-1
    assert error.message == (
        "Het bestand is geen geldige XML: ongeldig teken (verkeerde tekenset?) of ongeldige opmaak."
    )
    assert error.where == f"regel 2, kolom {text.splitlines()[1].index('ë') + 1}"


def test_undefined_entity():
    error = _error(b"<Document>&nbsp;</Document>")
    assert "onbekende entiteit" in error.message


def test_unbound_prefix():
    error = _error(b"<ns:Document><ns:BkToCstmrStmt/></ns:Document>")
    assert "namespace-prefix" in error.message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&lol9;
</BkToCstmrStmt></Document>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2025-03-14</Dt></BookgDt><AddtlNtryInf>&xxe;</AddtlNtryInf></Ntry>
</Stmt></BkToCstmrStmt></Document>"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        XXE,
        b'<!DOCTYPE Document SYSTEM "http://example.invalid/x.dtd"><Document/>',
        b"<!DOCTYPE Document><Document/>",
    ],
    ids=["billion-laughs", "xxe", "external-dtd", "plain-doctype"],
)
def test_dtds_and_entities_are_refused(data):
    assert str(_error(data)) == MSG_DTD


def test_pain001_is_not_a_statement():
    data = (
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">'
        b"<CstmrCdtTrfInitn><GrpHdr><MsgId>1</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>"
    )
    assert _error(data).message == (
        "Dit is geen CAMT.053-rekeninguittreksel maar een ISO 20022-bericht van het type "
        "pain.001.001.03."
    )


def test_unsupported_camt053_version():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, text="a")], version="001.08").replace(
        b"camt.053.001.08", b"camt.053.001.13"
    )
    assert "001.13 wordt niet ondersteund" in _error(data).message


def test_other_xml_is_not_a_statement():
    error = _error(b"<html><body>Hallo</body></html>")
    assert "hoofdelement is <html>" in error.message
    error = _error(b"<Document><Other/></Document>")
    assert "geen <BkToCstmrStmt> maar <Other>" in error.message


def test_entry_without_amount():
    data = _one_entry(amount_cents=3000, text="b").replace(b'<Amt Ccy="EUR">30.00</Amt>', b"", 1)
    assert str(_error(data)) == "Ntry 2: het bedrag (Amt) ontbreekt."


def test_wrong_date():
    data = _one_entry(amount_cents=3000, booking_date=dt.date(2025, 2, 28)).replace(
        b"2025-02-28", b"2025-02-30"
    )
    assert str(_error(data)) == (
        "Ntry 2: ongeldige datum '2025-02-30' in BookgDt (verwacht JJJJ-MM-DD)."
    )


def test_amount_with_three_decimals():
    data = _one_entry(amount_cents=3000).replace(b">30.00<", b">30.005<")
    assert str(_error(data)) == "Ntry 2: het bedrag '30.005' (Amt) heeft meer dan twee decimalen."


def test_missing_currency():
    data = _one_entry(amount_cents=3000).replace(b'<Amt Ccy="EUR">30.00', b"<Amt>30.00", 1)
    assert "de munt (Ccy) van het bedrag (Amt) ontbreekt" in str(_error(data))


def test_wrong_credit_debit_indicator():
    data = _one_entry(amount_cents=3000).replace(
        b"<CdtDbtInd>CRDT</CdtDbtInd><Sts>", b"<CdtDbtInd>PLUS</CdtDbtInd><Sts>"
    )
    assert str(_error(data)) == "Ntry 1: CdtDbtInd moet CRDT of DBIT zijn, gevonden 'PLUS'."


def test_missing_status():
    data = _one_entry(amount_cents=3000).replace(b"<Sts>BOOK</Sts>", b"")
    assert str(_error(data)) == "Ntry 1: de status (Sts) ontbreekt."


def test_statement_without_iban():
    data = make_camt053(ACCOUNT, []).replace(b"<IBAN>BE68539007547034</IBAN>", b"<Othr/>")
    assert str(_error(data)) == "Stmt 1: het rekeningnummer (Acct/Id/IBAN) ontbreekt."


def test_batch_that_does_not_add_up():
    batch = [CamtDetail(2000, text="a"), CamtDetail(2000, text="b")]
    data = make_camt053(ACCOUNT, [CamtEntry(5000, batch=batch)])
    assert str(_error(data)) == (
        "Ntry 1: de 2 transacties (TxDtls) tellen op tot 40,00, maar het bedrag van de "
        "boeking (Amt) is 50,00."
    )


def test_batch_detail_without_amount():
    batch = [CamtDetail(2000, text="a"), CamtDetail(None, text="b")]
    data = make_camt053(ACCOUNT, [CamtEntry(2000, batch=batch)])
    error = _error(data)
    assert error.where == "Ntry 1, TxDtls 2"
    assert "ontbreekt" in error.message


def test_too_large_file_is_refused_before_parsing(monkeypatch):
    def fail(_data: bytes) -> None:
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(camt, "_parse_xml", fail)
    error = _error(b"<" + b" " * camt.MAX_BYTES)
    assert error.message == (
        "Het bestand is te groot (20.0 MB); een CAMT.053-bestand mag hoogstens 20 MB zijn."
    )


# --- what the file says about its accounts -------------------------------------------------


def test_each_account_gets_its_period_and_its_opening_and_closing_balance():
    other = "BE71096123456769"
    data = make_camt053_statements(
        [
            CamtStatement(
                ACCOUNT,
                [CamtEntry(2000, text="a"), CamtEntry(-500, text="b")],
                opening_cents=10000,
                period=(dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
            ),
            CamtStatement(other, [CamtEntry(300, text="c")], statement_id="S2"),
            CamtStatement(
                ACCOUNT,
                [CamtEntry(100, text="d", booking_date=dt.date(2025, 4, 2))],
                opening_cents=11500,
                statement_id="S3",
                period=(dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
            ),
        ]
    )

    accounts = parse_camt053(data).accounts

    assert accounts == [
        AccountSummary(ACCOUNT, "EUR", dt.date(2025, 3, 1), dt.date(2025, 4, 30), 10000, 11600),
        # No FrToDt: the period runs over the bookings and the balance dates.
        AccountSummary(other, "EUR", DAY, DAY, 0, 300),
    ]


def test_a_statement_without_balances_says_none_rather_than_inventing_them():
    data = make_camt053(ACCOUNT, [CamtEntry(2000, text="a")])
    data = data.replace(b"<Tp><CdOrPrtry><Cd>OPBD</Cd>", b"<Tp><CdOrPrtry><Cd>ITBD</Cd>")

    (summary,) = parse_camt053(data).accounts

    assert summary.opening_cents is None
    assert summary.closing_cents == 2000
