"""What the statement readers say about a file, as codes with plain parameters, and their words.

A reader's note (`ParsedStatement.notes`) is a `Note(code, params)`; a file it cannot read raises
`StatementError(code, params, line=...)`; a refusal stored on a failed import (payments/services.py)
has a code too. `StatementImport` stores the code and its parameters (JSON: numbers, amounts in
cents or thousandths, texts as the file wrote them) and they are worded only when shown, so that a
French or English catalogue needs no data migration. This module holds every sentence.

The sentences are Dutch message ids marked with `gettext_noop` for makemessages; `render` takes
the gettext to word them with. The readers pass none (`str()` of a note or an error is the Dutch
source); payments/reasons.py passes Django's. No Django here: the readers stay pure.

Parameters that are worded (`_values`); any other is shown as it is:

- ``where``: the place of an error, ``{"line": 14}``, ``{"line": 2, "column": 5}`` or
  ``{"element": "Ntry 3"}`` (CAMT element names are not translated); the sentence follows it.
- ``<name>_cents`` and ``<name>_thousandths``: an amount, shown as ``%(name)s`` ("1.234,56").
- ``field``: a part of a CODA record (`FIELDS`); ``file``: a kind of binary file (`FILE_KINDS`);
  ``xml``: what is wrong with an XML file (`XML_PROBLEMS`, with ``english``, expat's words);
  ``encoding`` and ``language``: how a CSV file was read (`ENCODINGS`, `LANGUAGES`); ``format``:
  a CSV layout's date format (`DATE_FORMATS`).
- ``cause``: another message, ``{"code", "params"}``, worded in its place.
- ``entries``: CAMT entry numbers ("Ntry 1, Ntry 4"); ``refused``: ``[line, reason]`` pairs;
  ``elements``: XML element names ("<Other>"); ``accounts``, ``columns``, ``found``, ``formats``:
  lists joined with commas; ``foreign``, ``ours``: IBANs, written in groups of four.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from stdnum import iban as stdnum_iban

from eigenkracht.banking.money import amount, amount_thousandths

Gettext = Callable[[str], str]
Params = dict[str, Any]


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages; translated when rendered."""
    return message


def _dutch(message: str) -> str:
    return message


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader noticed about a file (several accounts, balances, duplicates...)."""

    code: str
    params: Params

    def __str__(self) -> str:
        return render(self.code, self.params)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


# Notes ----------------------------------------------------------------------------------------

NOTES: dict[str, str] = {
    # CODA
    "coda_duplicate": gettext_noop(
        "Het uittreksel op regel %(line)s is door de bank als duplicaat gemerkt."
    ),
    "coda_separate_application": gettext_noop(
        "Het uittreksel op regel %(line)s is een aparte toepassing (geen volledig"
        " rekeninguittreksel): de saldi zijn niet gecontroleerd."
    ),
    "coda_balance_not_checked": gettext_noop("Regel %(line)s: %(cause)s (niet als fout behandeld)"),
    "coda_statement": gettext_noop(
        "Uittreksel %(key)s van %(account)s: %(movements)s bewegingen, nieuw saldo %(balance)s"
        " %(currency)s."
    ),
    "coda_statement_holder": gettext_noop(
        "Uittreksel %(key)s van %(account)s (%(holder)s): %(movements)s bewegingen, nieuw saldo"
        " %(balance)s %(currency)s."
    ),
    "coda_details_differ": gettext_noop(
        "Regel %(line)s: de details van beweging %(movement)s tellen niet op tot het totaal"
        " %(total)s: het totaal is overgenomen."
    ),
    "coda_subdetails_differ": gettext_noop(
        "Regel %(line)s: de details van %(movement)s tellen niet op tot %(total)s: dat subtotaal"
        " is overgenomen."
    ),
    # CAMT.053
    "camt_summary": gettext_noop(
        "CAMT.053 (versie 001.%(version)s): %(statements)s uittreksel(s), %(bookings)s"
        " boeking(en), %(transactions)s transactie(s)."
    ),
    "camt_summary_no_version": gettext_noop(
        "CAMT.053 (zonder versie): %(statements)s uittreksel(s), %(bookings)s boeking(en),"
        " %(transactions)s transactie(s)."
    ),
    "camt_balances_unreadable": gettext_noop(
        "De saldi (Bal) van %(element)s zijn niet leesbaar: %(cause)s"
    ),
    "camt_period_unreadable": gettext_noop(
        "%(element)s: de periode (FrToDt) '%(start)s' tot '%(end)s' is niet leesbaar; de periode"
        " volgt uit de boekingen."
    ),
    "camt_balances_add_up": gettext_noop(
        "%(element)s: beginsaldo %(opening)s + boekingen %(booked)s = %(total)s, dat klopt."
    ),
    "camt_balances_differ": gettext_noop(
        "%(element)s: beginsaldo %(opening)s + boekingen %(booked)s = %(total)s, maar het"
        " eindsaldo is %(closing)s."
    ),
    "camt_accounts": gettext_noop("Het bestand bevat meerdere rekeningen: %(accounts)s."),
    "camt_skipped": gettext_noop(
        "%(count)s boeking(en) met status %(status)s (niet geboekt) overgeslagen: %(entries)s."
    ),
    "camt_foreign": gettext_noop("%(count)s boeking(en) in een andere munt dan EUR: %(entries)s."),
    "camt_reversals": gettext_noop(
        "Terugboeking(en) van een eerdere boeking (RvslInd): %(entries)s."
    ),
    "camt_generated_ids": gettext_noop(
        "%(count)s transactie(s) zonder bankreferentie (AcctSvcrRef): de sleutel is afgeleid van"
        " datum, bedrag, tegenpartij en mededeling."
    ),
    "camt_repeated_reference": gettext_noop(
        "Bankreferentie %(reference)s komt %(count)s keer voor; bij het importeren telt ze één"
        " keer."
    ),
    # Any format
    "known_in_other_format": gettext_noop(
        "%(count)s verrichting(en) van %(account)s stond(en) al op een uittreksel dat eerder in een"
        " ander formaat ingelezen werd (dezelfde dag, hetzelfde bedrag, dezelfde rekening van de"
        " tegenpartij en dezelfde mededeling) en werd(en) niet opnieuw geboekt."
    ),
    # CSV
    "csv_layout": gettext_noop("Herkend als %(bank)s-export in het %(language)s."),
    "csv_mapping": gettext_noop("Gelezen met de gekozen kolomindeling."),
    "csv_encoding": gettext_noop("Tekencodering: %(encoding)s."),
    "csv_refused": gettext_noop("%(count)s geweigerde verrichting(en) overgeslagen: %(refused)s."),
    "csv_without_reference": gettext_noop(
        "%(count)s regel(s) zonder eigen referentie van de bank (nog niet op een uittreksel?):"
        " herkend aan datum, bedrag, tegenpartij en mededeling."
    ),
    "csv_accounts": gettext_noop("Dit bestand bevat %(count)s rekeningen: %(accounts)s."),
}


# Errors: a file that cannot be read -------------------------------------------------------------

ERRORS: dict[str, str] = {
    # Any format
    "empty": gettext_noop("Het bestand is leeg."),
    "not_camt_xml": gettext_noop(
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel (verwacht: een Document met"
        " BkToCstmrStmt)."
    ),
    "unknown_format": gettext_noop("Dit bestand herkennen we niet als CODA, CAMT.053 of CSV."),
    "unknown_format_because": gettext_noop(
        "Dit bestand herkennen we niet als CODA, CAMT.053 of CSV. %(cause)s"
    ),
    "format_unknown": gettext_noop("Onbekend formaat %(format)r: kies auto, %(formats)s."),
    # Text files (CSV)
    "binary_file": gettext_noop(
        "Dit is %(file)s, geen CSV. Exporteer het rekeninguittreksel als CSV, CODA of CAMT.053."
    ),
    "bad_utf8": gettext_noop("Het bestand begint als UTF-8 maar bevat tekens die geen UTF-8 zijn."),
    "bad_utf16": gettext_noop("Het bestand begint als UTF-16 maar is onleesbaar."),
    "not_text": gettext_noop(
        "Dit bestand is geen leesbare tekst in UTF-8 of Windows-1252 (ongeldig teken U+%(char)04X)."
    ),
    # A value in a CSV column (the `cause` of csv_column)
    "date_missing": gettext_noop("de datum ontbreekt"),
    "date_invalid": gettext_noop("ongeldige datum %(value)r"),
    "date_not_in_format": gettext_noop("ongeldige datum %(value)r (verwacht: %(format)s)"),
    "amount_invalid": gettext_noop("ongeldig bedrag %(value)r"),
    "amount_decimals": gettext_noop("bedrag %(value)r heeft meer dan 2 decimalen"),
    # CSV
    "csv_unreadable_line": gettext_noop("Deze CSV-regel is onleesbaar (%(detail)s)."),
    "csv_column": gettext_noop('kolom "%(column)s": %(cause)s.'),
    "csv_amount_missing": gettext_noop("het bedrag ontbreekt."),
    "csv_layout_unknown": gettext_noop(
        "De kolommen van dit CSV-bestand herkennen we niet als een export van BNP Paribas Fortis,"
        " KBC, Belfius of ING. Gevonden kolommen: %(found)s. Kies welke kolom wat bevat."
    ),
    "csv_layout_unknown_no_columns": gettext_noop(
        "De kolommen van dit CSV-bestand herkennen we niet als een export van BNP Paribas Fortis,"
        " KBC, Belfius of ING. Gevonden kolommen: (geen). Kies welke kolom wat bevat."
    ),
    "csv_mapped_columns_missing": gettext_noop(
        "De gekozen kolommen staan niet (allemaal) in dit bestand. Gezocht: %(columns)s."
        " Gevonden: %(found)s."
    ),
    "csv_mapped_columns_missing_no_columns": gettext_noop(
        "De gekozen kolommen staan niet (allemaal) in dit bestand. Gezocht: %(columns)s."
        " Gevonden: (niets)."
    ),
    # CODA
    "coda_not_coda": gettext_noop(
        "dit is geen CODA-bestand: een CODA-bestand begint met een kopregel '00000...' van"
        " %(length)s tekens."
    ),
    "coda_not_coda_xml": gettext_noop(
        "dit is geen CODA-bestand (het lijkt een XML-bestand, zoals CAMT.053): een CODA-bestand"
        " begint met een kopregel '00000...' van %(length)s tekens."
    ),
    "coda_not_coda_csv": gettext_noop(
        "dit is geen CODA-bestand (het lijkt een CSV-bestand): een CODA-bestand begint met een"
        " kopregel '00000...' van %(length)s tekens."
    ),
    "coda_record_length": gettext_noop(
        "een CODA-record moet precies %(length)s tekens lang zijn, deze regel heeft er %(actual)s."
    ),
    "coda_record_type": gettext_noop("onbekend recordtype '%(kind)s'."),
    "coda_number": gettext_noop("%(field)s '%(value)s' is geen getal."),
    "coda_sign": gettext_noop(
        "het teken van %(field)s moet 0 (credit) of 1 (debet) zijn, niet '%(sign)s'."
    ),
    "coda_date": gettext_noop(
        "ongeldige %(field)s '%(value)s' (verwacht: dag, maand, jaar als DDMMJJ)."
    ),
    "coda_no_trailer": gettext_noop(
        "het bestand eindigt zonder afsluitrecord (type 9) voor het uittreksel dat op regel"
        " %(start)s begint: het is onvolledig."
    ),
    "coda_before_old_balance": gettext_noop(
        "record van type %(kind)s voor het oud saldo (record 1)."
    ),
    "coda_outside_statement": gettext_noop(
        "record van type %(kind)s buiten een uittreksel (geen kopregel 0 ervoor)."
    ),
    "coda_after_new_balance": gettext_noop(
        "record van type %(kind)s na het nieuw saldo (record 8)."
    ),
    "coda_header_before_trailer": gettext_noop(
        "nieuwe kopregel (type 0) voor de afsluitrecord (type 9) van het uittreksel dat op regel"
        " %(start)s begint: dat uittreksel is onvolledig."
    ),
    "coda_header_zeros": gettext_noop("kopregel: posities 2-5 moeten 0000 zijn."),
    "coda_version": gettext_noop(
        "CODA-versie '%(version)s' wordt niet ondersteund (alleen versie 2)."
    ),
    "coda_old_balance_without_header": gettext_noop(
        "oud saldo (record 1) zonder kopregel (type 0) ervoor."
    ),
    "coda_account_structure": gettext_noop(
        "onbekende rekeningstructuur '%(structure)s' (positie 2 moet 0, 1, 2 of 3 zijn)."
    ),
    "coda_account_missing": gettext_noop("het rekeningnummer ontbreekt."),
    "coda_currency": gettext_noop("ongeldige munt '%(currency)s' bij het rekeningnummer."),
    "coda_amount_thousandths": gettext_noop("het bedrag %(amount)s is geen geheel aantal cent."),
    "coda_detail_without_movement": gettext_noop(
        "detail %(detail)s van beweging %(sequence)s volgt niet op die beweging (detailnummer"
        " 0000)."
    ),
    "coda_record_2_without_movement": gettext_noop(
        "record 2.%(article)s hoort niet bij de beweging ervoor (volgnummer en detailnummer"
        " %(sequence)s/%(detail)s)."
    ),
    "coda_record_3_without_movement": gettext_noop(
        "informatierecord 3.%(article)s hoort bij geen beweging ervoor (volgnummer %(sequence)s)."
    ),
    "coda_record_3_without_3_1": gettext_noop(
        "informatierecord 3.%(article)s zonder record 3.1 ervoor."
    ),
    "coda_new_balance_account": gettext_noop(
        "het nieuw saldo hoort bij rekening '%(new)s', het oud saldo (regel %(start)s) bij"
        " '%(old)s'."
    ),
    "coda_trailer_count": gettext_noop(
        "de afsluitrecord meldt %(count)s records, maar het uittreksel dat op regel %(start)s"
        " begint telt er %(counted)s (records 1, 2, 3 en 8)."
    ),
    "coda_trailer_debit": gettext_noop(
        "de afsluitrecord meldt %(reported)s debet, maar de bewegingen tellen samen %(total)s"
        " debet."
    ),
    "coda_trailer_credit": gettext_noop(
        "de afsluitrecord meldt %(reported)s credit, maar de bewegingen tellen samen %(total)s"
        " credit."
    ),
    "coda_new_balance_missing": gettext_noop(
        "het nieuw saldo (record 8) ontbreekt in een uittreksel met bewegingen."
    ),
    "coda_balance": gettext_noop(
        "oud saldo %(old)s + bewegingen %(movements)s = %(expected)s, maar het nieuw saldo is"
        " %(new)s."
    ),
    "coda_movement_twice": gettext_noop(
        "beweging %(bank_id)s van rekening %(account)s staat twee keer in het bestand (ook op"
        " regel %(first)s)."
    ),
    # CAMT.053
    "camt_too_large": gettext_noop(
        "Het bestand is te groot (%(size).1f MB); een CAMT.053-bestand mag hoogstens %(max)s MB"
        " zijn."
    ),
    "camt_dtd": gettext_noop("De XML bevat een DTD of entiteiten; die worden niet aanvaard."),
    "camt_encoding_unknown": gettext_noop(
        "De XML-declaratie noemt een tekenset die we niet kennen; sla het bestand op als UTF-8."
    ),
    "camt_invalid_xml": gettext_noop("Het bestand is geen geldige XML: %(xml)s."),
    "camt_other_message": gettext_noop(
        "Dit is geen CAMT.053-rekeninguittreksel maar een ISO 20022-bericht van het type %(kind)s."
    ),
    "camt_root": gettext_noop(
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: het hoofdelement is <%(root)s> in"
        " plaats van <Document>."
    ),
    "camt_no_bktocstmrstmt": gettext_noop(
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: <Document> bevat geen"
        " <BkToCstmrStmt> maar %(elements)s."
    ),
    "camt_empty_document": gettext_noop(
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: <Document> bevat geen"
        " <BkToCstmrStmt> maar niets."
    ),
    "camt_version": gettext_noop(
        "CAMT.053-versie 001.%(version)s wordt niet ondersteund; enkel 001.02 tot en met 001.08."
    ),
    "camt_no_statement": gettext_noop("Het bestand bevat geen rekeninguittreksel (Stmt)."),
    "camt_account_missing": gettext_noop("het rekeningnummer (Acct/Id/IBAN) ontbreekt."),
    "camt_amount_missing": gettext_noop("het bedrag (%(name)s) ontbreekt."),
    "camt_amount_decimals": gettext_noop(
        "het bedrag '%(value)s' (%(name)s) heeft meer dan twee decimalen."
    ),
    "camt_amount_negative": gettext_noop(
        "het bedrag '%(value)s' (%(name)s) is negatief (het teken hoort in CdtDbtInd)."
    ),
    "camt_amount_invalid": gettext_noop(
        "het bedrag '%(value)s' (%(name)s) is geen geldig bedrag (verwacht bv. 20.00)."
    ),
    "camt_currency_missing": gettext_noop("de munt (Ccy) van het bedrag (%(name)s) ontbreekt."),
    "camt_currency_invalid": gettext_noop(
        "de munt (Ccy) van het bedrag (%(name)s) '%(currency)s' is ongeldig."
    ),
    "camt_sign": gettext_noop("%(name)s moet CRDT of DBIT zijn, gevonden '%(value)s'."),
    "camt_sign_missing": gettext_noop("%(name)s moet CRDT of DBIT zijn, gevonden niets."),
    "camt_date": gettext_noop("ongeldige datum '%(value)s' in %(name)s (verwacht JJJJ-MM-DD)."),
    "camt_moment": gettext_noop("ongeldig tijdstip '%(value)s' in %(name)s."),
    "camt_no_date": gettext_noop("%(name)s bevat geen datum (Dt of DtTm)."),
    "camt_status_missing": gettext_noop("de status (Sts) ontbreekt."),
    "camt_booking_date_missing": gettext_noop("de boekingsdatum (BookgDt) ontbreekt."),
    "camt_batch_amount_missing": gettext_noop(
        "het bedrag van deze transactie in een verzamelboeking (TxDtls/Amt of AmtDtls/TxAmt/Amt)"
        " ontbreekt."
    ),
    "camt_batch_currency": gettext_noop(
        "de munt %(currency)s verschilt van die van de boeking (%(entry_currency)s)."
    ),
    "camt_batch_total": gettext_noop(
        "de %(count)s transacties (TxDtls) tellen op tot %(sum)s, maar het bedrag van de boeking"
        " (Amt) is %(amount)s."
    ),
}


# Refusals stored on a failed import (payments/services.py) -------------------------------------

REFUSALS: dict[str, str] = {
    "account_not_ours": gettext_noop(
        "Dit uittreksel is van rekening %(foreign)s. Dat is geen rekening van ons; onze"
        " rekeningen zijn: %(ours)s."
    ),
    "accounts_not_ours": gettext_noop(
        "Dit bestand bevat uittreksels van de rekeningen %(foreign)s. Dat zijn geen rekeningen"
        " van ons; onze rekeningen zijn: %(ours)s."
    ),
    "no_account_named": gettext_noop(
        "Dit bestand noemt geen rekeningnummer, dus we weten niet of het van een van onze"
        " rekeningen is (%(ours)s)."
    ),
    "import_busy": gettext_noop(
        "Dit bestand wordt op dit moment al ingelezen. Probeer het zo dadelijk opnieuw."
    ),
    "registrations_changed": gettext_noop(
        "Inschrijvingen veranderden tijdens het inlezen. Probeer opnieuw."
    ),
    "import_crashed": gettext_noop(
        "Er ging iets onverwachts mis bij het inlezen; er werd niets geboekt. Probeer opnieuw of"
        " verwittig de beheerder."
    ),
}

MESSAGES: dict[str, str] = {**NOTES, **ERRORS, **REFUSALS}


# Words inside the sentences -------------------------------------------------------------------

FIELDS: dict[str, str] = {
    "statement_number": gettext_noop("het uittrekselnummer"),
    "old_balance": gettext_noop("het oud saldo"),
    "new_balance": gettext_noop("het nieuw saldo"),
    "amount": gettext_noop("het bedrag"),
    "sequence": gettext_noop("het volgnummer"),
    "detail": gettext_noop("het detailnummer"),
    "record_count": gettext_noop("het aantal records"),
    "total_debit": gettext_noop("het totaal debet"),
    "total_credit": gettext_noop("het totaal credit"),
    "creation_date": gettext_noop("aanmaakdatum"),
    "old_balance_date": gettext_noop("datum van het oud saldo"),
    "new_balance_date": gettext_noop("datum van het nieuw saldo"),
    "value_date": gettext_noop("valutadatum"),
    "booking_date": gettext_noop("boekingsdatum"),
}
FILE_KINDS: dict[str, str] = {
    "zip": gettext_noop("een Excel- of ZIP-bestand"),
    "ole": gettext_noop("een (oud) Excel-bestand"),
    "pdf": gettext_noop("een PDF-bestand"),
    "image": gettext_noop("een afbeelding (een foto of schermafdruk)"),
}
XML_PROBLEMS: dict[str, str] = {
    "no_elements": gettext_noop("het bestand is leeg of houdt te vroeg op (afgebroken?)"),
    "unclosed_token": gettext_noop("het bestand houdt midden in een element op"),
    "partial_char": gettext_noop("het bestand houdt midden in een teken op"),
    "not_xml": gettext_noop("dit is geen XML"),
    "invalid_token": gettext_noop("ongeldig teken (verkeerde tekenset?) of ongeldige opmaak"),
    "tag_mismatch": gettext_noop("een element wordt niet (juist) afgesloten"),
    "junk_after_document": gettext_noop("er staat nog tekst na het einde van het document"),
    "undefined_entity": gettext_noop("onbekende entiteit (zoals &nbsp;)"),
    "unknown_encoding": gettext_noop("onbekende tekenset"),
    "incorrect_encoding": gettext_noop("de tekenset klopt niet met de XML-declaratie"),
    "unbound_prefix": gettext_noop("een namespace-prefix is niet gedeclareerd"),
    "other": gettext_noop("fout in de XML (%(english)s)"),
    "unknown": gettext_noop("fout"),
}
ENCODINGS: dict[str, str] = {
    "utf-8-sig": gettext_noop("UTF-8 met BOM"),
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
LANGUAGES: dict[str, str] = {"nl": gettext_noop("Nederlands"), "fr": gettext_noop("Frans")}
# The date formats of a CSV layout (payments/backoffice/forms.py's DATE_FORMAT_CHOICES).
DATE_FORMATS: dict[str, str] = {
    "dd/mm/yyyy": gettext_noop("dag/maand/jaar"),
    "mm/dd/yyyy": gettext_noop("maand/dag/jaar"),
    "yyyy-mm-dd": gettext_noop("jaar-maand-dag"),
    "yyyymmdd": gettext_noop("jaarmaanddag zonder tekens"),
}
PLACES: dict[str, str] = {
    "line": gettext_noop("regel %(line)s"),
    "line_column": gettext_noop("regel %(line)s, kolom %(column)s"),
}
IN_PLACE = gettext_noop("%(where)s: %(message)s")
NO_ACCOUNT = gettext_noop("(geen rekeningnummer in het bestand)")


# Wording --------------------------------------------------------------------------------------


def render(code: str, params: Mapping[str, Any], gettext: Gettext = _dutch) -> str:
    """The sentence of a note, an error (after its place) or a refusal; an unknown code is shown
    as it is rather than hidden."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    message = gettext(template) % _values(params, gettext) if params else gettext(template)
    where = params.get("where") if params else None
    if not where:
        return message
    return gettext(IN_PLACE) % {"where": place(where, gettext), "message": message}


def render_stored(stored: Any, gettext: Gettext = _dutch) -> str:
    """A stored note or error, ``{"code", "params"}``; text stored before the codes as written."""
    if isinstance(stored, str):
        return stored
    return render(stored.get("code", ""), stored.get("params") or {}, gettext)


def place(where: Mapping[str, Any], gettext: Gettext = _dutch) -> str:
    """'regel 14', 'regel 2, kolom 5', or a CAMT element ('Ntry 3, TxDtls 2') as written."""
    if "line" not in where:
        return where.get("element", "")
    key = "line_column" if "column" in where else "line"
    return gettext(PLACES[key]) % where


def _values(params: Mapping[str, Any], gettext: Gettext) -> dict[str, Any]:
    values = dict(params)
    for key, value in params.items():
        if key.endswith("_cents"):
            values[key.removesuffix("_cents")] = amount(value)
        elif key.endswith("_thousandths"):
            values[key.removesuffix("_thousandths")] = amount_thousandths(value)
    if "field" in params:
        values["field"] = gettext(FIELDS[params["field"]])
    if "file" in params:
        values["file"] = gettext(FILE_KINDS[params["file"]])
    if "xml" in params:
        values["xml"] = gettext(XML_PROBLEMS[params["xml"]]) % values
    if "encoding" in params:
        values["encoding"] = gettext(ENCODINGS[params["encoding"]])
    if "language" in params:
        values["language"] = gettext(LANGUAGES[params["language"]])
    if params.get("format") in DATE_FORMATS:
        values["format"] = gettext(DATE_FORMATS[params["format"]])
    if "cause" in params:
        cause = params["cause"]
        values["cause"] = render(cause["code"], cause.get("params") or {}, gettext)
    if "entries" in params:
        values["entries"] = ", ".join(f"Ntry {number}" for number in params["entries"])
    if "refused" in params:
        values["refused"] = ", ".join(
            place({"line": line}, gettext) + (f" ({reason})" if reason else "")
            for line, reason in params["refused"]
        )
    if "elements" in params:
        values["elements"] = ", ".join(f"<{name}>" for name in params["elements"])
    for key in ("accounts", "columns", "found", "formats"):
        if key in params:
            values[key] = ", ".join(params[key])
    for key in ("foreign", "ours"):
        if key in params:
            values[key] = ", ".join(_account(account, gettext) for account in params[key])
    return values


def _account(account: str, gettext: Gettext) -> str:
    """An IBAN as people write it ("BE68 5390 0754 7034")."""
    return stdnum_iban.format(account) if account else gettext(NO_ACCOUNT)
