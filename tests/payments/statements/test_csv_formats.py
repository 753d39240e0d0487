"""Bank CSV exports: each bank in Dutch and French, the column mapping, and every malformed case."""

import codecs
import datetime as dt

import pytest

from eigenkracht.payments.statements.base import AccountSummary, StatementError
from eigenkracht.payments.statements.csv_formats import (
    ColumnMapping,
    CsvLayoutUnknown,
    header_columns,
    header_signature,
    parse_amount_cents,
    parse_bank_csv,
    parse_date,
)
from tests.fixtures_gen.csv_banks import (
    BANKS,
    DEFAULT_ACCOUNT,
    HEADERS,
    LANGUAGES,
    Booking,
    expected_transactions,
    make_bank_csv,
    make_ogm,
)

OGM = "010806817183"  # +++010/8068/17183+++, from the payment facts
OTHER_OGM = make_ogm(4_567_890)
DAY = dt.date(2026, 3, 16)

BOOKINGS = [
    Booking(DAY, 2000, "Jan Peeters", "BE71096123456769", "KREDBEBB", OGM, structured=True),
    Booking(
        DAY,
        123456,
        "Hélène Dubois-Müller",
        "BE62510007547061",
        "GEBABEBB",
        "inschrijving +++010/8068/17183+++ en collega",
        value_date=dt.date(2026, 3, 15),
    ),
    Booking(DAY, -1, "Bank", "", "", "kosten"),
    Booking(dt.date(2026, 3, 17), 6000, 'Zorg & Co; "Oost"', "NL91ABNA0417164300", "ABNANL2A", ""),
    Booking(dt.date(2026, 3, 17), 2000, "Els Claes", "BE43068999999501", "GKCCBEBB", "Els Gent"),
    Booking(dt.date(2026, 3, 18), -250000, "Zaalverhuur NV", "BE76096123456789", "", "factuur 7"),
    Booking(dt.date(2026, 3, 18), 2000, "Geert Maes", "BE05001234567890", "", OTHER_OGM, True),
]


def _fields(transactions, expected):
    keys = expected[0].keys()
    return [{k: getattr(t, k) for k in keys} for t in transactions]


# --------------------------------------------------------------------------------------------
# Each bank, both languages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bank", BANKS)
def test_each_bank_export_reads_back_what_was_generated(bank, language):
    data = make_bank_csv(bank, BOOKINGS, language=language)

    statement = parse_bank_csv(data)

    expected = expected_transactions(BOOKINGS, bank=bank)
    assert statement.format == f"csv:{bank}"
    assert statement.account == DEFAULT_ACCOUNT
    assert _fields(statement.transactions, expected) == expected
    assert len({t.bank_id for t in statement.transactions}) == len(BOOKINGS)
    assert str(statement.notes[0]).startswith("Herkend als")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bank", BANKS)
def test_thousands_separators_and_other_spellings_of_amounts(bank, language):
    data = make_bank_csv(bank, BOOKINGS, language=language, amount_style="thousands")

    amounts = [t.amount_cents for t in parse_bank_csv(data).transactions]

    assert amounts == [b.amount_cents for b in BOOKINGS]
    assert b"1.234,56" in data


def test_bnp_french_export_with_bom_and_the_bank_reference_as_id():
    data = make_bank_csv("bnp", BOOKINGS, language="fr")
    assert data.startswith(codecs.BOM_UTF8)
    assert "Nº de séquence;Date d'exécution".encode() in data

    statement = parse_bank_csv(data)

    assert "Frans" in str(statement.notes[0])
    assert "UTF-8 met BOM" in str(statement.notes[1])
    assert statement.transactions[0].bank_id == "ref:2603160000000001"
    assert statement.transactions[0].line == "regel 2"


def test_bnp_uses_the_sequence_number_when_details_hold_no_bank_reference():
    header = HEADERS[("bnp", "nl")]
    row = "2027-0001;02/01/2027;02/01/2027;20,00;EUR;BE68539007547034;Overschrijving in euro;"
    row += "BE71096123456769;JAN PEETERS;+++010/8068/17183+++;OVERSCHRIJVING;Geaccepteerd;"
    statement = parse_bank_csv(f"{header}\n{row}\n".encode())

    assert statement.transactions[0].bank_id == "2027-0001"
    assert statement.transactions[0].structured is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_belfius_metadata_lines_above_the_header_are_skipped(language):
    data = make_bank_csv("belfius", BOOKINGS, language=language)
    lines = data.decode("cp1252").split("\r\n")
    assert lines[12].startswith(("Rekening;", "Compte;"))  # twelve metadata lines above it

    statement = parse_bank_csv(data)

    assert [t.line for t in statement.transactions[:2]] == ["regel 14", "regel 15"]
    assert statement.transactions[0].bank_id == "00001/001/2026-03-16"
    assert "Windows-1252" in str(statement.notes[1])


def test_kbc_rows_separated_by_carriage_returns_get_their_physical_line_numbers():
    data = make_bank_csv("kbc", BOOKINGS)
    assert b"\r\n" not in data and data.count(b"\r") == len(BOOKINGS) + 1

    statement = parse_bank_csv(data)

    assert [t.line for t in statement.transactions] == [f"regel {n}" for n in range(2, 9)]


def test_kbc_structured_column_with_an_invalid_reference_stays_text():
    header = HEADERS[("kbc", "nl")]
    cells = [
        "BE68539007547034",
        "",
        "VZW",
        "EUR",
        "  02026001",
        "16/03/2026",
        "OVERSCHRIJVING",
        "16/03/2026",
        "20,00",
        "100,00",
        "20,00",
        "",
        "BE71096123456769",
        "KREDBEBB",
        "Jan Peeters",
        "",
        "010/8068/17180",  # wrong check digits
        "vorming Gent",
    ]
    statement = parse_bank_csv(f"{header}\r{';'.join(cells)}\r".encode())

    tx = statement.transactions[0]
    assert tx.structured is False
    assert tx.communication == "010/8068/17180 vorming Gent"


def test_a_file_re_saved_with_commas_or_tabs_is_still_recognised():
    for delimiter in (",", "\t"):
        data = make_bank_csv("ing", BOOKINGS, delimiter=delimiter)
        statement = parse_bank_csv(data)
        assert statement.format == "csv:ing"
        assert [t.amount_cents for t in statement.transactions] == [
            b.amount_cents for b in BOOKINGS
        ]


def test_old_belgian_account_numbers_become_ibans():
    header = HEADERS[("ing", "nl")]
    row = "539-0075470-34;VZW;;12;16/03/2026;16/03/2026;20,00;EUR;Storting;;test"
    statement = parse_bank_csv(f"{header}\r\n{row}\r\n".encode())

    assert statement.account == "BE68539007547034"


def test_a_quoted_field_over_two_lines_keeps_later_line_numbers_physical():
    header = HEADERS[("ing", "nl")]
    first = 'BE68539007547034;VZW;;1;16/03/2026;16/03/2026;20,00;EUR;"twee\nregels";;a'
    second = "BE68539007547034;VZW;;2;16/03/2026;16/03/2026;30,00;EUR;x;;b"
    statement = parse_bank_csv(f"{header}\n{first}\n{second}\n".encode())

    assert [t.line for t in statement.transactions] == ["regel 2", "regel 4"]


def test_ing_communication_found_in_the_description_when_the_message_column_is_empty():
    header = HEADERS[("ing", "fr")]
    row = (
        "BE64363254694152;VZW;BE29433117044164;976;21/09/2026;21/09/2026;20,00;EUR;"
        "Instantoverschrijving in euro Van: BAITA VZW - BE29433117044164 Instant op 21/09 - "
        "11:09:03 Mededeling: +++010/8068/17183+++;;"
    )
    tx = parse_bank_csv(f"{header}\n{row}\n".encode()).transactions[0]

    assert (tx.communication, tx.structured) == (OGM, True)
    assert tx.counterparty_name == "BAITA VZW"
    assert tx.bank_id == "976/2026-09-21"


def test_public_sample_shaped_bnp_rows():
    """Shapes seen in public BNP exports: "2023-" or no sequence number, dot decimals, integer
    amounts, the structured communication as bare digits, a refused order."""
    header = HEADERS[("bnp", "fr")]
    rows = [
        "2023-00127;28/03/2023;28/03/2023;18;EUR;BE68539007547034;Virement en euros;"
        "BE71096123456769;A B;Souper;VIREMENT EN EUROS DU COMPTE BE71 0961 2345 6769 BIC GKCCBEBB"
        " A B COMMUNICATION : SOUPER REFERENCE BANQUE : 23032412000 DATE VALEUR : 28/03/2023;"
        "Accepté;",
        ";21/03/2023;21/03/2023;-100.87;EUR;BE68539007547034;Virement en euros;"
        "BE71096123456769;C D;010806817183;VIREMENT EN EUROS AU COMPTE COMMUNICATION : "
        "010806817183;Accepté;",
        "2023-;21/03/2023;21/03/2023;81;EUR;BE68539007547034;Virement en euros;"
        "BE71096123456769;E F;;PAS DE COMMUNICATION;Refusé;Solde insuffisant",
    ]
    data = ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode()

    statement = parse_bank_csv(data)

    first, second = statement.transactions
    assert (first.amount_cents, first.bank_id, first.counterparty_bic) == (
        1800,
        "ref:23032412000",
        "GKCCBEBB",
    )
    assert (second.amount_cents, second.structured, second.communication) == (-10087, True, OGM)
    assert second.bank_id.startswith("key:")
    assert any("regel 4 (Solde insuffisant)" in note for note in map(str, statement.notes))


def test_refused_bnp_orders_are_skipped_with_a_note():
    bookings = [*BOOKINGS[:2], Booking(DAY, 2000, "X", "BE71096123456769", refused=True)]
    statement = parse_bank_csv(make_bank_csv("bnp", bookings))

    assert len(statement.transactions) == 2
    assert "1 geweigerde verrichting(en) overgeslagen: regel 4 (Onvoldoende saldo)." in map(
        str, statement.notes
    )


# --------------------------------------------------------------------------------------------
# Bank ids: identical payments, stability


TWIN = Booking(DAY, 2000, "Jan Peeters", "BE71096123456769", "KREDBEBB", "vorming Gent")


@pytest.mark.parametrize("bank", BANKS)
def test_two_identical_payments_stay_two_with_different_bank_ids(bank):
    data = make_bank_csv(bank, [TWIN, TWIN, BOOKINGS[0]], bank_ids=False)

    transactions = parse_bank_csv(data).transactions

    assert len(transactions) == 3
    assert transactions[0].bank_id != transactions[1].bank_id
    assert transactions[0].bank_id.endswith("#1") and transactions[1].bank_id.endswith("#2")


@pytest.mark.parametrize("bank_ids", [True, False])
@pytest.mark.parametrize("bank", BANKS)
def test_the_same_file_parsed_twice_gives_the_same_bank_ids(bank, bank_ids):
    data = make_bank_csv(bank, [*BOOKINGS, TWIN, TWIN], bank_ids=bank_ids)

    first = [t.bank_id for t in parse_bank_csv(data).transactions]
    second = [t.bank_id for t in parse_bank_csv(data).transactions]

    assert first == second
    assert len(set(first)) == len(first)


def test_an_overlapping_kbc_export_gives_the_same_ids_for_the_same_bookings():
    # KBC has no per-booking number: the ids come from the content and repeat across exports.
    bookings = [*BOOKINGS, TWIN, TWIN]
    early = parse_bank_csv(make_bank_csv("kbc", bookings[:5])).transactions
    late = parse_bank_csv(make_bank_csv("kbc", bookings[3:])).transactions

    assert [t.bank_id for t in early[3:]] == [t.bank_id for t in late[:2]]
    assert len({t.bank_id for t in late}) == len(late)


def test_a_bank_sequence_number_that_repeats_in_one_file_loses_no_line():
    header = HEADERS[("ing", "nl")]
    row = "BE68539007547034;VZW;;7;16/03/2026;16/03/2026;20,00;EUR;x;;a"
    transactions = parse_bank_csv(f"{header}\n{row}\n{row}\n".encode()).transactions

    assert [t.bank_id for t in transactions] == ["7/2026-03-16", "7/2026-03-16#2"]


# --------------------------------------------------------------------------------------------
# Structured communication


@pytest.mark.parametrize(
    ("written", "communication", "structured"),
    [
        ("+++010/8068/17183+++", OGM, True),
        ("***010/8068/17183***", OGM, True),
        ("010/8068/17183", OGM, True),
        ("010806817183", OGM, True),
        ("+++ 010 / 8068 / 17183 +++", OGM, True),
        ("+++000/0000/09797+++", "000000009797", True),
        ("+++010/8068/17180+++", "+++010/8068/17180+++", False),  # wrong check digits
        ("+++010/8068/17183***", "+++010/8068/17183***", False),  # mismatched wrappers
        ("inschrijving +++010/8068/17183+++", "inschrijving +++010/8068/17183+++", False),
        ("Jan Peeters vorming Gent", "Jan Peeters vorming Gent", False),
        ("", "", False),
    ],
)
@pytest.mark.parametrize("bank", ["bnp", "belfius", "ing"])
def test_structured_only_when_the_whole_field_is_one_valid_ogm(
    bank, written, communication, structured
):
    booking = Booking(DAY, 2000, "Jan Peeters", "BE71096123456769", "", written)
    tx = parse_bank_csv(make_bank_csv(bank, [booking])).transactions[0]

    assert (tx.communication, tx.structured) == (communication, structured)


@pytest.mark.parametrize("style", ["+++", "***", "slashes", "digits"])
def test_kbc_structured_column_in_any_spelling(style):
    booking = Booking(DAY, 2000, "Jan Peeters", "BE71096123456769", "", OGM, structured=True)
    tx = parse_bank_csv(make_bank_csv("kbc", [booking], ogm_style=style)).transactions[0]

    assert (tx.communication, tx.structured) == (OGM, True)


# --------------------------------------------------------------------------------------------
# Amounts and dates


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ("1.234,56", 123456),
        ("-0,01", -1),
        ("-20,00", -2000),
        ("+20,00", 2000),
        ("20", 2000),
        ("1234,5", 123450),
        ("1.234.567,89", 123456789),
        ("35.98", 3598),  # a dot-decimal some BNP exports write
        ("1.234", 123400),  # thousands, never 1.234 euro
        ("1,234.56", 123456),
        ("€ 20,00", 2000),
        ("20,00 EUR", 2000),
        ("20,00-", -2000),
        (" 1 234,56 ", 123456),
        ("0,00", 0),
    ],
)
def test_amounts_in_exact_cents(raw, cents):
    assert parse_amount_cents(raw) == cents


@pytest.mark.parametrize(
    "raw", ["1,234", "12,345", "0,001", "abc", "", "-", "1.23.4", "--5", "1,2,3", "12.34.56,7"]
)
def test_amounts_refused(raw):
    with pytest.raises(ValueError):
        parse_amount_cents(raw)


def test_amounts_with_a_decimal_point_mapping():
    assert parse_amount_cents("1,234.56", ".") == 123456
    assert parse_amount_cents("-12.5", ".") == -1250
    assert parse_amount_cents("1,234", ".") == 123400
    with pytest.raises(ValueError, match="meer dan 2 decimalen"):
        parse_amount_cents("1.234", ".")


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        ("05/03/2026", dt.date(2026, 3, 5)),
        ("5-3-2026", dt.date(2026, 3, 5)),
        ("05.03.2026", dt.date(2026, 3, 5)),
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("05/03/2026 10:23:44", dt.date(2026, 3, 5)),
    ],
)
def test_dates(raw, date):
    assert parse_date(raw) == date


@pytest.mark.parametrize("raw", ["31/02/2026", "05/03/26", "2026/03/05", "maart", "13-13-2026"])
def test_dates_refused(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_dates_in_other_mapping_formats():
    assert parse_date("03/05/2026", "mm/dd/yyyy") == dt.date(2026, 3, 5)
    assert parse_date("20260305", "yyyymmdd") == dt.date(2026, 3, 5)
    with pytest.raises(ValueError):
        parse_date("05/03/2026", "yyyy-mm-dd")


# --------------------------------------------------------------------------------------------
# Any other CSV: the column mapping

GENERIC = (
    b"Export of account BE68 5390 0754 7034\n"
    b"\n"
    b"Date,Amount,Payer,Payer IBAN,Reference,Id\n"
    b'2026-03-16,20.00,"Peeters, Jan",BE71 0961 2345 6769,+++010/8068/17183+++,A1\n'
    b'2026-03-16,"1,234.56",Els Claes,BE43068999999501,Els vorming Gent,\n'
    b"2026-03-16,20.00,Els Claes,BE43068999999501,Els vorming Gent,\n"
    b"2026-03-16,20.00,Els Claes,BE43068999999501,Els vorming Gent,\n"
)

GENERIC_MAPPING = ColumnMapping(
    date="date",
    amount="Amount",
    counterparty_name="Payer",
    counterparty_iban="payer iban",
    communication="Reference",
    bank_id="Id",
    date_format="yyyy-mm-dd",
    decimal_separator=".",
    fixed_account="BE68 5390 0754 7034",
)


def test_an_unknown_layout_without_mapping_lists_the_columns_found():
    with pytest.raises(CsvLayoutUnknown) as caught:
        parse_bank_csv(GENERIC)

    assert caught.value.columns == ["Date", "Amount", "Payer", "Payer IBAN", "Reference", "Id"]
    assert caught.value.signature == header_signature(GENERIC)
    assert "Date, Amount, Payer" in str(caught.value)
    assert isinstance(caught.value, StatementError)
    assert header_columns(GENERIC) == caught.value.columns


def test_the_mapping_reads_any_csv_with_the_same_rules():
    statement = parse_bank_csv(GENERIC, mapping=GENERIC_MAPPING)

    first, second, third, fourth = statement.transactions
    assert statement.format == "csv:mapping"
    assert statement.account == "BE68539007547034"
    assert (first.booking_date, first.amount_cents, first.structured) == (DAY, 2000, True)
    assert (first.counterparty_name, first.counterparty_iban) == (
        "Peeters, Jan",
        "BE71096123456769",
    )
    assert (first.bank_id, first.line) == ("A1", "regel 4")
    assert second.amount_cents == 123456
    assert third.bank_id != fourth.bank_id
    assert third.bank_id.endswith("#1") and fourth.bank_id.endswith("#2")


def test_mapping_with_credit_and_debit_columns_in_a_tab_separated_file():
    data = (
        "Boekdatum\tCredit\tDebet\tNaam\tOmschrijving\tRekening\n"
        "16-03-2026\t20,00\t\tJan\t***010/8068/17183***\tBE68 5390 0754 7034\n"
        "17-03-2026\t\t12,50\tShop\tfactuur\tBE68 5390 0754 7034\n"
        "18-03-2026\t\t-7,00\tShop\tfactuur\tBE68 5390 0754 7034\n"
    ).encode("cp1252")
    mapping = ColumnMapping(
        date="Boekdatum",
        credit="Credit",
        debit="Debet",
        counterparty_name="Naam",
        communication="Omschrijving",
        account="Rekening",
    )

    transactions = parse_bank_csv(data, mapping=mapping).transactions

    assert [t.amount_cents for t in transactions] == [2000, -1250, -700]
    assert transactions[0].structured is True
    assert {t.account for t in transactions} == {"BE68539007547034"}


def test_a_mapping_whose_columns_are_missing_asks_for_the_mapping_again():
    mapping = ColumnMapping(date="Datum", amount="Bedrag")
    with pytest.raises(CsvLayoutUnknown, match="Gezocht: Bedrag, Datum"):
        parse_bank_csv(GENERIC, mapping=mapping)


def test_mapping_validation_and_storage():
    with pytest.raises(ValueError):
        ColumnMapping(date="Datum")
    with pytest.raises(ValueError):
        ColumnMapping(date="Datum", amount="Bedrag", decimal_separator=";")
    with pytest.raises(ValueError):
        ColumnMapping(date="Datum", amount="Bedrag", date_format="dd/mm/yy")
    assert ColumnMapping.from_dict({**GENERIC_MAPPING.as_dict(), "x": 1}) == GENERIC_MAPPING


def test_header_signature_ignores_encoding_delimiter_case_and_metadata():
    nl = make_bank_csv("belfius", BOOKINGS)
    plain = make_bank_csv("belfius", BOOKINGS, metadata=False, encoding="utf-8", delimiter=",")
    shouting = HEADERS[("belfius", "nl")].upper().encode() + b"\n"

    assert header_signature(nl) == header_signature(plain) == header_signature(shouting)
    assert header_signature(nl) != header_signature(make_bank_csv("belfius", [], language="fr"))


# --------------------------------------------------------------------------------------------
# Malformed files


def _bnp_with(row_cells: dict[int, str]) -> bytes:
    booking = Booking(DAY, 2000, "Jan Peeters", "BE71096123456769", "", "test")
    lines = make_bank_csv("bnp", [booking, booking]).decode("utf-8-sig").split("\r\n")
    cells = lines[2].split(";")
    for index, value in row_cells.items():
        cells[index] = value
    lines[2] = ";".join(cells)
    return "\r\n".join(lines).encode("utf-8-sig")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({1: "31/02/2026"}, 'regel 3: kolom "Uitvoeringsdatum": ongeldige datum'),
        ({1: ""}, 'regel 3: kolom "Uitvoeringsdatum": de datum ontbreekt'),
        ({2: "morgen"}, 'regel 3: kolom "Valutadatum": ongeldige datum'),
        ({3: "twintig"}, "regel 3: kolom \"Bedrag\": ongeldig bedrag 'twintig'"),
        ({3: "20,001"}, "regel 3: kolom \"Bedrag\": bedrag '20,001' heeft meer dan 2 decimalen"),
        ({3: ""}, "regel 3: het bedrag ontbreekt"),
    ],
)
def test_a_bad_row_names_its_line(cells, message):
    with pytest.raises(StatementError) as caught:
        parse_bank_csv(_bnp_with(cells))

    assert str(caught.value).startswith(message)
    assert caught.value.where == "regel 3"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n\r\n",
        codecs.BOM_UTF8 + b"\r\n",
    ],
)
def test_an_empty_file_is_refused(data):
    with pytest.raises(StatementError, match="leeg"):
        parse_bank_csv(data)


@pytest.mark.parametrize("bank", BANKS)
def test_a_header_only_file_is_valid_with_no_transactions(bank):
    statement = parse_bank_csv(make_bank_csv(bank, []))

    assert statement.transactions == []
    assert statement.format == f"csv:{bank}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "geen leesbare tekst"),
        (HEADERS[("ing", "nl")].encode("utf-16-le"), "geen leesbare tekst"),
        (b"Datum;Bedrag\r\n01/01/2026;\x00\x01\x02", "regel 2"),
        (codecs.BOM_UTF8 + "Datum;Bedrag\n01/01/2026;5\n".encode("cp1252") + b"\xe9", "UTF-8"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel"),
        (b"%PDF-1.7\n", "PDF"),
    ],
)
def test_a_file_in_another_encoding_or_binary_is_refused(data, message):
    with pytest.raises(StatementError, match=message):
        parse_bank_csv(data)


def test_a_cp1252_file_is_read_as_such():
    booking = Booking(DAY, 2000, "Hélène Çelik", "BE71096123456769", "", "vorming Liège")
    data = make_bank_csv("bnp", [booking], encoding="cp1252")

    tx = parse_bank_csv(data).transactions[0]

    assert (tx.counterparty_name, tx.communication) == ("Hélène Çelik", "vorming Liège")


def test_utf16_with_bom_is_read():
    text = make_bank_csv("ing", BOOKINGS[:2], encoding="utf-8").decode()
    data = codecs.BOM_UTF16_LE + text.replace(";", "\t").encode("utf-16-le")

    assert len(parse_bank_csv(data).transactions) == 2


@pytest.mark.parametrize(
    ("header", "bank"),
    [
        (HEADERS[("bnp", "fr")].replace("Nº de séquence", "Numéro de séquence"), "bnp"),
        (HEADERS[("bnp", "fr")].replace("Nº de séquence", "N° de séquence"), "bnp"),
        (
            HEADERS[("belfius", "nl")].replace("Rekeninguittrekselnummer", "Afschriftnummer"),
            "belfius",
        ),
        (HEADERS[("kbc", "nl")].upper(), "kbc"),
        (HEADERS[("ing", "fr")].replace("é", "e"), "ing"),
    ],
)
def test_header_spellings_seen_in_public_parsers(header, bank):
    assert parse_bank_csv(f"{header}\r\n".encode()).format == f"csv:{bank}"


# --------------------------------------------------------------------------------------------
# What the file says about its accounts


@pytest.mark.parametrize("bank", BANKS)
def test_the_account_and_period_come_from_the_lines_and_no_balance_is_invented(bank):
    statement = parse_bank_csv(make_bank_csv(bank, BOOKINGS))

    assert statement.accounts == [
        AccountSummary(
            account=DEFAULT_ACCOUNT,
            currency="EUR",
            first_date=DAY,
            last_date=dt.date(2026, 3, 18),
            opening_cents=None,
            closing_cents=None,
        )
    ]
