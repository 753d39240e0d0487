"""EPC QR code ("scan to pay", EPC069-12 version 002) for a Belgian transfer.

The structured communication goes in the structured remittance field (line 10) as its 12 digits,
and the free-text field stays empty: the standard allows one or the other, never both. See
docs/decisions.md for the sources.
"""

import io
from decimal import Decimal

import segno
import segno.helpers


def epc_qr(*, beneficiary: str, iban: str, bic: str, amount_cents: int, ogm: str) -> segno.QRCode:
    return segno.helpers.make_epc_qr(
        name=beneficiary[:70],
        iban=iban,
        bic=bic or None,
        amount=Decimal(amount_cents) / 100,
        reference=ogm,
        encoding="utf-8",
    )


def epc_qr_svg(**kwargs) -> str:
    """Inline SVG markup with a title for screen readers."""
    return epc_qr(**kwargs).svg_inline(
        scale=4, title="EPC QR-code", svgclass="qr-code", lineclass=None, omitsize=True
    )


def epc_qr_png(**kwargs) -> bytes:
    buffer = io.BytesIO()
    epc_qr(**kwargs).save(buffer, kind="png", scale=5, border=4)
    return buffer.getvalue()
