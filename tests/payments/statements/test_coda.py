"""The CODA reader: the public sample, generated files round trip, and malformed files."""

import datetime as dt
import os
import random
from pathlib import Path

import pytest

from eigenkracht.banking.ogm import ogm_generate
from eigenkracht.payments.statements.base import AccountSummary, StatementError
from eigenkracht.payments.statements.coda import parse_coda
from tests.fixtures_gen.coda import (
    DEFAULT_DATE,
    CodaMovement,
    CodaStatement,
    coda_lines,
    expected_bank_ids,
    make_coda,
    statements_for,
)

OUR_IBAN = "BE68539007547034"
OTHER_IBAN = "BE71096123456769"


def _shared_data() -> Path:
    if os.environ.get("EK_SHARED_DATA"):
        return Path(os.environ["EK_SHARED_DATA"])
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


SAMPLE = _shared_data() / "bank-statements" / "oca-sample.coda"


def _set(line: str, position: int, value: str) -> str:
    """Overwrite `line` from `position` (1-based, as the standard counts) with `value`."""
    start = position - 1
    return line[:start] + value + line[start + len(value) :]


def _file(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _one(*movements: CodaMovement, **fields) -> CodaStatement:
    return CodaStatement(account_iban=OUR_IBAN, movements=list(movements), **fields)


def _error(data: bytes, **kwargs) -> StatementError:
    with pytest.raises(StatementError) as caught:
        parse_coda(data, **kwargs)
    return caught.value


# --- the public sample ------------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/data with the public samples is absent")
class TestPublicSample:
    """Values read by hand from the raw records of oca-sample.coda (positions per annex I)."""

    def test_reads_every_booking_with_details_instead_of_their_totals(self):
        parsed = parse_coda(SAMPLE.read_bytes(), check_balances=False)
        assert parsed.format == "coda"
        assert parsed.account == "BE46737018594236"
        assert [t.bank_id for t in parsed.transactions] == [
            "2012-135/0001",
            "2012-135/0002",
            "2012-135/0003/0001",
            "2012-135/0003/0002",
            "2012-135/0004/0001",
            "2012-135/0004/0002",
            "2012-135/0005",
        ]
        assert [t.amount_cents for t in parsed.transactions] == [
            -43500,
            304445,
            -41992,
            -5912,
            -41992,
            -5912,
            6374,
        ]
        # the trailer's totals: debit 1.393,080 and credit 3.108,190
        assert sum(t.amount_cents for t in parsed.transactions if t.amount_cents < 0) == -139308
        assert sum(t.amount_cents for t in parsed.transactions if t.amount_cents > 0) == 310819
        assert {t.account for t in parsed.transactions} == {"BE46737018594236"}
        assert {t.booking_date for t in parsed.transactions} == {dt.date(2012, 1, 11)}

    def test_the_account_its_day_and_balances_as_the_records_give_them(self):
        parsed = parse_coda(SAMPLE.read_bytes(), check_balances=False)
        # Record 1: old balance 11.812,700; record 8: new balance 13.646,050 on 11/01/12 (it
        # names another account and does not follow from the movements: two notes say so).
        assert parsed.accounts == [
            AccountSummary(
                account="BE46737018594236",
                currency="EUR",
                first_date=dt.date(2012, 1, 11),
                last_date=dt.date(2012, 1, 11),
                opening_cents=1181270,
                closing_cents=1364605,
            )
        ]

    def test_structured_reference_and_counterparties(self):
        parsed = parse_coda(SAMPLE.read_bytes(), check_balances=False)
        by_id = {t.bank_id: t for t in parsed.transactions}
        ogm = by_id["2012-135/0002"]
        assert ogm.structured is True
        assert ogm.communication == "240283842818"
        assert (ogm.counterparty_name, ogm.counterparty_iban, ogm.counterparty_bic) == (
            "PARTNER 2",
            "BE61310126985517",
            "BBRUBEBB",
        )
        first = by_id["2012-135/0001"]
        assert (first.communication, first.structured) == ("MEDEDELING", False)
        assert (first.counterparty_name, first.counterparty_iban, first.counterparty_bic) == (
            "PARTNER 1",
            "BE41063012345610",
            "GKCCBEBB",
        )
        refund = by_id["2012-135/0005"]
        assert refund.communication == "TERUGGAVE 37232481 8400083296 ."
        assert (refund.counterparty_name, refund.counterparty_iban) == (
            "KBC VERZEKERINGEN NV",
            "BE43730004200601",
        )
        detail = by_id["2012-135/0003/0001"]
        assert detail.communication == "KBC-INVESTERINGSKREDIET 737-6543210-21"  # the total's
        assert detail.value_date == dt.date(2011, 1, 12)
        assert detail.line == "regel 13"

    def test_its_balances_do_not_add_up_and_that_is_refused_by_default(self):
        # Record 8 names BE44734024486445 and 13.646,05; record 1 BE46737018594236 and
        # 11.812,70, and 11.812,70 - 1.393,08 + 3.108,19 = 13.527,81.
        error = _error(SAMPLE.read_bytes())
        assert error.where == "regel 23"
        assert "BE44734024486445" in error.message
        notes = " ".join(map(str, parse_coda(SAMPLE.read_bytes(), check_balances=False).notes))
        assert "13.527,81" in notes
        assert "13.646,05" in notes


# --- generated files ------------------------------------------------------------------------


_PHRASE = (
    "inschrijving vorming Gent Brugge Lede Hasselt Jan Peeters Marie Janssens Hélène Dupré "
    "Çelik Ahmed El-Amrani +++010/8068/17183+++ 010/8068/17183 ocmw CAW CLB 20,00 EUR € "
    "naam & plaats: ; 'quote' (haakjes) 12/03/2025 deelname collega's"
)
WORDS = _PHRASE.split()
NAMES = ["Jan Peeters", "Hélène Dupré", "OCMW Gent", "An De Smet-Vermeulen", "Çelik Ahmet"]


def _random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40)))[:380]


def _random_movement(rng: random.Random, *, detail: bool = False) -> CodaMovement:
    amount = rng.choice([2000, 4000, 6000, 1, 99, 123456]) * rng.choice([1, 1, 1, -1])
    kind = rng.random()
    communication = (
        {"ogm": ogm_generate()}
        if kind < 0.5
        else {"text": _random_text(rng)}
        if kind < 0.9 or not detail
        else {}
    )
    party = rng.random()
    return CodaMovement(
        amount,
        counterparty_name=rng.choice(NAMES) if party < 0.9 and not 0.3 <= party < 0.4 else "",
        counterparty_iban=OTHER_IBAN if party < 0.8 else "",
        counterparty_bic="GKCCBEBB" if party < 0.6 else "",
        counterparty_street="Kerkstraat 1" if party < 0.2 else "",
        counterparty_locality="9340 Lede" if party < 0.2 else "",
        name_in_information=0.2 <= party < 0.3,
        **communication,
    )


def _expected(statements: list[CodaStatement]) -> list[tuple]:
    """(amount, communication, structured, name, iban, bic) per booking, as documented."""

    def own(m: CodaMovement) -> tuple:
        communication = m.ogm or " ".join(m.text.split())
        party = (m.counterparty_name, m.counterparty_iban, m.counterparty_bic)
        return (communication, bool(m.ogm), *party)

    rows = []
    for statement in statements:
        for movement in statement.movements:
            parent = own(movement)
            leaves = movement.details or [movement]
            for leaf in leaves:
                communication, structured, name, iban, bic = own(leaf)
                if movement.details:
                    if not communication:
                        communication, structured = parent[0], parent[1]
                    if not (name or iban):
                        name, iban, bic = parent[2], parent[3], parent[4]
                rows.append((leaf.amount_cents, communication, structured, name, iban, bic))
    return rows


def _actual(parsed) -> list[tuple]:
    return [
        (
            t.amount_cents,
            t.communication,
            t.structured,
            t.counterparty_name,
            t.counterparty_iban,
            t.counterparty_bic,
        )
        for t in parsed.transactions
    ]


@pytest.mark.parametrize("seed", range(5))
def test_random_generated_files_round_trip(seed):
    rng = random.Random(seed)
    statements = []
    balance = rng.randint(-(10**6), 10**6)
    for number in range(1, rng.randint(2, 4)):
        movements = []
        for _ in range(rng.randint(0, 25)):
            if rng.random() < 0.15:
                details = [_random_movement(rng, detail=True) for _ in range(rng.randint(1, 4))]
                total = CodaMovement(
                    text=rng.choice(["", "globalisatie inkomende betalingen"]), details=details
                )
                movements.append(total)
            else:
                movements.append(_random_movement(rng))
        statement = CodaStatement(
            account_iban=OUR_IBAN,
            movements=movements,
            number=number,
            date=DEFAULT_DATE + dt.timedelta(days=number),
            old_balance_cents=balance,
        )
        balance = statement.new_balance()
        statements.append(statement)
    encoding, newline = rng.choice([("cp1252", "\r\n"), ("utf-8", "\n"), ("cp1252", "\n")])

    parsed = parse_coda(make_coda(statements, encoding=encoding, newline=newline))

    assert _actual(parsed) == _expected(statements)
    assert [t.bank_id for t in parsed.transactions] == expected_bank_ids(statements)
    assert all(t.account == OUR_IBAN and t.currency == "EUR" for t in parsed.transactions)


def test_long_free_text_continues_over_2_2_2_3_and_3_x_without_breaking_words():
    text = "Inschrijving vorming 'Eigen Kracht' te Gent voor Marie Janssens " * 5
    statement = _one(CodaMovement(2000, text=text, counterparty_name="Marie Janssens"))
    lines = coda_lines([statement])
    assert [line[:2] for line in lines[2:-2]] == ["21", "22", "23", "31", "32"]
    assert lines[2][62:115].endswith(" voor Mari")  # the bank cuts mid-word...
    assert lines[3][10:].startswith("e Janssens")
    (transaction,) = parse_coda(make_coda([statement])).transactions
    assert transaction.communication == " ".join(text.split())  # ...and the reader rejoins


def test_structured_communication_ignores_free_information_records():
    statement = _one(CodaMovement(2000, ogm="010806817183", counterparty_name="Jan Peeters"))
    lines = coda_lines([statement])
    info = "3100010001" + "REF".ljust(21) + "00150000" + "0" + "extra uitleg".ljust(73)
    info = info.ljust(125) + "0 0"
    lines[3] = _set(lines[3], 128, "1")
    lines.insert(4, info)
    lines[-1] = _set(lines[-1], 17, "000005")
    (transaction,) = parse_coda(_file(lines)).transactions
    assert (transaction.communication, transaction.structured) == ("010806817183", True)


def test_free_information_records_are_appended_to_free_text():
    statement = _one(CodaMovement(2000, text="vorming Gent", counterparty_name="Jan Peeters"))
    lines = coda_lines([statement])
    info = "3100010001" + "REF".ljust(21) + "00150000" + "0" + "Jan Peeters en An".ljust(73)
    lines.insert(4, info.ljust(125) + "0 0")
    lines[-1] = _set(lines[-1], 17, "000005")
    (transaction,) = parse_coda(_file(lines)).transactions
    assert transaction.communication == "vorming Gent Jan Peeters en An"


def test_reconstituted_ogm_type_102_is_structured_and_other_types_are_not_a_message():
    statement = _one(CodaMovement(2000, ogm="010806817183"), CodaMovement(3000, ogm="1" * 12))
    lines = coda_lines([statement])
    first = next(i for i, line in enumerate(lines) if line.startswith("21000100"))
    second = next(i for i, line in enumerate(lines) if line.startswith("21000200"))
    lines[first] = _set(lines[first], 63, "102")
    lines[second] = _set(lines[second], 63, "105")  # original amount: bank data
    one, two = parse_coda(_file(lines)).transactions
    assert (one.communication, one.structured) == ("010806817183", True)
    assert (two.communication, two.structured) == ("", False)


def test_counterparty_name_from_information_record_001_when_2_3_has_none():
    statement = _one(
        CodaMovement(
            2000,
            text="vorming",
            counterparty_name="Hélène Dupré",
            counterparty_iban=OTHER_IBAN,
            name_in_information=True,
            counterparty_street="Molenstraat 60",
            counterparty_locality="9340 Lede",
        )
    )
    lines = coda_lines([statement])
    assert lines[3][47:82].strip() == ""  # record 2.3 has no name
    (transaction,) = parse_coda(make_coda([statement])).transactions
    assert transaction.counterparty_name == "Hélène Dupré"
    assert transaction.communication == "vorming"  # the address is not a message


def test_globalised_movement_gives_its_details_with_their_own_counterparties():
    jan = CodaMovement(
        2000, ogm="010806817183", counterparty_name="Jan Peeters", counterparty_iban=OTHER_IBAN
    )
    an = CodaMovement(4000, text="An en Bert De Smet", counterparty_name="An De Smet")
    total = CodaMovement(details=[jan, an])
    statement = _one(total, CodaMovement(2000, ogm="000000009797"))
    lines = coda_lines([statement])
    assert lines[2][124] == "1"  # globalisation code on the total line
    parsed = parse_coda(make_coda([statement]))
    rows = [
        (t.bank_id, t.amount_cents, t.counterparty_name, t.communication)
        for t in parsed.transactions
    ]
    assert rows == [
        ("2025-001/0001/0001", 2000, "Jan Peeters", "010806817183"),
        ("2025-001/0001/0002", 4000, "An De Smet", "An en Bert De Smet"),
        ("2025-001/0002", 2000, "", "000000009797"),
    ]


def test_details_that_do_not_add_up_leave_the_total():
    total = CodaMovement(
        5000,
        text="verzamelde betalingen",
        details=[CodaMovement(2000, text="a"), CodaMovement(2000, text="b")],
    )
    parsed = parse_coda(make_coda([_one(total)]))
    (transaction,) = parsed.transactions
    assert (transaction.bank_id, transaction.amount_cents) == ("2025-001/0001", 5000)
    assert any("tellen niet op" in note for note in map(str, parsed.notes))


def test_detail_of_a_detail_nests_under_its_type_7_subtotal():
    total = CodaMovement(
        3000,
        transaction_code="20150000",
        details=[
            CodaMovement(3000, text="subtotaal", transaction_code="70150000"),
            CodaMovement(1000, text="een", transaction_code="90150000"),
            CodaMovement(2000, text="twee", transaction_code="90150000"),
        ],
    )
    parsed = parse_coda(make_coda([_one(total)]))
    assert [(t.bank_id, t.amount_cents, t.communication) for t in parsed.transactions] == [
        ("2025-001/0001/0002", 1000, "een"),
        ("2025-001/0001/0003", 2000, "twee"),
    ]


def test_several_statements_and_accounts_in_one_file():
    first = _one(CodaMovement(2000, ogm="010806817183"), number=7)
    second = CodaStatement(
        account_iban=OTHER_IBAN,
        movements=[CodaMovement(-500, text="kosten")],
        number=7,
        old_balance_cents=100,
    )
    third = _one(
        CodaMovement(2000, text="x"),
        number=8,
        date=DEFAULT_DATE + dt.timedelta(days=1),
        old_balance_cents=first.new_balance(),
    )
    parsed = parse_coda(make_coda([first, second, third]))
    assert parsed.account == OUR_IBAN
    assert [(t.account, t.bank_id) for t in parsed.transactions] == [
        (OUR_IBAN, "2025-007/0001"),
        (OTHER_IBAN, "2025-007/0001"),
        (OUR_IBAN, "2025-008/0001"),
    ]


def test_amounts_in_thousandths_become_exact_cents():
    statement = _one(CodaMovement(12_345_678_901_23), CodaMovement(-1), CodaMovement(1))
    amounts = [t.amount_cents for t in parse_coda(make_coda([statement])).transactions]
    assert amounts == [12_345_678_901_23, -1, 1]


def test_old_belgian_account_numbers_become_ibans():
    statement = _one(CodaMovement(2000, counterparty_iban="BE71096123456769"))
    lines = coda_lines([statement])
    lines[3] = _set(lines[3], 11, "096123456769 EUR".ljust(37))
    (transaction,) = parse_coda(_file(lines)).transactions
    assert transaction.counterparty_iban == "BE71096123456769"
    lines[3] = _set(lines[3], 11, "096123456768 EUR".ljust(37))  # wrong check digits
    (transaction,) = parse_coda(_file(lines)).transactions
    assert transaction.counterparty_iban == "096123456768"


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_ends_and_trailing_empty_lines_are_accepted(newline):
    data = make_coda([_one(CodaMovement(2000, text="ok"))], newline=newline)
    assert len(parse_coda(data + newline.encode() * 2).transactions) == 1


def test_encodings():
    statement = _one(CodaMovement(2000, text="€ 20 Hélène Dupré", counterparty_name="Çelik"))
    for encoding in ("cp1252", "utf-8", "utf-8-sig"):
        (transaction,) = parse_coda(make_coda([statement], encoding=encoding)).transactions
        assert (transaction.communication, transaction.counterparty_name) == (
            "€ 20 Hélène Dupré",
            "Çelik",
        )
    # Windows-1252 text that happens to be valid UTF-8 ("Ã©" is C3 A9) stays Windows-1252
    tricky = _one(CodaMovement(2000, text="CafÃ© Ã© x"))
    (transaction,) = parse_coda(make_coda([tricky], encoding="cp1252")).transactions
    assert transaction.communication == "CafÃ© Ã© x"


def test_a_separate_application_file_has_no_balances_to_check():
    statement = _one(CodaMovement(2000), separate_application="00005", new_balance_cents=0)
    parsed = parse_coda(make_coda([statement]))
    assert len(parsed.transactions) == 1
    assert any("aparte toepassing" in note for note in map(str, parsed.notes))


def test_a_trailer_that_also_counts_free_messages_is_tolerated():
    statement = _one(CodaMovement(2000), free_messages=["Nieuwe tarieven vanaf 1 april"])
    lines = coda_lines([statement])
    assert [line[0] for line in lines] == ["0", "1", "2", "8", "4", "9"]
    assert lines[-1][16:22] == "000003"  # records 1, 2.1 and 8, as the standard counts
    lines[-1] = _set(lines[-1], 17, "000004")  # the record 4 counted too
    assert len(parse_coda(_file(lines)).transactions) == 1
    lines[-1] = _set(lines[-1], 17, "000005")
    assert "meldt 5 records" in _error(_file(lines)).message


def test_statements_without_movements_and_a_duplicate_flag():
    parsed = parse_coda(make_coda([_one(duplicate=True)]))
    assert parsed.transactions == []
    assert parsed.account == OUR_IBAN
    assert any("duplicaat" in note for note in map(str, parsed.notes))


def test_statements_for_cuts_long_lists_into_following_statements():
    movements = [CodaMovement(2000, ogm=ogm_generate()) for _ in range(2500)]
    statements = statements_for(OUR_IBAN, movements, per_statement=1000, old_balance_cents=5)
    assert [len(s.movements) for s in statements] == [1000, 1000, 500]
    parsed = parse_coda(make_coda(statements))
    assert len(parsed.transactions) == 2500
    assert len({t.bank_id for t in parsed.transactions}) == 2500
    assert statements[-1].new_balance() == 5 + 2500 * 2000


# --- what the file says about its accounts ----------------------------------------------------


def test_statements_of_one_account_give_its_period_and_first_and_last_balance():
    early = CodaMovement(amount_cents=2000, text="a", entry_date=dt.date(2025, 3, 12))
    monday = _one(early, number=1, date=dt.date(2025, 3, 13), old_balance_cents=10000)
    tuesday = _one(
        CodaMovement(amount_cents=-500, text="b"),
        number=2,
        date=dt.date(2025, 3, 14),
        old_balance_cents=12000,
    )

    parsed = parse_coda(make_coda([monday, tuesday]))

    assert parsed.accounts == [
        AccountSummary(
            account=OUR_IBAN,
            currency="EUR",
            first_date=dt.date(2025, 3, 12),
            last_date=dt.date(2025, 3, 14),
            opening_cents=10000,
            closing_cents=11500,
        )
    ]


def test_a_file_with_two_accounts_sums_up_each_and_says_so():
    french = "FR7630006000011234567890189"
    data = make_coda(
        [
            _one(CodaMovement(amount_cents=2000, text="a"), old_balance_cents=-300),
            CodaStatement(
                account_iban=french,
                movements=[CodaMovement(amount_cents=700, text="b")],
                number=2,
                date=dt.date(2025, 3, 15),
            ),
        ]
    )

    parsed = parse_coda(data)

    assert [(a.account, a.opening_cents, a.closing_cents) for a in parsed.accounts] == [
        (OUR_IBAN, -300, 1700),
        (french, 0, 700),
    ]
    assert parsed.accounts[1].first_date == dt.date(2025, 3, 15)
    assert any(french in note for note in map(str, parsed.notes))


def test_a_separate_application_gives_no_balances():
    data = make_coda(
        [_one(CodaMovement(amount_cents=2000, text="a"), separate_application="00001")]
    )

    (summary,) = parse_coda(data).accounts

    assert (summary.opening_cents, summary.closing_cents) == (None, None)
    assert summary.first_date == DEFAULT_DATE


# --- malformed files --------------------------------------------------------------------------


def _lines(*movements: CodaMovement, **fields) -> list[str]:
    return coda_lines([_one(*(movements or (CodaMovement(2000, text="x"),)), **fields)])


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"   "])
def test_empty_file(data):
    assert _error(data).message == "Het bestand is leeg."


def test_csv_and_xml_are_not_coda():
    csv = "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag\n2025-0001;14/03/2025;14/03/2025;20,00\n"
    error = _error(csv.encode("utf-8-sig"))
    assert error.where == "regel 1"
    assert "geen CODA-bestand" in error.message
    assert "CSV" in error.message
    xml = (
        b'<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>'
    )
    error = _error(xml)
    assert "geen CODA-bestand" in error.message
    assert "XML" in error.message
    assert "geen CODA-bestand" in _error(b"%PDF-1.4\n\x00\x01binary").message


def test_truncated_file_without_trailer():
    lines = _lines()
    error = _error(_file(lines[:-1]))
    assert error.where == f"regel {len(lines) - 1}"
    assert "afsluitrecord" in error.message
    assert "onvolledig" in error.message


def test_a_new_header_before_the_trailer():
    lines = coda_lines([_one(CodaMovement(1)), _one(CodaMovement(2), number=2)])
    first_trailer = next(i for i, line in enumerate(lines) if line.startswith("9"))
    del lines[first_trailer]
    error = _error(_file(lines))
    assert error.where == f"regel {first_trailer + 1}"
    assert "kopregel" in error.message


@pytest.mark.parametrize("delta", [-1, +1])
def test_a_record_of_the_wrong_length(delta):
    lines = _lines()
    lines[3] = lines[3][:127] if delta < 0 else lines[3] + " "
    error = _error(_file(lines))
    assert str(error).startswith("regel 4: ")
    assert "128 tekens" in error.message
    assert str(128 + delta) in error.message


@pytest.mark.parametrize(("kind", "shown"), [("5", "'5'"), ("24", "'2.4'"), ("34", "'3.4'")])
def test_an_unknown_record_type(kind, shown):
    lines = _lines()
    lines[3] = _set(lines[3], 1, kind)
    error = _error(_file(lines))
    assert error.where == "regel 4"
    assert f"onbekend recordtype {shown}" in error.message


@pytest.mark.parametrize(
    ("position", "value", "words"),
    [
        (17, "000009", "meldt 9 records"),
        (23, "000000000001000", "debet"),
        (38, "000000000020010", "credit"),
        (17, "00000x", "geen getal"),
    ],
)
def test_bad_trailer(position, value, words):
    lines = _lines()
    lines[-1] = _set(lines[-1], position, value)
    error = _error(_file(lines))
    assert error.where == f"regel {len(lines)}"
    assert words in error.message


def test_balances_that_do_not_add_up():
    lines = _lines(old_balance_cents=10000, new_balance_cents=11000)
    error = _error(_file(lines))
    assert error.where == f"regel {len(lines) - 1}"  # the new balance
    assert error.message == (
        "oud saldo 100,00 + bewegingen 20,00 = 120,00, maar het nieuw saldo is 110,00."
    )
    parsed = parse_coda(_file(lines), check_balances=False)
    assert len(parsed.transactions) == 1
    assert any("120,00" in note for note in map(str, parsed.notes))


def test_new_balance_of_another_account():
    lines = _lines()
    lines[-2] = _set(lines[-2], 5, OTHER_IBAN)
    error = _error(_file(lines))
    assert error.where == f"regel {len(lines) - 1}"
    assert OTHER_IBAN in error.message


@pytest.mark.parametrize(
    ("position", "value", "words"),
    [
        (33, "0000000000200x0", "het bedrag '0000000000200x0' is geen getal"),
        (33, "00000000002000 ", "geen getal"),
        (33, "000000000020005", "geen geheel aantal cent"),
        (32, "2", "teken"),
        (116, "310225", "ongeldige boekingsdatum '310225'"),
        (48, "999999", "ongeldige valutadatum"),
        (116, "14 325", "ongeldige boekingsdatum"),
    ],
)
def test_bad_fields_in_a_movement(position, value, words):
    lines = _lines()
    lines[2] = _set(lines[2], position, value)
    error = _error(_file(lines))
    assert error.where == "regel 3"
    assert words in error.message


def test_bad_old_balance_and_header():
    lines = _lines()
    lines[1] = _set(lines[1], 44, "00000000000O000")
    assert _error(_file(lines)).where == "regel 2"
    lines = _lines()
    lines[0] = _set(lines[0], 6, "320125")
    error = _error(_file(lines))
    assert (error.where, "aanmaakdatum" in error.message) == ("regel 1", True)
    lines = _lines()
    lines[0] = _set(lines[0], 128, "1")
    assert "versie" in _error(_file(lines)).message


def test_records_out_of_place():
    lines = _lines(CodaMovement(2000, text="x", counterparty_name="A"))
    lines[3] = _set(lines[3], 3, "0002")  # a 2.3 of another movement
    error = _error(_file(lines))
    assert (error.where, "2.3" in error.message) == ("regel 4", True)

    lines = _lines()
    lines.insert(len(lines) - 1, lines[2])  # a movement after the new balance
    error = _error(_file(lines))
    assert error.where == f"regel {len(lines) - 1}"
    assert "na het nieuw saldo" in error.message

    lines = _lines()
    detail = _set(lines[2], 3, "0007")
    lines.insert(3, _set(detail, 7, "0001"))  # a detail whose movement is not before it
    assert "volgt niet op" in _error(_file(lines)).message


def test_a_missing_new_balance_in_a_statement_with_movements():
    lines = _lines()
    del lines[-2]
    lines[-1] = _set(lines[-1], 17, "000002")
    assert "nieuw saldo (record 8) ontbreekt" in _error(_file(lines)).message


def test_the_same_booking_twice_in_one_file_is_refused():
    statement = _one(CodaMovement(2000))
    error = _error(make_coda([statement, statement]))
    assert "twee keer" in error.message
