import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from eigenkracht.banking.sepa import Debtor, SepaFileError, Transfer, credit_transfer_file

US = Debtor(name="Eigen Kracht Vlaanderen vzw", iban="BE68 5390 0754 7034", bic="GKCCBEBB")


def two_refunds() -> list[Transfer]:
    return [
        Transfer(
            end_to_end_id="EKTB0000000001",
            name="Jan Peeters",
            iban="BE71 0961 2345 6769",
            amount_cents=2000,
            communication="Terugbetaling inschrijving K7M2QX",
        ),
        Transfer(
            end_to_end_id="EKTB0000000002",
            name="Sofie Claeys",
            iban="NL91ABNA0417164300",
            amount_cents=1550,
            communication="Terugbetaling inschrijving P4R8TZ",
        ),
    ]


def values(xml: bytes, tag: str) -> list[str]:
    tree = etree.fromstring(xml)
    return [node.text for node in tree.iter(f"{{*}}{tag}")]


@pytest.mark.parametrize("schema", ["pain.001.001.09", "pain.001.001.03"])
def test_a_file_pays_every_refund_with_its_own_end_to_end_id(schema):
    message_id, xml = credit_transfer_file(
        debtor=US, transfers=two_refunds(), execution_date=dt.date(2026, 12, 7), schema=schema
    )

    assert f"urn:iso:std:iso:20022:tech:xsd:{schema}".encode() in xml
    assert values(xml, "MsgId") == [message_id]
    assert values(xml, "EndToEndId") == ["EKTB0000000001", "EKTB0000000002"]
    assert values(xml, "IBAN") == ["BE68539007547034", "BE71096123456769", "NL91ABNA0417164300"]
    assert values(xml, "CtrlSum")[0] == "35.50"
    assert sum(Decimal(v) for v in values(xml, "InstdAmt")) == Decimal("35.50")
    assert values(xml, "Ustrd")[0] == "Terugbetaling inschrijving K7M2QX"


def test_a_debtor_without_bic_still_gets_a_valid_file():
    _message_id, xml = credit_transfer_file(
        debtor=Debtor(name=US.name, iban=US.iban),
        transfers=two_refunds()[:1],
        execution_date=dt.date(2026, 12, 7),
    )
    assert values(xml, "EndToEndId") == ["EKTB0000000001"]


def test_an_invalid_iban_is_refused_by_the_schema_check():
    bad = Transfer(
        end_to_end_id="EKTB1", name="X", iban="not an iban", amount_cents=100, communication="x"
    )
    with pytest.raises(SepaFileError):
        credit_transfer_file(debtor=US, transfers=[bad], execution_date=dt.date(2026, 12, 7))


def test_nothing_to_pay_makes_no_file():
    with pytest.raises(SepaFileError):
        credit_transfer_file(debtor=US, transfers=[], execution_date=dt.date(2026, 12, 7))


def test_names_and_texts_keep_to_the_characters_every_bank_accepts():
    odd = Transfer(
        end_to_end_id="EKTB1",
        name="Zoë Ørsted & <Partners>",
        iban="BE71 0961 2345 6769",
        amount_cents=100,
        communication="Terugbetaling «Basisvorming» \u2013 50% & meer",
    )

    _message_id, xml = credit_transfer_file(
        debtor=US, transfers=[odd], execution_date=dt.date(2026, 12, 7)
    )

    assert values(xml, "Nm")[-1] == "Zoe Orsted Partners"
    assert values(xml, "Ustrd") == ["Terugbetaling Basisvorming - 50 meer"]
