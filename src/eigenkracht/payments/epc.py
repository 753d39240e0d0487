"""Moved to `eigenkracht.banking.epc`; these names stay importable for branches merged later."""

from eigenkracht.banking.epc import epc_qr, epc_qr_png, epc_qr_svg

__all__ = ["epc_qr", "epc_qr_png", "epc_qr_svg"]
