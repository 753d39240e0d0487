from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.forms import LenientFilters
from eigenkracht.invoices.models import BillingDetails
from eigenkracht.invoices.selectors import Status
from eigenkracht.trainings.forms import EmployerForm

STATUS_CHOICES = [
    ("", _("Alle")),
    (Status.OPEN, _("Open")),
    (Status.PAID, _("Betaald")),
    (Status.CREDITED, _("Gecrediteerd")),
    (Status.CREDIT_NOTE, _("Creditnota's")),
]


def employer_form(data=None, *, details: BillingDetails | None) -> EmployerForm:
    """The registration form's employer box, filled in with the stored details."""
    initial = {}
    if details is not None:
        initial = {
            name: getattr(details, name)
            for name in (
                "name",
                "street",
                "postcode",
                "city",
                "enterprise_number",
                "vat_number",
                "order_reference",
                "email",
                "peppol_id",
            )
        }
        initial["via_peppol"] = bool(details.peppol_id)
    return EmployerForm(data, initial=initial, prefix="werkgever")


class DocumentFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle documenten")

    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    q = forms.CharField(
        label=_("Zoek op nummer, werkgever of referentie"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class CreditForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=200,
        error_messages={"required": _("Schrijf waarom de factuur gecrediteerd wordt.")},
    )
