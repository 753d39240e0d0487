"""Belgian provinces by postcode (bpost's ranges). Pure: no Django."""

import re

PROVINCES: dict[str, str] = {
    "BRU": "Brussels Hoofdstedelijk Gewest",
    "VBR": "Vlaams-Brabant",
    "WBR": "Waals-Brabant",
    "ANT": "Antwerpen",
    "LIM": "Limburg",
    "LIE": "Luik",
    "NAM": "Namen",
    "HAI": "Henegouwen",
    "LUX": "Luxemburg",
    "WVL": "West-Vlaanderen",
    "OVL": "Oost-Vlaanderen",
}

_RANGES: tuple[tuple[int, int, str], ...] = (
    (1000, 1299, "BRU"),
    (1300, 1499, "WBR"),
    (1500, 1999, "VBR"),
    (2000, 2999, "ANT"),
    (3000, 3499, "VBR"),
    (3500, 3999, "LIM"),
    (4000, 4999, "LIE"),
    (5000, 5999, "NAM"),
    (6000, 6599, "HAI"),
    (6600, 6999, "LUX"),
    (7000, 7999, "HAI"),
    (8000, 8999, "WVL"),
    (9000, 9999, "OVL"),
)


def province_of(postcode: str) -> str | None:
    """The province code of a Belgian postcode, or None when it is not one."""
    if not re.fullmatch(r"[0-9]{4}", postcode):  # not str.isdigit: it accepts superscripts
        return None
    number = int(postcode)
    for low, high, code in _RANGES:
        if low <= number <= high:
            return code
    return None
