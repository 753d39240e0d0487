from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.models import RetentionTerms
from eigenkracht.privacy.retention import TERM_FIELDS


class RetentionTermsForm(forms.ModelForm):
    """The limits of each term are the model's validators; the browser is told them too, and the
    help text says them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            limits = {
                type(validator): validator.limit_value
                for validator in RetentionTerms._meta.get_field(name).validators
                if isinstance(validator, MinValueValidator | MaxValueValidator)
            }
            low, high = limits.get(MinValueValidator), limits.get(MaxValueValidator)
            field.widget.attrs.update({"min": low, "max": high})
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                _("Tussen %(low)d en %(high)d.") % {"low": low, "high": high},
            )
        self.fields["accounting_years"].error_messages["min_value"] = _(
            "De boekhoudwet vraagt de stukken minstens 7 jaar te bewaren."
        )

    class Meta:
        model = RetentionTerms
        fields = list(TERM_FIELDS)
        help_texts = {
            "registrations_years": _("Standaard 2 jaar."),
            "accounting_years": _("Standaard en wettelijk minimum: 7 jaar."),
            "trajectories_years": _("Standaard 5 jaar."),
            "trajectories_minor_age": _(
                "Leeg: alleen de termijn hierboven. Ingevuld (bijvoorbeeld 18): een traject blijft "
                "ook bewaard tot de jongste deelnemer die leeftijd heeft."
            ),
            "referrals_months": _("Standaard 6 maanden."),
            "outbox_months": _("Standaard 12 maanden."),
            "audit_years": _("Standaard 5 jaar."),
            "requests_years": _("Standaard 5 jaar."),
            "applications_months": _("Standaard 12 maanden."),
        }


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik heb het voorstel nagekeken: maak deze gegevens nu anoniem."),
        error_messages={"required": _("Vink aan dat je het voorstel nakeek.")},
    )
