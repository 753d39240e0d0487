"""Back-office forms of the core app: outbox and audit filters, the organisation's settings."""

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum.be import vat as stdnum_be_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)

from eigenkracht.banking.iban import iban_validate, in_sepa_zone
from eigenkracht.core.models import Organisation, OutboxMessage, validate_kbo
from eigenkracht.core.refusals import NOT_SEPA

LOGO_MAX_BYTES = 1024 * 1024
LOGO_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
SIGNATURE_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
FILE_FIELDS = ("logo", "signature")
# An SVG is only ever shown through <img> (no scripts run there), but a logo opened on its own
# would run them: refuse what can carry script instead of trusting every place it is shown.
SVG_DANGER = re.compile(
    rb"<script|<foreignobject|<!entity|javascript:|\son[a-z]+\s*=|<iframe|<embed|<object",
    re.IGNORECASE,
)

IBAN_MESSAGES = {
    InvalidChecksum: _(
        "Dit rekeningnummer klopt niet: de controlecijfers passen niet bij het nummer. "
        "Kijk het na, bijvoorbeeld op een rekeninguittreksel."
    ),
    InvalidLength: _(
        "Dit rekeningnummer heeft niet het juiste aantal tekens. Een Belgisch IBAN telt "
        "16 tekens, bijvoorbeeld BE68 5390 0754 7034."
    ),
    InvalidFormat: _(
        "Dit is geen geldig IBAN-rekeningnummer. Een IBAN begint met een landcode en twee "
        "cijfers, bijvoorbeeld BE68 5390 0754 7034."
    ),
    InvalidComponent: _("Dit IBAN-rekeningnummer begint niet met een gekende landcode, zoals BE."),
}
BIC_MESSAGES = {
    InvalidLength: _("Een BIC-code telt 8 of 11 tekens, bijvoorbeeld GKCCBEBB."),
    InvalidFormat: _(
        "Deze BIC-code heeft niet de juiste vorm: 4 letters voor de bank, 2 letters voor het "
        "land en 2 tekens voor de plaats, eventueel gevolgd door 3 tekens voor het kantoor. "
        "Bijvoorbeeld GKCCBEBB."
    ),
}


def iban_clean(value: str) -> str:
    """The IBAN without spaces, or a ValidationError with a message a person can act on.

    A Belgian number whose bank code python-stdnum does not know is accepted once both its
    international and its Belgian check digits are right: that list lags behind the banks.
    """
    try:
        return iban_validate(value)
    except StdnumError as exc:
        message = next(
            (text for kind, text in IBAN_MESSAGES.items() if isinstance(exc, kind)),
            IBAN_MESSAGES[InvalidFormat],
        )
        raise ValidationError(message, code="iban") from exc


def payee_iban_clean(value: str) -> str:
    """An account we transfer money to: `iban_clean`, and in the SEPA zone, the only one our
    SEPA files reach (the bank refuses the whole file otherwise)."""
    iban = iban_clean(value)
    if not in_sepa_zone(iban):
        raise ValidationError(NOT_SEPA, code="iban_not_sepa")
    return iban


def bic_clean(value: str) -> str:
    try:
        return stdnum_bic.validate(value)
    except StdnumError as exc:
        message = BIC_MESSAGES[InvalidLength if isinstance(exc, InvalidLength) else InvalidFormat]
        raise ValidationError(message, code="bic") from exc


def _readable(content: bytes) -> bool:
    """Whether the image library can decode the image (a truncated file cannot be printed)."""
    from PIL import Image, UnidentifiedImageError  # fpdf2's dependency; loaded when used

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return False
    return True


def _logo_kind(head: bytes, content: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"<svg" in content.lower():
        return "svg"
    return ""


class OrganisationForm(forms.ModelForm):
    """The organisation's details. IBAN, BIC and the fee are form fields of their own: they are
    checked and converted here (IBAN without spaces, euros to cents) and saved by the service."""

    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("Met of zonder spaties, bijvoorbeeld BE68 5390 0754 7034."),
    )
    bic = forms.CharField(label=_("BIC"), max_length=14, help_text=_("Bijvoorbeeld GKCCBEBB."))
    default_fee = forms.DecimalField(
        label=_("Standaardprijs per deelnemer (euro)"),
        min_value=Decimal("0"),
        max_value=Decimal("10000"),
        max_digits=7,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Nieuwe vormingen krijgen deze prijs, bijvoorbeeld 20,00."),
    )

    enterprise_number = forms.CharField(
        label=_("Ondernemingsnummer"),
        max_length=20,
        help_text=_("Zoals in de KBO, bijvoorbeeld 0412.345.614. Staat op elke factuur."),
    )

    field_order = [
        "name",
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "iban",
        "bic",
        "beneficiary",
        "default_fee",
        "default_payment_term_days",
        "reminder_days_before",
        "practical_reminder_days_before",
        "waiting_list_offer_hours",
        "cancellation_days_before",
        "cancellation_refund_percent",
        "refund_term_days",
        "norm_coordinator_working_days",
        "norm_conference_weeks",
        "follow_up_weeks",
        "enterprise_number",
        "vat_liable",
        "vat_rate_percent",
        "vat_exemption_text",
        "logo",
        "signature",
    ]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "email",
            "phone",
            "beneficiary",
            "default_payment_term_days",
            "reminder_days_before",
            "practical_reminder_days_before",
            "waiting_list_offer_hours",
            "cancellation_days_before",
            "cancellation_refund_percent",
            "refund_term_days",
            "norm_coordinator_working_days",
            "norm_conference_weeks",
            "follow_up_weeks",
            "enterprise_number",
            "vat_liable",
            "vat_rate_percent",
            "vat_exemption_text",
            "logo",
            "signature",
        ]
        labels = {
            "default_payment_term_days": _("Standaardbetaaltermijn (dagen)"),
            "reminder_days_before": _("Betalingsherinnering (dagen voor de betaaldatum)"),
            "practical_reminder_days_before": _(
                "Praktische info mailen (dagen voor de eerste sessie)"
            ),
            "waiting_list_offer_hours": _(
                "Wachtlijst: een vrije plaats blijft zoveel uur aangeboden"
            ),
            "cancellation_days_before": _("Annuleren kan tot (dagen voor de vorming)"),
        }
        help_texts = {
            "beneficiary": _("De naam van de rekeninghouder, zoals ze op de overschrijving komt."),
            "default_payment_term_days": _(
                "Zoveel dagen na de inschrijving moet de betaling binnen zijn."
            ),
            "logo": _("PNG, JPEG of SVG, hoogstens 1 MB."),
            "signature": _(
                "Een scan van de handtekening, onderaan elk attest van deelname. PNG of JPEG, "
                "hoogstens 1 MB."
            ),
        }
        widgets = {
            "logo": forms.ClearableFileInput(
                attrs={"accept": ".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml"}
            ),
            "signature": forms.ClearableFileInput(
                attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("iban", self.instance.iban_display)
            self.initial.setdefault("bic", self.instance.bic)
            self.initial.setdefault("enterprise_number", self.instance.enterprise_number_display)
            fee = Decimal(self.instance.default_fee_cents) / 100
            self.initial.setdefault("default_fee", fee.quantize(Decimal("0.01")))

    def clean_iban(self) -> str:
        return iban_clean(self.cleaned_data["iban"])

    def clean_bic(self) -> str:
        return bic_clean(self.cleaned_data["bic"])

    def clean_enterprise_number(self) -> str:
        number = self.cleaned_data["enterprise_number"]
        validate_kbo(number)
        return stdnum_be_vat.compact(number)

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged (the current file), cleared (False) or none
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError(_("Het logo mag hoogstens 1 MB groot zijn."), code="logo_size")
        expected = LOGO_EXTENSIONS.get(Path(logo.name).suffix.lower())
        logo.seek(0)
        content = logo.read(LOGO_MAX_BYTES + 1)
        logo.seek(0)
        if expected is None or _logo_kind(content[:16], content) != expected:
            raise ValidationError(_("Kies een afbeelding in PNG, JPEG of SVG."), code="logo_type")
        if expected == "svg" and SVG_DANGER.search(content):
            raise ValidationError(
                _(
                    "Dit SVG-bestand bevat scripts of ingesloten inhoud. Bewaar het logo "
                    "opnieuw als gewone afbeelding of kies een PNG."
                ),
                code="logo_svg",
            )
        return logo

    def clean_signature(self) -> Any:
        """PNG or JPEG that the image library can read: it goes into every certificate's PDF."""
        signature = self.cleaned_data.get("signature")
        if not isinstance(signature, UploadedFile):
            return signature
        if signature.size > LOGO_MAX_BYTES:
            raise ValidationError(
                _("De handtekening mag hoogstens 1 MB groot zijn."), code="signature_size"
            )
        expected = SIGNATURE_EXTENSIONS.get(Path(signature.name).suffix.lower())
        signature.seek(0)
        content = signature.read(LOGO_MAX_BYTES + 1)
        signature.seek(0)
        if (
            expected is None
            or _logo_kind(content[:16], content) != expected
            or not _readable(content)
        ):
            raise ValidationError(_("Kies een afbeelding in PNG of JPEG."), code="signature_type")
        return signature

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        iban, bic = cleaned.get("iban"), cleaned.get("bic")
        if iban and bic and bic[4:6] != iban[:2]:
            self.add_error(
                "bic",
                ValidationError(
                    _("Deze BIC-code hoort bij een ander land dan het rekeningnummer."),
                    code="bic_country",
                ),
            )
        return cleaned

    def organisation_data(self) -> dict[str, Any]:
        """The cleaned values, named as the model's fields, for `organisation_update`.

        `logo` and `signature` are only present when they change: a new file, or None to remove.
        """
        cleaned = self.cleaned_data
        data = {name: cleaned[name] for name in self._meta.fields if name not in FILE_FIELDS}
        data["iban"] = cleaned["iban"]
        data["bic"] = cleaned["bic"]
        data["default_fee_cents"] = int((cleaned["default_fee"] * 100).to_integral_value())
        for name in FILE_FIELDS:
            upload = cleaned.get(name)
            if upload is False:
                data[name] = None
            elif isinstance(upload, UploadedFile):
                data[name] = upload
        return data


class LenientFilters:
    """A list's filter form that ignores a choice it does not offer (an old bookmark, a typo in
    the address, a city without trainings now) and says so, instead of marking a field invalid.

    `unfiltered` names what the list then shows (`unfiltered_for` per field, where a field falls
    back to something else); `unknown_labels` may word a field's unknown value ("Onbekende
    gemeente"). The messages are in `unknown_messages` once validated.
    """

    unfiltered: Any = _("alles")
    unfiltered_for: dict[str, Any] = {}
    unknown_labels: dict[str, Any] = {}

    def full_clean(self) -> None:
        self.unknown_messages: list[str] = []
        if self.is_bound:
            data = self.data.copy()
            for name, field in self.fields.items():
                if type(field) not in (forms.ChoiceField, forms.TypedChoiceField):
                    continue
                key = self.add_prefix(name)
                value = data.get(key)
                if value and not field.valid_value(value):
                    data.pop(key)
                    unknown = self.unknown_labels.get(name) or _(
                        "Onbekende keuze bij “%(label)s”"
                    ) % {"label": str(field.label).lower()}
                    self.unknown_messages.append(
                        _("%(unknown)s: we tonen %(unfiltered)s.")
                        % {
                            "unknown": unknown,
                            "unfiltered": self.unfiltered_for.get(name, self.unfiltered),
                        }
                    )
            self.data = data
        super().full_clean()


class OutboxFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle mails")

    PROBLEMS = "problems"  # both kinds of failure: what the dashboard links to

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            (PROBLEMS, _("Alle mislukte")),
            *OutboxMessage.Status.choices,
        ],
    )
    q = forms.CharField(
        label=_("Ontvanger"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


def object_type_label(object_type: str) -> str:
    """'trainings.registration' -> 'Inschrijving' (the model's own name)."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return str(_("Ander object"))
    return capfirst(str(model._meta.verbose_name))  # "EK-traject", not "Ek-traject"


class AuditFilterForm(LenientFilters, forms.Form):
    unfiltered = _("het hele logboek")

    object_type = forms.ChoiceField(label=_("Soort object"), required=False)
    object_id = forms.CharField(
        label=_("Objectnummer"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"type": "search", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Alle"))] + [
            (value, object_type_label(value)) for value in object_types
        ]
