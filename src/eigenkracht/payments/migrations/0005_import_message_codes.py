"""Readers' notes and import failures as codes with parameters (payments/statements/messages.py).

Imports stored before keep their Dutch notes and failure text, shown as written, except what can be
read back exactly: a text is matched against the sentences as they were (copied here, so that this
migration does not change with the messages module), its parameters are read back (numbers,
amounts, account lists, the words of a CODA field...), and it becomes a code only when today's
wording of that code and those parameters gives the very same text. So nothing a user reads
changes. Left as written: a note or failure that quotes another message (a CODA balance "not
treated as an error", CAMT balances that could not be read, a CSV column's bad value, a file not
recognised "because ..."), the sentences with a Python-quoted value, a character code or a file
size, and any text none of the sentences reads back (the review queue's refusals never reach an
import).
"""

import re

from django.db import migrations, models


def _amount(text, decimals):
    """'-1.234,56' -> -123456 (decimals=2) or -1234560 (decimals=3); '1,567' -> 1567."""
    sign = -1 if text.startswith("-") else 1
    whole, _, fraction = text.lstrip("-").partition(",")
    return sign * (int(whole.replace(".", "")) * 10**decimals + int(fraction.ljust(decimals, "0")))


def _choice(words):
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return pattern, words.__getitem__, ""


def _refused(text):
    found = re.findall(r"regel (\d+)(?: \((.*?)\))?(?=, regel \d|$)", text)
    return [[int(line), reason] for line, reason in found]


AMOUNT = r"-?\d{1,3}(?:\.\d{3})*,\d{2}"
# (pattern, how the text becomes the parameter, the parameter's suffix as stored; None: the
# text gives several parameters, named by the reader)
TEXT = (r".+?", str, "")
INT = (r"\d+", int, "")
MILS = (AMOUNT + r"\d?", lambda text: _amount(text, 3), "_thousandths")
CENTS = (AMOUNT, lambda text: _amount(text, 2), "_cents")
LIST = (r".+?", lambda text: text.split(", "), "")
IBANS = (r".+?", lambda text: [iban.replace(" ", "") for iban in text.split(", ")], "")
ENTRIES = (
    r"Ntry \d+(?:, Ntry \d+)*",
    lambda text: [int(entry.removeprefix("Ntry ")) for entry in text.split(", ")],
    "",
)
ELEMENTS = (r"<.+?>(?:, <.+?>)*", lambda text: [name[1:-1] for name in text.split(", ")], "")
REFUSED = (r"regel \d+.*?", _refused, "")
FIELD = _choice(
    {
        "het uittrekselnummer": "statement_number",
        "het oud saldo": "old_balance",
        "het nieuw saldo": "new_balance",
        "het bedrag": "amount",
        "het volgnummer": "sequence",
        "het detailnummer": "detail",
        "het aantal records": "record_count",
        "het totaal debet": "total_debit",
        "het totaal credit": "total_credit",
        "aanmaakdatum": "creation_date",
        "datum van het oud saldo": "old_balance_date",
        "datum van het nieuw saldo": "new_balance_date",
        "valutadatum": "value_date",
        "boekingsdatum": "booking_date",
    }
)
ENCODING = _choice(
    {
        "UTF-8 met BOM": "utf-8-sig",
        "UTF-8": "utf-8",
        "UTF-16": "utf-16",
        "Windows-1252": "cp1252",
        "Latin-1": "latin-1",
    }
)
LANGUAGE = _choice({"Nederlands": "nl", "Frans": "fr"})
FILE = _choice(
    {
        "een Excel- of ZIP-bestand": "zip",
        "een (oud) Excel-bestand": "ole",
        "een PDF-bestand": "pdf",
    }
)
XML_PROBLEMS = {
    "het bestand is leeg of houdt te vroeg op (afgebroken?)": "no_elements",
    "het bestand houdt midden in een element op": "unclosed_token",
    "het bestand houdt midden in een teken op": "partial_char",
    "dit is geen XML": "not_xml",
    "ongeldig teken (verkeerde tekenset?) of ongeldige opmaak": "invalid_token",
    "een element wordt niet (juist) afgesloten": "tag_mismatch",
    "er staat nog tekst na het einde van het document": "junk_after_document",
    "onbekende entiteit (zoals &nbsp;)": "undefined_entity",
    "onbekende tekenset": "unknown_encoding",
    "de tekenset klopt niet met de XML-declaratie": "incorrect_encoding",
    "een namespace-prefix is niet gedeclareerd": "unbound_prefix",
    "fout": "unknown",
}


def _xml(text):
    """What is wrong with an XML file: a known problem, or expat's English words."""
    other = re.fullmatch(r"fout in de XML \((.+)\)", text)
    if other:
        return {"xml": "other", "english": other.group(1)}
    return {"xml": XML_PROBLEMS[text]}


XML = (_choice(XML_PROBLEMS)[0] + r"|fout in de XML \(.+\)", _xml, None)

# The sentences as they were, with how each parameter is read back.
NOTES = {
    "coda_duplicate": (
        "Het uittreksel op regel %(line)s is door de bank als duplicaat gemerkt.",
        {"line": INT},
    ),
    "coda_separate_application": (
        "Het uittreksel op regel %(line)s is een aparte toepassing (geen volledig "
        "rekeninguittreksel): de saldi zijn niet gecontroleerd.",
        {"line": INT},
    ),
    "coda_statement_holder": (
        "Uittreksel %(key)s van %(account)s (%(holder)s): %(movements)s bewegingen, nieuw "
        "saldo %(balance)s %(currency)s.",
        {
            "key": TEXT,
            "account": TEXT,
            "holder": TEXT,
            "movements": INT,
            "balance": MILS,
            "currency": TEXT,
        },
    ),
    "coda_statement": (
        "Uittreksel %(key)s van %(account)s: %(movements)s bewegingen, nieuw saldo "
        "%(balance)s %(currency)s.",
        {"key": TEXT, "account": TEXT, "movements": INT, "balance": MILS, "currency": TEXT},
    ),
    "coda_details_differ": (
        "Regel %(line)s: de details van beweging %(movement)s tellen niet op tot het totaal"
        " %(total)s: het totaal is overgenomen.",
        {"line": INT, "movement": TEXT, "total": MILS},
    ),
    "coda_subdetails_differ": (
        "Regel %(line)s: de details van %(movement)s tellen niet op tot %(total)s: dat "
        "subtotaal is overgenomen.",
        {"line": INT, "movement": TEXT, "total": MILS},
    ),
    "camt_summary": (
        "CAMT.053 (versie 001.%(version)s): %(statements)s uittreksel(s), %(bookings)s "
        "boeking(en), %(transactions)s transactie(s).",
        {"version": TEXT, "statements": INT, "bookings": INT, "transactions": INT},
    ),
    "camt_summary_no_version": (
        "CAMT.053 (zonder versie): %(statements)s uittreksel(s), %(bookings)s boeking(en), "
        "%(transactions)s transactie(s).",
        {"statements": INT, "bookings": INT, "transactions": INT},
    ),
    "camt_period_unreadable": (
        "%(element)s: de periode (FrToDt) '%(start)s' tot '%(end)s' is niet leesbaar; de "
        "periode volgt uit de boekingen.",
        {"element": TEXT, "start": TEXT, "end": TEXT},
    ),
    "camt_balances_add_up": (
        "%(element)s: beginsaldo %(opening)s + boekingen %(booked)s = %(total)s, dat klopt.",
        {"element": TEXT, "opening": CENTS, "booked": CENTS, "total": CENTS},
    ),
    "camt_balances_differ": (
        "%(element)s: beginsaldo %(opening)s + boekingen %(booked)s = %(total)s, maar het "
        "eindsaldo is %(closing)s.",
        {"element": TEXT, "opening": CENTS, "booked": CENTS, "total": CENTS, "closing": CENTS},
    ),
    "camt_accounts": (
        "Het bestand bevat meerdere rekeningen: %(accounts)s.",
        {"accounts": LIST},
    ),
    "camt_skipped": (
        "%(count)s boeking(en) met status %(status)s (niet geboekt) overgeslagen: %(entries)s.",
        {"count": INT, "status": TEXT, "entries": ENTRIES},
    ),
    "camt_foreign": (
        "%(count)s boeking(en) in een andere munt dan EUR: %(entries)s.",
        {"count": INT, "entries": ENTRIES},
    ),
    "camt_reversals": (
        "Terugboeking(en) van een eerdere boeking (RvslInd): %(entries)s.",
        {"entries": ENTRIES},
    ),
    "camt_generated_ids": (
        "%(count)s transactie(s) zonder bankreferentie (AcctSvcrRef): de sleutel is "
        "afgeleid van datum, bedrag, tegenpartij en mededeling.",
        {"count": INT},
    ),
    "camt_repeated_reference": (
        "Bankreferentie %(reference)s komt %(count)s keer voor; bij het importeren telt ze "
        "één keer.",
        {"reference": TEXT, "count": INT},
    ),
    "csv_layout": (
        "Herkend als %(bank)s-export in het %(language)s.",
        {"bank": TEXT, "language": LANGUAGE},
    ),
    "csv_mapping": (
        "Gelezen met de gekozen kolomindeling.",
        {},
    ),
    "csv_encoding": (
        "Tekencodering: %(encoding)s.",
        {"encoding": ENCODING},
    ),
    "csv_refused": (
        "%(count)s geweigerde verrichting(en) overgeslagen: %(refused)s.",
        {"count": INT, "refused": REFUSED},
    ),
    "csv_without_reference": (
        "%(count)s regel(s) zonder eigen referentie van de bank (nog niet op een "
        "uittreksel?): herkend aan datum, bedrag, tegenpartij en mededeling.",
        {"count": INT},
    ),
    "csv_accounts": (
        "Dit bestand bevat %(count)s rekeningen: %(accounts)s.",
        {"count": INT, "accounts": LIST},
    ),
}
ERRORS = {
    "empty": (
        "Het bestand is leeg.",
        {},
    ),
    "not_camt_xml": (
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel (verwacht: een Document met "
        "BkToCstmrStmt).",
        {},
    ),
    "unknown_format": (
        "Dit bestand herkennen we niet als CODA, CAMT.053 of CSV.",
        {},
    ),
    "binary_file": (
        "Dit is %(file)s, geen CSV. Exporteer het rekeninguittreksel als CSV, CODA of CAMT.053.",
        {"file": FILE},
    ),
    "bad_utf8": (
        "Het bestand begint als UTF-8 maar bevat tekens die geen UTF-8 zijn.",
        {},
    ),
    "bad_utf16": (
        "Het bestand begint als UTF-16 maar is onleesbaar.",
        {},
    ),
    "csv_unreadable_line": (
        "Deze CSV-regel is onleesbaar (%(detail)s).",
        {"detail": TEXT},
    ),
    "csv_amount_missing": (
        "het bedrag ontbreekt.",
        {},
    ),
    "csv_layout_unknown_no_columns": (
        "De kolommen van dit CSV-bestand herkennen we niet als een export van BNP Paribas "
        "Fortis, KBC, Belfius of ING. Gevonden kolommen: (geen). Kies welke kolom wat "
        "bevat.",
        {},
    ),
    "csv_layout_unknown": (
        "De kolommen van dit CSV-bestand herkennen we niet als een export van BNP Paribas "
        "Fortis, KBC, Belfius of ING. Gevonden kolommen: %(found)s. Kies welke kolom wat "
        "bevat.",
        {"found": LIST},
    ),
    "csv_mapped_columns_missing_no_columns": (
        "De gekozen kolommen staan niet (allemaal) in dit bestand. Gezocht: %(columns)s. "
        "Gevonden: (niets).",
        {"columns": LIST},
    ),
    "csv_mapped_columns_missing": (
        "De gekozen kolommen staan niet (allemaal) in dit bestand. Gezocht: %(columns)s. "
        "Gevonden: %(found)s.",
        {"columns": LIST, "found": LIST},
    ),
    "coda_not_coda": (
        "dit is geen CODA-bestand: een CODA-bestand begint met een kopregel '00000...' van "
        "%(length)s tekens.",
        {"length": INT},
    ),
    "coda_not_coda_xml": (
        "dit is geen CODA-bestand (het lijkt een XML-bestand, zoals CAMT.053): een "
        "CODA-bestand begint met een kopregel '00000...' van %(length)s tekens.",
        {"length": INT},
    ),
    "coda_not_coda_csv": (
        "dit is geen CODA-bestand (het lijkt een CSV-bestand): een CODA-bestand begint met "
        "een kopregel '00000...' van %(length)s tekens.",
        {"length": INT},
    ),
    "coda_record_length": (
        "een CODA-record moet precies %(length)s tekens lang zijn, deze regel heeft er %(actual)s.",
        {"length": INT, "actual": INT},
    ),
    "coda_record_type": (
        "onbekend recordtype '%(kind)s'.",
        {"kind": TEXT},
    ),
    "coda_number": (
        "%(field)s '%(value)s' is geen getal.",
        {"field": FIELD, "value": TEXT},
    ),
    "coda_sign": (
        "het teken van %(field)s moet 0 (credit) of 1 (debet) zijn, niet '%(sign)s'.",
        {"field": FIELD, "sign": TEXT},
    ),
    "coda_date": (
        "ongeldige %(field)s '%(value)s' (verwacht: dag, maand, jaar als DDMMJJ).",
        {"field": FIELD, "value": TEXT},
    ),
    "coda_no_trailer": (
        "het bestand eindigt zonder afsluitrecord (type 9) voor het uittreksel dat op regel"
        " %(start)s begint: het is onvolledig.",
        {"start": INT},
    ),
    "coda_before_old_balance": (
        "record van type %(kind)s voor het oud saldo (record 1).",
        {"kind": TEXT},
    ),
    "coda_outside_statement": (
        "record van type %(kind)s buiten een uittreksel (geen kopregel 0 ervoor).",
        {"kind": TEXT},
    ),
    "coda_after_new_balance": (
        "record van type %(kind)s na het nieuw saldo (record 8).",
        {"kind": TEXT},
    ),
    "coda_header_before_trailer": (
        "nieuwe kopregel (type 0) voor de afsluitrecord (type 9) van het uittreksel dat op "
        "regel %(start)s begint: dat uittreksel is onvolledig.",
        {"start": INT},
    ),
    "coda_header_zeros": (
        "kopregel: posities 2-5 moeten 0000 zijn.",
        {},
    ),
    "coda_version": (
        "CODA-versie '%(version)s' wordt niet ondersteund (alleen versie 2).",
        {"version": TEXT},
    ),
    "coda_old_balance_without_header": (
        "oud saldo (record 1) zonder kopregel (type 0) ervoor.",
        {},
    ),
    "coda_account_structure": (
        "onbekende rekeningstructuur '%(structure)s' (positie 2 moet 0, 1, 2 of 3 zijn).",
        {"structure": TEXT},
    ),
    "coda_account_missing": (
        "het rekeningnummer ontbreekt.",
        {},
    ),
    "coda_currency": (
        "ongeldige munt '%(currency)s' bij het rekeningnummer.",
        {"currency": TEXT},
    ),
    "coda_amount_thousandths": (
        "het bedrag %(amount)s is geen geheel aantal cent.",
        {"amount": MILS},
    ),
    "coda_detail_without_movement": (
        "detail %(detail)s van beweging %(sequence)s volgt niet op die beweging "
        "(detailnummer 0000).",
        {"detail": TEXT, "sequence": TEXT},
    ),
    "coda_record_2_without_movement": (
        "record 2.%(article)s hoort niet bij de beweging ervoor (volgnummer en detailnummer"
        " %(sequence)s/%(detail)s).",
        {"article": TEXT, "sequence": TEXT, "detail": TEXT},
    ),
    "coda_record_3_without_movement": (
        "informatierecord 3.%(article)s hoort bij geen beweging ervoor (volgnummer %(sequence)s).",
        {"article": TEXT, "sequence": TEXT},
    ),
    "coda_record_3_without_3_1": (
        "informatierecord 3.%(article)s zonder record 3.1 ervoor.",
        {"article": TEXT},
    ),
    "coda_new_balance_account": (
        "het nieuw saldo hoort bij rekening '%(new)s', het oud saldo (regel %(start)s) bij "
        "'%(old)s'.",
        {"new": TEXT, "start": INT, "old": TEXT},
    ),
    "coda_trailer_count": (
        "de afsluitrecord meldt %(count)s records, maar het uittreksel dat op regel "
        "%(start)s begint telt er %(counted)s (records 1, 2, 3 en 8).",
        {"count": INT, "start": INT, "counted": INT},
    ),
    "coda_trailer_debit": (
        "de afsluitrecord meldt %(reported)s debet, maar de bewegingen tellen samen "
        "%(total)s debet.",
        {"reported": MILS, "total": MILS},
    ),
    "coda_trailer_credit": (
        "de afsluitrecord meldt %(reported)s credit, maar de bewegingen tellen samen "
        "%(total)s credit.",
        {"reported": MILS, "total": MILS},
    ),
    "coda_new_balance_missing": (
        "het nieuw saldo (record 8) ontbreekt in een uittreksel met bewegingen.",
        {},
    ),
    "coda_balance": (
        "oud saldo %(old)s + bewegingen %(movements)s = %(expected)s, maar het nieuw saldo "
        "is %(new)s.",
        {"old": MILS, "movements": MILS, "expected": MILS, "new": MILS},
    ),
    "coda_movement_twice": (
        "beweging %(bank_id)s van rekening %(account)s staat twee keer in het bestand (ook "
        "op regel %(first)s).",
        {"bank_id": TEXT, "account": TEXT, "first": INT},
    ),
    "camt_dtd": (
        "De XML bevat een DTD of entiteiten; die worden niet aanvaard.",
        {},
    ),
    "camt_encoding_unknown": (
        "De XML-declaratie noemt een tekenset die we niet kennen; sla het bestand op als UTF-8.",
        {},
    ),
    "camt_invalid_xml": (
        "Het bestand is geen geldige XML: %(xml)s.",
        {"xml": XML},
    ),
    "camt_other_message": (
        "Dit is geen CAMT.053-rekeninguittreksel maar een ISO 20022-bericht van het type %(kind)s.",
        {"kind": TEXT},
    ),
    "camt_root": (
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: het hoofdelement is "
        "<%(root)s> in plaats van <Document>.",
        {"root": TEXT},
    ),
    "camt_no_bktocstmrstmt": (
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: <Document> bevat geen "
        "<BkToCstmrStmt> maar %(elements)s.",
        {"elements": ELEMENTS},
    ),
    "camt_empty_document": (
        "Dit XML-bestand is geen CAMT.053-rekeninguittreksel: <Document> bevat geen "
        "<BkToCstmrStmt> maar niets.",
        {},
    ),
    "camt_version": (
        "CAMT.053-versie 001.%(version)s wordt niet ondersteund; enkel 001.02 tot en met 001.08.",
        {"version": TEXT},
    ),
    "camt_no_statement": (
        "Het bestand bevat geen rekeninguittreksel (Stmt).",
        {},
    ),
    "camt_account_missing": (
        "het rekeningnummer (Acct/Id/IBAN) ontbreekt.",
        {},
    ),
    "camt_amount_missing": (
        "het bedrag (%(name)s) ontbreekt.",
        {"name": TEXT},
    ),
    "camt_amount_decimals": (
        "het bedrag '%(value)s' (%(name)s) heeft meer dan twee decimalen.",
        {"value": TEXT, "name": TEXT},
    ),
    "camt_amount_negative": (
        "het bedrag '%(value)s' (%(name)s) is negatief (het teken hoort in CdtDbtInd).",
        {"value": TEXT, "name": TEXT},
    ),
    "camt_amount_invalid": (
        "het bedrag '%(value)s' (%(name)s) is geen geldig bedrag (verwacht bv. 20.00).",
        {"value": TEXT, "name": TEXT},
    ),
    "camt_currency_missing": (
        "de munt (Ccy) van het bedrag (%(name)s) ontbreekt.",
        {"name": TEXT},
    ),
    "camt_currency_invalid": (
        "de munt (Ccy) van het bedrag (%(name)s) '%(currency)s' is ongeldig.",
        {"name": TEXT, "currency": TEXT},
    ),
    "camt_sign": (
        "%(name)s moet CRDT of DBIT zijn, gevonden '%(value)s'.",
        {"name": TEXT, "value": TEXT},
    ),
    "camt_sign_missing": (
        "%(name)s moet CRDT of DBIT zijn, gevonden niets.",
        {"name": TEXT},
    ),
    "camt_date": (
        "ongeldige datum '%(value)s' in %(name)s (verwacht JJJJ-MM-DD).",
        {"value": TEXT, "name": TEXT},
    ),
    "camt_moment": (
        "ongeldig tijdstip '%(value)s' in %(name)s.",
        {"value": TEXT, "name": TEXT},
    ),
    "camt_no_date": (
        "%(name)s bevat geen datum (Dt of DtTm).",
        {"name": TEXT},
    ),
    "camt_status_missing": (
        "de status (Sts) ontbreekt.",
        {},
    ),
    "camt_booking_date_missing": (
        "de boekingsdatum (BookgDt) ontbreekt.",
        {},
    ),
    "camt_batch_amount_missing": (
        "het bedrag van deze transactie in een verzamelboeking (TxDtls/Amt of "
        "AmtDtls/TxAmt/Amt) ontbreekt.",
        {},
    ),
    "camt_batch_currency": (
        "de munt %(currency)s verschilt van die van de boeking (%(entry_currency)s).",
        {"currency": TEXT, "entry_currency": TEXT},
    ),
    "camt_batch_total": (
        "de %(count)s transacties (TxDtls) tellen op tot %(sum)s, maar het bedrag van de "
        "boeking (Amt) is %(amount)s.",
        {"count": INT, "sum": CENTS, "amount": CENTS},
    ),
}
REFUSALS = {
    "account_not_ours": (
        "Dit uittreksel is van rekening %(foreign)s. Dat is geen rekening van ons; onze "
        "rekeningen zijn: %(ours)s.",
        {"foreign": IBANS, "ours": IBANS},
    ),
    "accounts_not_ours": (
        "Dit bestand bevat uittreksels van de rekeningen %(foreign)s. Dat zijn geen "
        "rekeningen van ons; onze rekeningen zijn: %(ours)s.",
        {"foreign": IBANS, "ours": IBANS},
    ),
    "no_account_named": (
        "Dit bestand noemt geen rekeningnummer, dus we weten niet of het van een van onze "
        "rekeningen is (%(ours)s).",
        {"ours": IBANS},
    ),
    "import_busy": (
        "Dit bestand wordt op dit moment al ingelezen. Probeer het zo dadelijk opnieuw.",
        {},
    ),
    "registrations_changed": (
        "Inschrijvingen veranderden tijdens het inlezen. Probeer opnieuw.",
        {},
    ),
    "import_crashed": (
        "Er ging iets onverwachts mis bij het inlezen; er werd niets geboekt. Probeer "
        "opnieuw of verwittig de beheerder.",
        {},
    ),
}

# An error names its place first: a line (and column), or a CAMT element.
PLACE = r"(?:(?P<_where>regel \d+(?:, kolom \d+)?|(?:Stmt|Ntry) \d+(?:, TxDtls \d+)?): )?"


def _compile(sentences, prefix=""):
    compiled = []
    for code, (sentence, kinds) in sentences.items():
        parts = re.split(r"%\((\w+)\)s", sentence)
        pattern = prefix + "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>{kinds[part][0]})"
            for index, part in enumerate(parts)
        )
        compiled.append((code, re.compile(pattern, re.DOTALL), kinds))
    return compiled


def _place(text):
    line = re.fullmatch(r"regel (\d+)(?:, kolom (\d+))?", text)
    if line is None:
        return {"element": text}
    if line.group(2) is None:
        return {"line": int(line.group(1))}
    return {"line": int(line.group(1)), "column": int(line.group(2))}


def _read_back(text, compiled, render):
    """{"code", "params"} when a sentence reads `text` back exactly, else None."""
    for code, pattern, kinds in compiled:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        params = {}
        for name, value in match.groupdict().items():
            if name == "_where":
                if value is not None:
                    params["where"] = _place(value)
                continue
            _pattern, read, suffix = kinds[name]
            try:
                if suffix is None:
                    params.update(read(value))
                else:
                    params[name + suffix] = read(value)
            except (KeyError, ValueError):
                break
        else:
            try:
                if render(code, params) == text:
                    return {"code": code, "params": params}
            except (KeyError, TypeError, ValueError):
                pass
    return None


def forward(apps, schema_editor):
    # Today's wording decides: a text becomes a code only when the code words it the same.
    from eigenkracht.payments.statements.messages import render

    StatementImport = apps.get_model("payments", "StatementImport")
    notes = _compile(NOTES)
    failures = _compile(ERRORS, PLACE) + _compile(REFUSALS)
    for upload in StatementImport.objects.defer("content").iterator(chunk_size=500):
        changed = []
        new_notes = []
        for note in upload.notes:
            coded = _read_back(note, notes, render) if isinstance(note, str) else None
            new_notes.append(coded or note)
        if new_notes != upload.notes:
            upload.notes = new_notes
            changed.append("notes")
        if upload.error and not upload.error_code:
            coded = _read_back(upload.error, failures, render)
            if coded is not None:
                upload.error = ""
                upload.error_code, upload.error_params = coded["code"], coded["params"]
                changed += ["error", "error_code", "error_params"]
        if changed:
            upload.save(update_fields=changed)


def backward(apps, schema_editor):
    # The sentences as the code words them today: the codes go with the columns.
    from eigenkracht.payments.statements.messages import render, render_stored

    StatementImport = apps.get_model("payments", "StatementImport")
    for upload in StatementImport.objects.defer("content").iterator(chunk_size=500):
        notes = [render_stored(note) for note in upload.notes]
        error = upload.error or (
            render(upload.error_code, upload.error_params) if upload.error_code else ""
        )
        if notes != upload.notes or error != upload.error:
            upload.notes, upload.error = notes, error
            upload.save(update_fields=["notes", "error"])


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0004_reason_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="statementimport",
            name="error_code",
            field=models.CharField(blank=True, max_length=48),
        ),
        migrations.AddField(
            model_name="statementimport",
            name="error_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(forward, backward),
    ]
