"""Format detection by content, and the one entry point that dispatches to the parsers."""

import codecs
import datetime as dt
import re
import sys
import types

import pytest

from eigenkracht.payments.statements.base import ParsedStatement, StatementError
from eigenkracht.payments.statements.csv_formats import ColumnMapping
from eigenkracht.payments.statements.detect import detect_format, parse_statement
from tests.fixtures_gen.csv_banks import BANKS, LANGUAGES, Booking, make_bank_csv

UNKNOWN = "Dit bestand herkennen we niet als CODA, CAMT.053 of CSV."


def _record(text: str) -> bytes:
    return text.ljust(128).encode("ascii")


CODA = b"\n".join(
    [
        _record("0000011011272505        00178299  DE MEYER LUC              KREDBEBB"),
        _record("12135BE46737018594236                  EUR0000000011812700270710"),
        _record("9               000006000000000435000000000000000000                    "),
    ]
)

CAMT_BODY = (
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n'
    "  <BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt>\n"
    "</Document>\n"
)


def test_coda_is_recognised_by_its_header_record():
    assert detect_format(CODA) == "coda"
    assert detect_format(CODA.replace(b"\n", b"\r\n")) == "coda"


def test_a_0000_line_that_is_not_128_characters_is_no_coda():
    with pytest.raises(StatementError, match=re.escape(UNKNOWN)):
        detect_format(b"0000011011272505 too short\n")


@pytest.mark.parametrize(
    "data",
    [
        CAMT_BODY.encode(),
        ('<?xml version="1.0" encoding="UTF-8"?>\n' + CAMT_BODY).encode(),
        codecs.BOM_UTF8 + b"\r\n  \t" + ('<?xml version="1.0"?>' + CAMT_BODY).encode(),
        ("<!-- export -->\n<?xml-stylesheet href='x'?>" + CAMT_BODY).encode(),
        (
            b'<ns:Document xmlns:ns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
            b"<ns:BkToCstmrStmt/></ns:Document>"
        ),
        codecs.BOM_UTF16_LE
        + ('<?xml version="1.0" encoding="UTF-16"?>' + CAMT_BODY).encode("utf-16-le"),
    ],
)
def test_camt053_is_xml_with_a_document_root_and_a_statement_child(data):
    assert detect_format(data) == "camt053"


@pytest.mark.parametrize(
    "xml",
    [
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
        "<BkToCstmrDbtCdtNtfctn/></Document>",
        "<html><body>BkToCstmrStmt</body></html>",
        "<Documents><BkToCstmrStmt/></Documents>",
    ],
)
def test_other_xml_is_refused(xml):
    with pytest.raises(StatementError, match=re.escape("geen CAMT.053")):
        detect_format(xml.encode())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bank", BANKS)
def test_every_bank_csv_is_csv(bank, language):
    data = make_bank_csv(bank, [], language=language)
    assert detect_format(data) == "csv"


def test_comma_and_tab_separated_text_is_csv():
    assert detect_format(b"Date,Amount\n2026-03-16,20.00\n") == "csv"
    assert detect_format(b"Date\tAmount\n2026-03-16\t20.00\n") == "csv"


def test_detection_goes_by_content_not_by_name():
    assert detect_format(CODA, "uittreksel.csv") == "coda"
    assert detect_format(b"Datum;Bedrag\n", "uittreksel.cod") == "csv"


@pytest.mark.parametrize(
    "data",
    [
        b"just a line of text without any separator\n",
        bytes(range(256)) * 8,
        b"PK\x03\x04\x14\x00\x06\x00",
    ],
)
def test_anything_else_is_refused(data):
    with pytest.raises(StatementError, match=re.escape(UNKNOWN)):
        detect_format(data)


@pytest.mark.parametrize("data", [b"", b"  \r\n", codecs.BOM_UTF8])
def test_an_empty_file_is_refused(data):
    with pytest.raises(StatementError, match="leeg"):
        detect_format(data)


# --------------------------------------------------------------------------------------------
# parse_statement


@pytest.fixture
def fake_parsers(monkeypatch):
    """Stand-ins for the CODA and CAMT parsers, which other modules provide."""
    calls: list[tuple[str, bytes]] = []

    def fake(name: str):
        def parse(data: bytes) -> ParsedStatement:
            calls.append((name, data))
            return ParsedStatement(format=name, account="BE68539007547034")

        return parse

    coda = types.ModuleType("eigenkracht.payments.statements.coda")
    coda.parse_coda = fake("coda")  # type: ignore[attr-defined]
    camt = types.ModuleType("eigenkracht.payments.statements.camt")
    camt.parse_camt053 = fake("camt053")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "eigenkracht.payments.statements.coda", coda)
    monkeypatch.setitem(sys.modules, "eigenkracht.payments.statements.camt", camt)
    return calls


def test_parse_statement_dispatches_on_the_detected_format(fake_parsers):
    assert parse_statement(CODA).format == "coda"
    assert parse_statement(CAMT_BODY.encode()).format == "camt053"
    booking = Booking(dt.date(2026, 3, 16), 2000, "Jan", "BE71096123456769")
    assert parse_statement(make_bank_csv("kbc", [booking])).format == "csv:kbc"
    assert fake_parsers == [("coda", CODA), ("camt053", CAMT_BODY.encode())]


def test_staff_can_override_the_format(fake_parsers):
    data = make_bank_csv("ing", [])

    assert parse_statement(data, format="coda").format == "coda"
    assert parse_statement(data, format="camt053").format == "camt053"
    assert [name for name, _ in fake_parsers] == ["coda", "camt053"]
    with pytest.raises(StatementError):  # a CODA file forced through the CSV reader
        parse_statement(CODA, format="csv")


def test_override_as_csv_reads_through_the_mapping():
    data = b"Date,Amount\n2026-03-16,20.00\n"
    mapping = ColumnMapping(date="Date", amount="Amount", decimal_separator=".")

    statement = parse_statement(data, format="csv", mapping=mapping)

    assert statement.format == "csv:mapping"
    assert statement.transactions[0].amount_cents == 2000


def test_an_unknown_format_name_is_refused():
    with pytest.raises(StatementError, match="Onbekend formaat 'pdf'"):
        parse_statement(CODA, format="pdf")
