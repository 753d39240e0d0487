from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.models import RetentionTerms
from eigenkracht.privacy.retention import TERM_FIELDS


class RetentionTermsForm(forms.ModelForm):
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
