"""What an invoice line costs, from the price a registrant pays (pure: no Django).

A training's fee is what the registrant pays, VAT included when the organisation charges VAT, so
that an invoice's total is exactly the registration's amount due and the bank matching pays it.
The net price per participant is the fee without VAT, rounded to the cent; the VAT is the line's
net amount times the rate, rounded half up (as EN 16931 recomputes it); whatever cent the two
roundings leave is the payable rounding amount (BT-114), so the total still equals the fee.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Amounts:
    quantity: int
    unit_net_cents: int
    net_cents: int
    vat_rate_percent: int | None  # None: exempt from VAT
    vat_cents: int
    rounding_cents: int
    total_cents: int


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amounts_from_gross(*, total_cents: int, quantity: int, vat_rate_percent: int | None) -> Amounts:
    """Split `total_cents` for `quantity` participants into net, VAT and rounding."""
    if quantity < 1 or total_cents < 0:
        raise ValueError("An invoice line needs a quantity and an amount")
    gross_per_unit = Decimal(total_cents) / quantity
    if vat_rate_percent is None:
        unit_net = _round(gross_per_unit)
        net = unit_net * quantity
        vat = 0
    else:
        unit_net = _round(gross_per_unit * 100 / (100 + vat_rate_percent))
        net = unit_net * quantity
        vat = _round(Decimal(net) * vat_rate_percent / 100)
    return Amounts(
        quantity=quantity,
        unit_net_cents=unit_net,
        net_cents=net,
        vat_rate_percent=vat_rate_percent,
        vat_cents=vat,
        rounding_cents=total_cents - net - vat,
        total_cents=total_cents,
    )
