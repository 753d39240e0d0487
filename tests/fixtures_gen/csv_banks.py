"""Generate bank CSV exports as BNP Paribas Fortis, KBC, Belfius and ING Belgium write them, in
Dutch and French, from plain data. Used by the tests and the benchmarks.

Describe the bookings with `Booking` and call `make_bank_csv(bank, bookings, language=...)`.
The headers are written out here on purpose (not imported from the parser), so a round trip
checks the parser against an independent copy of the public headers. Each bank's quirks as seen
in public parsers and fixtures are reproduced by default:

- BNP Paribas Fortis: UTF-8 with BOM, CRLF; "Volgnummer" like "2026-00001"; the bank reference
  ("BANKREFERENTIE : ..." / "REFERENCE BANQUE : ...") and the BIC inside "Details"; a status
  column ("Geaccepteerd"/"Geweigerd").
- KBC: Windows-1252, rows separated by CR only, every field padded with spaces, a statement
  number ("Afschriftnummer") per booking day, separate credit/debit columns, a separate
  structured-communication column.
- Belfius: Windows-1252, CRLF, twelve lines of search-filter metadata above the header,
  IBANs written with spaces, statement and transaction numbers.
- ING Belgium: UTF-8, CRLF, a movement number ("Omzetnummer") per booking.

`expected_transactions` gives what a parser should read back (as plain dicts), and
`sample_bookings` a realistic mix for benchmarks.
"""

import codecs
import csv
import datetime as dt
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass

from stdnum.be import ogm_vcs

from tests.fixtures_gen.accounts import OUR_ACCOUNT

BANKS = ("bnp", "kbc", "belfius", "ing")
LANGUAGES = ("nl", "fr")
DEFAULT_ACCOUNT = OUR_ACCOUNT
ACCOUNT_NAME = "VZW EIGEN KRACHT"

HEADERS = {
    ("bnp", "nl"): "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;"
    "Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;"
    "Status;Reden van weigering",
    ("bnp", "fr"): "Nº de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;"
    "Numéro de compte;Type de transaction;Contrepartie;Nom de la contrepartie;Communication;"
    "Détails;Statut;Motif du refus",
    ("kbc", "nl"): "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;"
    "Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;"
    "Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
    ("kbc", "fr"): "Numéro de compte;Nom de la rubrique;Nom;Devise;Numéro de l'extrait;Date;"
    "Description;Valeur;Montant;Solde;crédit;débit;numéro de compte contrepartie;"
    "BIC contrepartie;Nom contrepartie;Adresse contrepartie;communication structurée;"
    "Communication libre",
    ("belfius", "nl"): "Rekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;"
    "Rekening tegenpartij;Naam tegenpartij bevat;Straat en nummer;Postcode en plaats;"
    "Transactie;Valutadatum;Bedrag;Devies;BIC;Landcode;Mededelingen",
    ("belfius", "fr"): "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de transaction;"
    "Compte contrepartie;Nom contrepartie contient;Rue et numéro;Code postal et localité;"
    "Transaction;Date valeur;Montant;Devise;BIC;Code pays;Communications",
    ("ing", "nl"): "Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;"
    "Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht",
    ("ing", "fr"): "Numéro de compte;Nom du compte;Compte contrepartie;Numéro de mouvement;"
    "Date comptable;Date valeur;Montant;Devise;Libellés;Détails du mouvement;Message",
}

DEFAULTS = {  # encoding, newline, ogm style
    "bnp": ("utf-8-sig", "\r\n", "+++"),
    "kbc": ("cp1252", "\r", "digits"),
    "belfius": ("cp1252", "\r\n", "+++"),
    "ing": ("utf-8", "\r\n", "***"),
}


@dataclass(frozen=True)
class Booking:
    """One booking as plain data. `amount_cents` is signed (credit > 0).

    `communication` is free text, or the 12 OGM digits when `structured`. `value_date` defaults
    to the booking date. `refused` (a refused order) is written by BNP only, with its refused
    status; the other banks leave it out, as it never reached the account.
    """

    booking_date: dt.date
    amount_cents: int
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    communication: str = ""
    structured: bool = False
    value_date: dt.date | None = None
    refused: bool = False


def ogm_text(digits: str, style: str) -> str:
    """The 12 digits written as "+++123/4567/89002+++", "***...***", "123/4567/89002" or bare."""
    slashed = f"{digits[:3]}/{digits[3:7]}/{digits[7:]}"
    return {
        "+++": f"+++{slashed}+++",
        "***": f"***{slashed}***",
        "slashes": slashed,
        "digits": digits,
    }[style]


def format_amount(cents: int, style: str = "comma", *, plus: bool = False) -> str:
    """ "comma": -1234,56; "thousands": -1.234,56; "dot": -1234.56. `plus` writes "+20,00"."""
    sign = "-" if cents < 0 else ("+" if plus and cents > 0 else "")
    whole, frac = divmod(abs(cents), 100)
    whole_text = f"{whole:,}".replace(",", ".") if style == "thousands" else str(whole)
    separator = "." if style == "dot" else ","
    return f"{sign}{whole_text}{separator}{frac:02d}"


def spaced_iban(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _communication(booking: Booking, style: str) -> str:
    if booking.structured:
        return ogm_text(booking.communication, style)
    return booking.communication


def _bnp_rows(
    bookings: Sequence[Booking],
    *,
    language: str,
    account: str,
    bank_ids: bool,
    amount: str,
    ogm: str,
    start: int,
) -> list[list[str]]:
    nl = language == "nl"
    rows = []
    for n, b in enumerate(bookings, start=start):
        year = b.booking_date.year
        sequence = f"{year}-{n:05d}" if bank_ids else f"{year}-"
        reference = f"{b.booking_date:%y%m%d}{n:010d}"
        value_date = b.value_date or b.booking_date
        incoming = b.amount_cents > 0
        communication = _communication(b, ogm)
        parts = []
        if nl:
            parts.append("OVERSCHRIJVING IN EURO " + ("VAN" if incoming else "NAAR") + " REKENING")
        else:
            parts.append("VIREMENT EN EUROS " + ("DU" if incoming else "AU") + " COMPTE")
        parts.append(spaced_iban(b.counterparty_iban) if b.counterparty_iban else "")
        if b.counterparty_bic:
            parts.append(f"BIC {b.counterparty_bic}")
        parts.append(b.counterparty_name.upper())
        if communication:
            label = "MEDEDELING" if nl else "COMMUNICATION"
            parts.append(f"{label} : {communication.upper()}")
        else:
            parts.append("ZONDER MEDEDELING" if nl else "PAS DE COMMUNICATION")
        if bank_ids:
            parts.append(("BANKREFERENTIE : " if nl else "REFERENCE BANQUE : ") + reference)
        parts.append(("VALUTADATUM : " if nl else "DATE VALEUR : ") + _date(value_date))
        if b.refused:
            status = "Geweigerd" if nl else "Refusé"
            reason = "Onvoldoende saldo" if nl else "Solde insuffisant"
        else:
            status, reason = ("Geaccepteerd" if nl else "Accepté"), ""
        rows.append(
            [
                sequence,
                _date(b.booking_date),
                _date(value_date),
                format_amount(b.amount_cents, amount),
                "EUR",
                account,
                "Overschrijving in euro" if nl else "Virement en euros",
                b.counterparty_iban,
                b.counterparty_name,
                communication,
                " ".join(p for p in parts if p),
                status,
                reason,
            ]
        )
    return rows


def _statement_numbers(bookings: Sequence[Booking], start: int) -> list[tuple[int, int]]:
    """(statement number, position within it): one statement per booking day, in file order."""
    out: list[tuple[int, int]] = []
    days: dict[dt.date, int] = {}
    counters: dict[int, int] = {}
    for b in bookings:
        statement = days.setdefault(b.booking_date, start + len(days))
        counters[statement] = counters.get(statement, 0) + 1
        out.append((statement, counters[statement]))
    return out


def _kbc_rows(
    bookings: Sequence[Booking],
    *,
    language: str,
    account: str,
    bank_ids: bool,
    amount: str,
    ogm: str,
    start: int,
) -> list[list[str]]:
    nl = language == "nl"
    rows = []
    balance = 1_000_00
    for b, (statement, _pos) in zip(bookings, _statement_numbers(bookings, start), strict=True):
        balance += b.amount_cents
        written = format_amount(b.amount_cents, amount)
        incoming = b.amount_cents > 0
        if nl:
            what = "OVERSCHRIJVING VAN" if incoming else "OVERSCHRIJVING NAAR"
        else:
            what = "VIREMENT DE" if incoming else "VIREMENT VERS"
        value_date = b.value_date or b.booking_date
        rows.append(
            [
                account,
                " " * 50,
                ACCOUNT_NAME,
                "EUR",
                f"  0{b.booking_date.year}{statement:03d}" if bank_ids else "",
                _date(b.booking_date),
                f"{what} {b.counterparty_name.upper()}".strip(),
                _date(value_date),
                written,
                format_amount(balance, amount),
                written.ljust(14) if incoming else " " * 14,
                " " * 14 if incoming else written.ljust(14),
                b.counterparty_iban.ljust(34),
                b.counterparty_bic.ljust(11),
                b.counterparty_name.ljust(71),
                " " * 71,
                (ogm_text(b.communication, ogm) if b.structured else "").ljust(35),
                ("" if b.structured else b.communication).ljust(140),
            ]
        )
    return rows


def _belfius_rows(
    bookings: Sequence[Booking],
    *,
    language: str,
    account: str,
    bank_ids: bool,
    amount: str,
    ogm: str,
    start: int,
) -> list[list[str]]:
    nl = language == "nl"
    rows = []
    for b, (statement, pos) in zip(bookings, _statement_numbers(bookings, start), strict=True):
        incoming = b.amount_cents > 0
        if nl:
            what = "OVERSCHRIJVING VAN" if incoming else "OVERSCHRIJVING NAAR"
        else:
            what = "VIREMENT DE" if incoming else "VIREMENT VERS"
        rows.append(
            [
                spaced_iban(account),
                _date(b.booking_date),
                f"{statement:05d}" if bank_ids else "",
                f"{pos:03d}" if bank_ids else "",
                spaced_iban(b.counterparty_iban),
                b.counterparty_name,
                "",
                "",
                f"{what} {spaced_iban(b.counterparty_iban)} {b.counterparty_name.upper()}".strip(),
                _date(b.value_date or b.booking_date),
                format_amount(b.amount_cents, amount),
                "EUR",
                b.counterparty_bic,
                b.counterparty_iban[:2],
                _communication(b, ogm),
            ]
        )
    return rows


def _ing_rows(
    bookings: Sequence[Booking],
    *,
    language: str,
    account: str,
    bank_ids: bool,
    amount: str,
    ogm: str,
    start: int,
) -> list[list[str]]:
    nl = language == "nl"
    rows = []
    for n, b in enumerate(bookings, start=start):
        incoming = b.amount_cents > 0
        if nl:
            what = "Europese overschrijving"
            detail = ("Van: " if incoming else "Naar: ") + b.counterparty_name
        else:
            what = "Virement européen"
            detail = ("De : " if incoming else "En faveur de : ") + b.counterparty_name
        if b.counterparty_iban:
            detail += f" - {b.counterparty_iban}"
        rows.append(
            [
                account,
                ACCOUNT_NAME,
                b.counterparty_iban,
                str(n) if bank_ids else "",
                _date(b.booking_date),
                _date(b.value_date or b.booking_date),
                format_amount(b.amount_cents, amount),
                "EUR",
                what,
                detail,
                _communication(b, ogm),
            ]
        )
    return rows


def _belfius_metadata(language: str, bookings: Sequence[Booking]) -> list[list[str]]:
    dates = [b.booking_date for b in bookings] or [dt.date(2026, 1, 1)]
    first, last = _date(min(dates)), _date(max(dates))
    if language == "nl":
        lines = [
            ["Boekingsdatum vanaf", first],
            ["Boekingsdatum tot en met", last],
            ["Bedrag vanaf", ""],
            ["Bedrag tot en met", ""],
            ["Rekeninguittrekselnummer vanaf", ""],
            ["Rekeninguittrekselnummer tot en met", ""],
            ["Mededeling", ""],
            ["Naam tegenpartij bevat", ""],
            ["Rekening tegenpartij", ""],
            ["Laatste saldo", "1.000,00 EUR"],
            ["Datum/uur van het laatste saldo", f"{last} 23:59:59"],
        ]
    else:
        lines = [
            ["Date de comptabilisation à partir de", first],
            ["Date de comptabilisation jusqu'au", last],
            ["Montant à partir de", ""],
            ["Montant jusqu'à", ""],
            ["Numéro d'extrait à partir de", ""],
            ["Numéro d'extrait jusqu'au", ""],
            ["Communication", ""],
            ["Nom contrepartie contient", ""],
            ["Compte contrepartie", ""],
            ["Dernier solde", "1.000,00 EUR"],
            ["Date/heure du dernier solde", f"{last} 23:59:59"],
        ]
    return [*lines, ["", ""]]


_ROWS = {"bnp": _bnp_rows, "kbc": _kbc_rows, "belfius": _belfius_rows, "ing": _ing_rows}


def make_bank_csv(
    bank: str,
    bookings: Sequence[Booking],
    *,
    language: str = "nl",
    account: str = DEFAULT_ACCOUNT,
    encoding: str | None = None,
    newline: str | None = None,
    delimiter: str = ";",
    bank_ids: bool = True,
    metadata: bool | None = None,
    amount_style: str = "comma",
    ogm_style: str | None = None,
    start_number: int = 1,
) -> bytes:
    """A CSV export of `bank` ("bnp", "kbc", "belfius", "ing") in `language` ("nl", "fr").

    `bank_ids=False` leaves out the bank's own numbers (bookings not yet on a statement; for BNP
    also the bank reference). `metadata` (default: Belfius only) writes the filter lines above
    the header. `encoding` "utf-8-sig" writes a BOM. `start_number` is the first sequence or
    statement number.
    """
    if bank not in BANKS or language not in LANGUAGES:
        raise ValueError(f"unknown bank/language {bank!r}/{language!r}")
    default_encoding, default_newline, default_ogm = DEFAULTS[bank]
    written = [b for b in bookings if bank == "bnp" or not b.refused]
    rows = _ROWS[bank](
        written,
        language=language,
        account=account,
        bank_ids=bank_ids,
        amount=amount_style,
        ogm=ogm_style or default_ogm,
        start=start_number,
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline or default_newline)
    if metadata if metadata is not None else bank == "belfius":
        writer.writerows(_belfius_metadata(language, written))
    writer.writerow(HEADERS[(bank, language)].split(";"))
    writer.writerows(rows)
    text = out.getvalue()
    chosen = encoding or default_encoding
    if chosen == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(chosen)


def expected_transactions(
    bookings: Sequence[Booking], *, bank: str, account: str = DEFAULT_ACCOUNT
) -> list[dict[str, object]]:
    """What a parser should read back from `make_bank_csv(bank, bookings)`, per booking."""
    out = []
    for b in bookings:
        if b.refused:
            continue
        out.append(
            {
                "account": account,
                "booking_date": b.booking_date,
                "value_date": b.value_date or b.booking_date,
                "amount_cents": b.amount_cents,
                "currency": "EUR",
                "counterparty_name": b.counterparty_name,
                "counterparty_iban": b.counterparty_iban,
                # ING's export has no BIC; BNP writes it inside Details.
                "counterparty_bic": "" if bank == "ing" else b.counterparty_bic,
                "communication": b.communication,
                "structured": b.structured,
            }
        )
    return out


def make_ogm(base: int) -> str:
    """A valid structured communication (12 digits) from a number below 10**10."""
    digits = f"{base:010d}"
    return digits + ogm_vcs.calc_check_digits(digits)


FIRST_NAMES = ("An", "Bart", "Chloé", "Dirk", "Els", "Fatima", "Geert", "Hélène", "Ilse", "Jan")
LAST_NAMES = ("Peeters", "Janssens", "Maes", "Claes", "De Smet", "Dubois", "Willems", "Mertens")
CITIES = ("Gent", "Leuven", "Brugge", "Hasselt", "Antwerpen", "Mechelen")


def sample_bookings(
    count: int, *, seed: int = 0, start: dt.date = dt.date(2026, 3, 2)
) -> list[Booking]:
    """A realistic mix for benchmarks: about 70% with the right structured communication, 15%
    with it typed in the free text, 10% with only name and city, 5% outgoing or unrelated."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        day = start + dt.timedelta(days=i * 30 // max(count, 1))
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        iban = "BE" + f"{rng.randrange(10**14):014d}"
        ogm = make_ogm(rng.randrange(10**10))
        roll = rng.random()
        if roll < 0.70:
            b = Booking(day, 2000, name, iban, "GEBABEBB", ogm, structured=True)
        elif roll < 0.85:
            typed = ogm_text(ogm, rng.choice(("+++", "***", "slashes", "digits")))
            b = Booking(day, 2000, name, iban, "KREDBEBB", f"inschrijving {typed}")
        elif roll < 0.95:
            b = Booking(day, 2000, name, iban, "", f"{name} vorming {rng.choice(CITIES)}")
        else:
            b = Booking(day, -rng.randrange(100, 50000), "Leverancier NV", iban, "", "factuur")
        out.append(b)
    return out
