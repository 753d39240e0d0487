"""The CSV exports of BNP Paribas Fortis, KBC/CBC, Belfius and ING Belgium, in Dutch and French, as
a table of `CsvLayout`s: which column plays which role; and `ColumnMapping`, the layout staff
choose once for a CSV that none of these fits.

Header sources (public parsers and test fixtures; see each layout's `source`)
-------------------------------------------------------------------------------
- BNP Paribas Fortis nl: docs/product.md; many public parsers/fixtures use exactly this header.
  fr: github.com/Nick-DT/ofxstatement-be-bnp (src/ofxstatement/plugins/bnp.py) lists
  "Nº de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;Numéro de compte;
  Type de transaction;Contrepartie;Nom de la contrepartie;Communication;Détails;Statut;
  Motif du refus"; other public projects write the same. "Numéro de séquence" and "N° de séquence"
  are accepted as well.
- KBC nl: docs/product.md; github.com/angryzor/ofxstatement-be-kbc (18 columns, "Rekeningnummer"
  first). fr: github.com/Nick-DT/ofxstatement-be-cbc (CBC is KBC's Walloon brand; same export in
  French). KBC Brussels' French export is assumed to be the same as CBC's: not verified.
- Belfius nl: docs/product.md and public fixtures (including the metadata lines);
  github.com/renardeau/ofxstatement-be-belfius has the older "Afschriftnummer" instead of
  "Rekeninguittrekselnummer" (both accepted). fr: public parsers and fixtures (no repository
  name available to cite) write "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de
  transaction;Compte contrepartie;Nom contrepartie contient;Rue et numéro;Code postal et
  localité;Transaction;Date valeur;Montant;Devise;BIC;Code pays;Communications".
- ING Belgium nl: docs/product.md and public fixtures. fr: public parsers and fixtures (no
  repository name to cite) write "Numéro de compte;Nom du compte;Compte contrepartie;Numéro de
  mouvement;Date comptable;Date valeur;Montant;Devise;Libellés;Détails du mouvement;Message".
"""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields

from eigenkracht.payments.statements.values import DATE_FORMATS

# Roles a column can play.
ACCOUNT = "account"
BOOKING_DATE = "booking_date"
VALUE_DATE = "value_date"
AMOUNT = "amount"
CREDIT = "credit"
DEBIT = "debit"
CURRENCY = "currency"
NAME = "counterparty_name"
IBAN = "counterparty_iban"
BIC = "counterparty_bic"
COMMUNICATION = "communication"
STRUCTURED = "structured_communication"
DESCRIPTION = "description"
DESCRIPTION2 = "description2"
SEQUENCE = "sequence"
STATEMENT_NO = "statement_number"
TRANSACTION_NO = "transaction_number"
STATUS = "status"
REASON = "refusal_reason"


@dataclass(frozen=True)
class CsvLayout:
    key: str  # "bnp", "kbc", "belfius", "ing": ParsedStatement.format is "csv:<key>"
    bank: str
    language: str  # "nl" or "fr"
    header: tuple[str, ...]  # the columns as the bank writes them, in order
    columns: Mapping[str, tuple[str, ...]]  # role -> accepted names; the first is in `header`
    required: frozenset[str]  # roles the header must have to be recognised as this layout
    source: str  # where the header was seen


def _layout(
    key: str,
    bank: str,
    language: str,
    header: str,
    columns: dict[str, str | tuple[str, ...]],
    required: Sequence[str],
    source: str,
) -> CsvLayout:
    cols = {role: (names,) if isinstance(names, str) else names for role, names in columns.items()}
    head = tuple(header.split(";"))
    for role, names in cols.items():
        assert names[0] in head, (key, language, role)
    return CsvLayout(key, bank, language, head, cols, frozenset(required), source)


BNP, KBC, BELFIUS, ING, MAPPING = "bnp", "kbc", "belfius", "ing", "mapping"

LAYOUTS: tuple[CsvLayout, ...] = (
    _layout(
        BNP,
        "BNP Paribas Fortis",
        "nl",
        "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;"
        "Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;"
        "Reden van weigering",
        {
            SEQUENCE: "Volgnummer",
            BOOKING_DATE: "Uitvoeringsdatum",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Valuta rekening",
            ACCOUNT: "Rekeningnummer",
            IBAN: "Tegenpartij",
            NAME: "Naam van de tegenpartij",
            COMMUNICATION: "Mededeling",
            DESCRIPTION: "Details",
            STATUS: "Status",
            REASON: "Reden van weigering",
        },
        (SEQUENCE, BOOKING_DATE, AMOUNT),
        "docs/product.md; public parsers",
    ),
    _layout(
        BNP,
        "BNP Paribas Fortis",
        "fr",
        "Nº de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;Numéro de compte;"
        "Type de transaction;Contrepartie;Nom de la contrepartie;Communication;Détails;Statut;"
        "Motif du refus",
        {
            SEQUENCE: ("Nº de séquence", "Numéro de séquence", "N° de séquence"),
            BOOKING_DATE: "Date d'exécution",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise du compte",
            ACCOUNT: "Numéro de compte",
            IBAN: "Contrepartie",
            NAME: "Nom de la contrepartie",
            COMMUNICATION: "Communication",
            DESCRIPTION: "Détails",
            STATUS: "Statut",
            REASON: "Motif du refus",
        },
        (SEQUENCE, BOOKING_DATE, AMOUNT),
        "github.com/Nick-DT/ofxstatement-be-bnp src/ofxstatement/plugins/bnp.py",
    ),
    _layout(
        KBC,
        "KBC",
        "nl",
        "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;"
        "Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;"
        "Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
        {
            ACCOUNT: "Rekeningnummer",
            CURRENCY: "Munt",
            STATEMENT_NO: "Afschriftnummer",
            BOOKING_DATE: "Datum",
            DESCRIPTION: "Omschrijving",
            VALUE_DATE: "Valuta",
            AMOUNT: "Bedrag",
            CREDIT: "credit",
            DEBIT: "debet",
            IBAN: "rekeningnummer tegenpartij",
            BIC: "BIC tegenpartij",
            NAME: "Naam tegenpartij",
            STRUCTURED: "gestructureerde mededeling",
            COMMUNICATION: "Vrije mededeling",
        },
        (ACCOUNT, STATEMENT_NO, BOOKING_DATE, AMOUNT),
        "docs/product.md; github.com/angryzor/ofxstatement-be-kbc",
    ),
    _layout(
        KBC,
        "KBC",
        "fr",
        "Numéro de compte;Nom de la rubrique;Nom;Devise;Numéro de l'extrait;Date;Description;"
        "Valeur;Montant;Solde;crédit;débit;numéro de compte contrepartie;BIC contrepartie;"
        "Nom contrepartie;Adresse contrepartie;communication structurée;Communication libre",
        {
            ACCOUNT: "Numéro de compte",
            CURRENCY: "Devise",
            STATEMENT_NO: "Numéro de l'extrait",
            BOOKING_DATE: "Date",
            DESCRIPTION: "Description",
            VALUE_DATE: "Valeur",
            AMOUNT: "Montant",
            CREDIT: "crédit",
            DEBIT: "débit",
            IBAN: "numéro de compte contrepartie",
            BIC: "BIC contrepartie",
            NAME: "Nom contrepartie",
            STRUCTURED: "communication structurée",
            COMMUNICATION: "Communication libre",
        },
        (ACCOUNT, STATEMENT_NO, BOOKING_DATE, AMOUNT),
        "github.com/Nick-DT/ofxstatement-be-cbc src/ofxstatement/plugins/cbcbe.py (CBC = KBC)",
    ),
    _layout(
        BELFIUS,
        "Belfius",
        "nl",
        "Rekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;Rekening tegenpartij;"
        "Naam tegenpartij bevat;Straat en nummer;Postcode en plaats;Transactie;Valutadatum;"
        "Bedrag;Devies;BIC;Landcode;Mededelingen",
        {
            ACCOUNT: "Rekening",
            BOOKING_DATE: "Boekingsdatum",
            STATEMENT_NO: ("Rekeninguittrekselnummer", "Afschriftnummer"),
            TRANSACTION_NO: "Transactienummer",
            IBAN: "Rekening tegenpartij",
            NAME: "Naam tegenpartij bevat",
            DESCRIPTION: "Transactie",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Devies",
            BIC: "BIC",
            COMMUNICATION: "Mededelingen",
        },
        (ACCOUNT, BOOKING_DATE, NAME, AMOUNT),
        "docs/product.md; github.com/renardeau/ofxstatement-be-belfius",
    ),
    _layout(
        BELFIUS,
        "Belfius",
        "fr",
        "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de transaction;"
        "Compte contrepartie;Nom contrepartie contient;Rue et numéro;Code postal et localité;"
        "Transaction;Date valeur;Montant;Devise;BIC;Code pays;Communications",
        {
            ACCOUNT: "Compte",
            BOOKING_DATE: "Date de comptabilisation",
            STATEMENT_NO: "Numéro d'extrait",
            TRANSACTION_NO: "Numéro de transaction",
            IBAN: ("Compte contrepartie", "Compte de la contrepartie"),
            NAME: "Nom contrepartie contient",
            DESCRIPTION: "Transaction",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise",
            BIC: "BIC",
            COMMUNICATION: "Communications",
        },
        (ACCOUNT, BOOKING_DATE, NAME, AMOUNT),
        "public parsers and fixtures (unattributed search excerpts)",
    ),
    _layout(
        ING,
        "ING België",
        "nl",
        "Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;"
        "Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht",
        {
            ACCOUNT: "Rekeningnummer",
            IBAN: "Rekening tegenpartij",
            SEQUENCE: "Omzetnummer",
            BOOKING_DATE: "Boekingsdatum",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Munteenheid",
            DESCRIPTION: "Omschrijving",
            DESCRIPTION2: "Detail van de omzet",
            COMMUNICATION: "Bericht",
        },
        (ACCOUNT, SEQUENCE, BOOKING_DATE, AMOUNT),
        "docs/product.md; public parsers",
    ),
    _layout(
        ING,
        "ING België",
        "fr",
        "Numéro de compte;Nom du compte;Compte contrepartie;Numéro de mouvement;Date comptable;"
        "Date valeur;Montant;Devise;Libellés;Détails du mouvement;Message",
        {
            ACCOUNT: "Numéro de compte",
            IBAN: "Compte contrepartie",
            SEQUENCE: "Numéro de mouvement",
            BOOKING_DATE: "Date comptable",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise",
            DESCRIPTION: "Libellés",
            DESCRIPTION2: "Détails du mouvement",
            COMMUNICATION: "Message",
        },
        (ACCOUNT, SEQUENCE, BOOKING_DATE, AMOUNT),
        "public parsers and fixtures (unattributed search excerpts)",
    ),
)


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds what, for a CSV no built-in layout knows; chosen once per header.

    Column names are compared like headers (case, accents and spacing ignored). Either `amount`
    (signed) or `credit` and/or `debit` must be given; a debit is booked as negative whatever
    sign it is written with. `date_format` is one of DATE_FORMATS ("dd/mm/yyyy" also accepts
    dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd); `decimal_separator` is "," or ".".
    `fixed_account` is our IBAN when the file has no account column.
    """

    date: str
    amount: str = ""
    credit: str = ""
    debit: str = ""
    value_date: str = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    communication: str = ""
    structured_communication: str = ""
    bank_id: str = ""
    account: str = ""
    currency: str = ""
    date_format: str = "dd/mm/yyyy"
    decimal_separator: str = ","
    fixed_account: str = ""

    def __post_init__(self) -> None:
        if not self.date.strip():
            raise ValueError("Kies de kolom met de datum.")
        if not (self.amount.strip() or self.credit.strip() or self.debit.strip()):
            raise ValueError("Kies de kolom met het bedrag, of de kolommen credit en debet.")
        if self.date_format not in DATE_FORMATS:
            raise ValueError(f"Onbekend datumformaat {self.date_format!r}.")
        if self.decimal_separator not in (",", "."):
            raise ValueError("Het decimaalteken is een komma of een punt.")

    def as_dict(self) -> dict[str, str]:
        """Plain data to remember the mapping (e.g. in a JSON field)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "ColumnMapping":
        names = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in names and v is not None})

    def role_columns(self) -> dict[str, str]:
        pairs = {
            BOOKING_DATE: self.date,
            AMOUNT: self.amount,
            CREDIT: self.credit,
            DEBIT: self.debit,
            VALUE_DATE: self.value_date,
            NAME: self.counterparty_name,
            IBAN: self.counterparty_iban,
            BIC: self.counterparty_bic,
            COMMUNICATION: self.communication,
            STRUCTURED: self.structured_communication,
            SEQUENCE: self.bank_id,
            ACCOUNT: self.account,
            CURRENCY: self.currency,
        }
        return {role: name for role, name in pairs.items() if name.strip()}
