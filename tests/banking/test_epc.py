"""The EPC QR code is read back with a real decoder and checked line by line against EPC069-12."""

import numpy as np
import zxingcpp

from eigenkracht.banking.epc import epc_qr, epc_qr_png, epc_qr_svg

DETAILS = dict(
    beneficiary="Eigen Kracht Vlaanderen vzw",
    iban="BE68539007547034",
    bic="GKCCBEBB",
    amount_cents=2000,
    ogm="010806817183",
)


def decode(qr) -> zxingcpp.Barcode:
    pixels = np.array(
        [[0 if dark else 255 for dark in row] for row in qr.matrix_iter(scale=4, border=4)],
        dtype=np.uint8,
    )
    (barcode,) = zxingcpp.read_barcodes(pixels)
    return barcode


def test_a_banking_app_reads_beneficiary_iban_amount_and_structured_reference():
    barcode = decode(epc_qr(**DETAILS))
    lines = barcode.text.split("\n")

    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.ec_level == "M"  # EPC069-12 prescribes error correction level M
    assert lines[0] == "BCD"  # service tag
    assert lines[1] == "002"  # version 002: BIC optional within the EEA
    assert lines[2] == "1"  # character set 1 = UTF-8
    assert lines[3] == "SCT"  # SEPA credit transfer
    assert lines[4] == "GKCCBEBB"
    assert lines[5] == "Eigen Kracht Vlaanderen vzw"
    assert lines[6] == "BE68539007547034"
    assert lines[7] == "EUR20"  # 'EUR' + amount, at most two decimals
    assert lines[8] == ""  # no purpose code
    assert lines[9] == "010806817183"  # structured reference: the OGM's 12 digits
    assert len(lines) == 10  # no unstructured text: one or the other, never both


def test_cents_are_kept_exactly():
    lines = decode(epc_qr(**{**DETAILS, "amount_cents": 12345})).text.split("\n")
    assert lines[7] == "EUR123.45"


def test_accented_beneficiary_survives():
    lines = decode(epc_qr(**{**DETAILS, "beneficiary": "Één Kracht vzw"})).text.split("\n")
    assert lines[5] == "Één Kracht vzw"


def test_svg_has_an_accessible_title_and_png_is_an_image():
    svg = epc_qr_svg(**DETAILS)
    assert svg.startswith("<svg") and "<title>EPC QR-code</title>" in svg
    assert epc_qr_png(**DETAILS).startswith(b"\x89PNG")
