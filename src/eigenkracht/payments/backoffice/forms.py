"""Forms of the payments back office. They validate input; services change state."""

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban

from eigenkracht.core.fields import EuroField
from eigenkracht.core.formatting import euro
from eigenkracht.core.forms import LenientFilters
from eigenkracht.core.models import validate_iban
from eigenkracht.payments.models import BankTransaction, OwnAccount
from eigenkracht.payments.services import Allocation
from eigenkracht.payments.statements.csv_formats import ColumnMapping
from eigenkracht.trainings.models import Registration

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_SPLIT_ROWS = 10

FORMAT_CHOICES = [
    ("auto", _("Automatisch herkennen")),
    ("coda", _("CODA")),
    ("camt053", _("CAMT.053")),
    ("csv", _("CSV")),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Rekeninguittreksel"),
        help_text=_("CODA, CAMT.053 (XML) of de CSV-export van je bank; hoogstens 50 MB."),
        error_messages={
            "required": _("Kies het bestand dat je van de bank hebt gedownload."),
            "empty": _("Het bestand is leeg. Download het opnieuw bij je bank."),
            "invalid": _("Dit is geen bestand. Kies het bestand opnieuw."),
            "missing": _("Er kwam geen bestand mee. Kies het bestand opnieuw."),
        },
    )
    format = forms.ChoiceField(
        label=_("Formaat"),
        choices=FORMAT_CHOICES,
        initial="auto",
        required=False,
        help_text=_("Laat op „Automatisch herkennen” staan, tenzij de herkenning mislukt."),
        error_messages={"invalid_choice": _("Kies een formaat uit de lijst.")},
    )
    dry_run = forms.BooleanField(
        label=_("Proef (niets boeken)"),
        required=False,
        help_text=_(
            "Toont wat het inlezen zou doen, zonder iets te boeken. Een bestand dat eerst nog "
            "een keuze van je vraagt (de kolommen, of een andere rekening), blijft bewaard tot je "
            "het inleest."
        ),
    )

    def clean_format(self) -> str:
        return self.cleaned_data["format"] or "auto"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError(self.fields["file"].error_messages["empty"], code="empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _(
                    "Het bestand is groter dan 50 MB. Exporteer een kortere periode en lees de "
                    "delen na elkaar in."
                ),
                code="too_large",
            )
        return upload


class OtherAccountForm(forms.Form):
    """Import a refused file anyway: staff confirm the accounts it names are meant."""

    prefix = "other"  # shown next to the upload form, which has a dry-run box of its own
    confirm = forms.BooleanField(
        label=_("Ik weet dat dit bestand niet van een van onze rekeningen is en lees het toch in."),
        error_messages={"required": _("Vink aan dat je dit bestand toch wil inlezen.")},
    )
    dry_run = forms.BooleanField(
        label=_("Proef (niets boeken)"),
        required=False,
        help_text=_("Toont wat het inlezen zou doen, zonder iets te boeken."),
    )


class OwnAccountForm(forms.Form):
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        error_messages={"required": _("Vul het rekeningnummer (IBAN) in.")},
    )
    label = forms.CharField(
        label=_("Omschrijving"),
        max_length=80,
        required=False,
        help_text=_("Bijvoorbeeld: zichtrekening vormingen, spaarrekening."),
    )

    def __init__(self, *args: Any, instance: OwnAccount | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", {"iban": instance.iban_display, "label": instance.label})
        super().__init__(*args, **kwargs)

    def clean_iban(self) -> str:
        iban = stdnum_iban.compact(self.cleaned_data["iban"])
        validate_iban(iban)
        taken = OwnAccount.objects.filter(iban=iban)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Deze rekening staat al bij onze rekeningen."), code="unique")
        return iban


class ResultFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle verrichtingen")

    resultaat = forms.ChoiceField(
        label=_("Resultaat"),
        required=False,
        choices=[("", _("Alle resultaten")), *BankTransaction.Result.choices],
    )


# The CSV column mapping ------------------------------------------------------------------------

NOT_PRESENT = ""

# Field name -> (label, words that suggest the column). The first field whose words appear in a
# column's name is preselected, so that staff mostly only check the choices.
MAPPING_COLUMNS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "date": (_("Datum van de verrichting"), ("boekingsdatum", "datum", "date")),
    "amount": (_("Bedrag (met teken: min voor uitgaand)"), ("bedrag", "montant", "amount")),
    "credit": (_("Bedrag ontvangen (credit)"), ("credit", "crédit", "ontvangen", "bij")),
    "debit": (_("Bedrag betaald (debet)"), ("debet", "débit", "debit", "af")),
    "counterparty_name": (
        _("Naam van de tegenpartij"),
        ("naam tegenpartij", "naam", "nom", "name", "begunstigde"),
    ),
    "counterparty_iban": (
        _("Rekeningnummer (IBAN) van de tegenpartij"),
        ("rekening tegenpartij", "tegenrekening", "iban", "contrepartie"),
    ),
    "communication": (
        _("Vrije mededeling"),
        ("mededeling", "communication", "omschrijving", "bericht", "message"),
    ),
    "structured_communication": (
        _("Gestructureerde mededeling (als die een eigen kolom heeft)"),
        ("gestructureerde", "structurée", "ogm"),
    ),
    "bank_id": (
        _("Volgnummer van de bank (als het bestand er een heeft)"),
        ("volgnummer", "referentie", "séquence", "reference", "transactienummer"),
    ),
    "account": (_("Ons rekeningnummer (als het bestand er een kolom voor heeft)"), ()),
}

DATE_FORMAT_CHOICES = [
    ("dd/mm/yyyy", _("dag/maand/jaar, zoals 31/01/2027")),
    ("mm/dd/yyyy", _("maand/dag/jaar, zoals 01/31/2027")),
    ("yyyy-mm-dd", _("jaar-maand-dag, zoals 2027-01-31")),
    ("yyyymmdd", _("jaarmaanddag zonder tekens, zoals 20270131")),
]
DECIMAL_CHOICES = [
    (",", _("komma, zoals 1.234,56")),
    (".", _("punt, zoals 1,234.56")),
]


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def _mentions(column: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(_words(word))}\b", _words(column)) is not None


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """A first guess of which column holds what, from the column names."""
    guessed: dict[str, str] = {}
    taken: set[str] = set()
    for name, (_label, words) in MAPPING_COLUMNS.items():
        for word in words:
            free = [column for column in columns if column and column not in taken]
            hit = next((column for column in free if _mentions(column, word)), None)
            if hit:
                guessed[name] = hit
                taken.add(hit)
                break
    return guessed


class MappingForm(forms.Form):
    """For each piece of information, the column of the file that holds it."""

    name = forms.CharField(
        label=_("Naam van deze indeling"),
        max_length=120,
        help_text=_("Bijvoorbeeld de naam van de bank: „Argenta, CSV-export”."),
        error_messages={"required": _("Geef deze indeling een naam.")},
    )

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        kwargs["initial"] = {**guess_mapping(columns), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        choices = [(NOT_PRESENT, _("(niet in dit bestand)"))] + [
            (column, column) for column in dict.fromkeys(columns) if column
        ]
        for name, (label, _hints) in MAPPING_COLUMNS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=name == "date",
                error_messages={
                    "required": _("Kies de kolom met de datum."),
                    "invalid_choice": _("Kies een kolom uit de lijst."),
                },
            )
        self.fields["fixed_account"] = forms.CharField(
            label=_("Ons rekeningnummer (IBAN), als het bestand geen kolom met de rekening heeft"),
            required=False,
            max_length=42,
        )
        self.fields["date_format"] = forms.ChoiceField(
            label=_("Hoe staan de datums geschreven?"),
            choices=DATE_FORMAT_CHOICES,
            initial="dd/mm/yyyy",
            error_messages={"invalid_choice": _("Kies een datumnotatie uit de lijst.")},
        )
        self.fields["decimal_separator"] = forms.ChoiceField(
            label=_("Decimaalteken van de bedragen"),
            choices=DECIMAL_CHOICES,
            initial=",",
            error_messages={"invalid_choice": _("Kies een komma of een punt.")},
        )
        self.fields["dry_run"] = forms.BooleanField(
            label=_("Proef (niets boeken)"),
            required=False,
            help_text=_("De indeling wordt wel bewaard, de verrichtingen niet."),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Both missing choices are said at once, not the amount only after the date is fixed.
        if not (cleaned.get("amount") or cleaned.get("credit") or cleaned.get("debit")):
            self.add_error(
                "amount", _("Kies de kolom met het bedrag, of de kolommen credit en debet.")
            )
        if self.errors:
            return cleaned
        try:
            ColumnMapping(**self.mapping_values(cleaned))
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        return cleaned

    def mapping_values(self, cleaned: dict[str, Any] | None = None) -> dict[str, str]:
        cleaned = self.cleaned_data if cleaned is None else cleaned
        names = [*MAPPING_COLUMNS, "fixed_account", "date_format", "decimal_separator"]
        return {name: cleaned.get(name) or "" for name in names} | {
            "date_format": cleaned.get("date_format") or "dd/mm/yyyy",
            "decimal_separator": cleaned.get("decimal_separator") or ",",
        }


# The review queue ------------------------------------------------------------------------------


def reference_key(text: str) -> str:
    """What a typed reference is looked up by: 12 digits for an OGM, else the code in capitals."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 12:
        return digits
    return re.sub(r"\s", "", text).upper()


class AllocationRowForm(forms.Form):
    reference = forms.CharField(
        label=_("Inschrijving (code of gestructureerde mededeling)"),
        required=False,
        max_length=40,
    )
    amount = EuroField(label=_("Bedrag (euro)"), required=False, allow_zero=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        reference = (cleaned.get("reference") or "").strip()
        amount = cleaned.get("amount")
        if reference and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Vul het bedrag voor deze inschrijving in."))
        if amount is not None and not reference:
            self.add_error("reference", _("Vul de code of de gestructureerde mededeling in."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("reference") or "").strip() and data.get("amount") is None


class BaseAllocationFormSet(forms.BaseFormSet):
    """Rows of registration + amount; the sum may not exceed the transfer."""

    def __init__(self, *args: Any, bank_transaction: BankTransaction, **kwargs: Any) -> None:
        self.bank_transaction = bank_transaction
        self.allocations: list[Allocation] = []
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [form for form in self.forms if not form.is_blank]
        if not rows:
            raise ValidationError(
                _("Vul minstens één inschrijving met een bedrag in."), code="no_rows"
            )
        keys = [reference_key(form.cleaned_data["reference"]) for form in rows]
        found = {}
        for registration in Registration.objects.filter(
            Q(code__in=keys) | Q(structured_communication__in=keys)
        ).select_related("training"):
            found[registration.code.upper()] = registration
            found[registration.structured_communication] = registration
        seen: set[int] = set()
        problems = False
        for form, key in zip(rows, keys, strict=True):
            registration = found.get(key)
            if registration is None:
                form.add_error(
                    "reference",
                    _("Geen inschrijving gevonden met deze code of gestructureerde mededeling."),
                )
                problems = True
            elif registration.pk in seen:
                form.add_error("reference", _("Deze inschrijving staat al op een andere regel."))
                problems = True
            else:
                seen.add(registration.pk)
                self.allocations.append(
                    Allocation(registration=registration, amount_cents=form.cleaned_data["amount"])
                )
        if problems:
            self.allocations = []
            return
        if self.total_cents > self.bank_transaction.amount_cents:
            raise ValidationError(
                _("Je verdeelt %(total)s, maar er werd maar %(amount)s overgeschreven.")
                % {
                    "total": euro(self.total_cents),
                    "amount": euro(self.bank_transaction.amount_cents),
                },
                code="too_much",
            )

    @property
    def total_cents(self) -> int:
        return sum(allocation.amount_cents for allocation in self.allocations)

    @property
    def surplus_cents(self) -> int:
        return max(self.bank_transaction.amount_cents - self.total_cents, 0)


def allocation_formset(
    data: Any = None, *, bank_transaction: BankTransaction, rows: int = 3
) -> BaseAllocationFormSet:
    formset_class = forms.formset_factory(
        AllocationRowForm,
        formset=BaseAllocationFormSet,
        extra=rows,
        max_num=MAX_SPLIT_ROWS,
        absolute_max=MAX_SPLIT_ROWS,
    )
    return formset_class(data=data, prefix="rows", bank_transaction=bank_transaction)


class DismissForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie (niet verplicht)"),
        required=False,
        max_length=500,
        help_text=_("Bijvoorbeeld: huur van de zaal, een gift, een terugbetaling."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een inschrijving op naam, e-mailadres, code of gestructureerde mededeling"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
