"""The plan tab: the plan with its agreements, and the referrer's decision on it."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import TOO_LONG, date_widget
from eigenkracht.trajectories.models import Domain, Participant, Plan
from eigenkracht.trajectories.services import AgreementData
from eigenkracht.trajectories.work.forms.common import MAX_YEARS_AHEAD, years_ahead


class PlanForm(forms.Form):
    evaluation_on = forms.DateField(
        label=_("Evaluatiedatum"),
        required=False,
        widget=date_widget(),
        help_text=_("Wanneer komt het netwerk samen om te bekijken hoe het plan loopt?"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    if_things_go_differently = forms.CharField(
        label=_("Als het anders loopt"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat gebeurt er als een afspraak niet lukt? Wie verwittigt wie?"),
        error_messages={"max_length": TOO_LONG},
    )

    def clean_evaluation_on(self) -> dt.date | None:
        value = self.cleaned_data.get("evaluation_on")
        if value is None:
            return None
        today = timezone.localdate()
        if value < today:
            raise ValidationError(
                _("De evaluatiedatum kan niet voor vandaag (de datum van het plan) liggen.")
            )
        if value > years_ahead(today):
            raise ValidationError(
                _("Die datum ligt meer dan %(years)s jaar ver. Kijk het jaartal na.")
                % {"years": MAX_YEARS_AHEAD}
            )
        return value


class AgreementForm(forms.Form):
    """One agreement; a row left completely empty is skipped, so emptying a row removes it."""

    what = forms.CharField(
        label=_("Wat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )
    responsible = forms.TypedMultipleChoiceField(
        label=_("Wie"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies de personen uit de lijst.")},
    )
    due = forms.CharField(
        label=_("Tegen wanneer"),
        required=False,
        max_length=80,
        error_messages={"max_length": TOO_LONG},
    )
    checked_by = forms.TypedChoiceField(
        label=_("Wie volgt op"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies de persoon uit de lijst.")},
    )
    domain = forms.ChoiceField(
        label=_("Domein"),
        required=False,
        choices=[("", _("Geen domein")), *Domain.choices],
        error_messages={"invalid_choice": _("Kies een domein uit de lijst.")},
    )

    def __init__(self, *args: Any, participants: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_pk = {p.pk: p for p in participants}
        names = [(p.pk, p.name) for p in participants]
        self.fields["responsible"].choices = names
        self.fields["checked_by"].choices = [("", _("Niemand in het bijzonder")), *names]

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (
            data.get("what", "").strip()
            or data.get("responsible")
            or data.get("due", "").strip()
            or data.get("checked_by")
            or data.get("domain")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors or self.is_blank():
            return cleaned
        if not cleaned.get("what", "").strip():
            self.add_error("what", _("Schrijf wat er afgesproken is."))
        if not cleaned.get("responsible"):
            self.add_error("responsible", _("Kies minstens één persoon die dit doet."))
        if not cleaned.get("due", "").strip():
            self.add_error(
                "due", _("Vul in tegen wanneer, bijvoorbeeld: voor 1 maart, elke woensdag.")
            )
        return cleaned

    def agreement_data(self) -> AgreementData:
        data = self.cleaned_data
        checked_by = data.get("checked_by")
        return AgreementData(
            what=data["what"].strip(),
            responsible=[self.by_pk[pk] for pk in data["responsible"]],
            due=data["due"].strip(),
            checked_by=self.by_pk[checked_by] if checked_by else None,
            domain=data.get("domain", ""),
        )


class BaseAgreementFormSet(forms.BaseFormSet):
    def agreements(self) -> list[AgreementData]:
        """The filled-in rows, in the order of the page; empty rows are left out."""
        return [form.agreement_data() for form in self.forms if not form.is_blank()]


def agreement_formset(
    data: Any = None, *, plan: Plan | None, participants: list[Participant]
) -> BaseAgreementFormSet:
    """The formset with the plan's agreements (their `responsible` prefetched) and empty rows."""
    initial = []
    if plan is not None:
        initial = [
            {
                "what": a.what,
                "responsible": [p.pk for p in a.responsible.all()],
                "due": a.due,
                "checked_by": a.checked_by_id,
                "domain": a.domain,
            }
            for a in plan.agreements.all()
        ]
    formset_class = forms.formset_factory(
        AgreementForm,
        formset=BaseAgreementFormSet,
        extra=3 if initial else 5,
        max_num=100,
        absolute_max=120,
    )
    return formset_class(
        data, initial=initial, prefix="agreements", form_kwargs={"participants": participants}
    )


class PlanDecisionForm(forms.Form):
    ACCEPT = "accept"
    CHANGES = "changes"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Plan aanvaarden")), (CHANGES, _("Aanvulling vragen"))],
        error_messages={
            "required": _("Kies: het plan aanvaarden of een aanvulling vragen."),
            "invalid_choice": _("Kies: het plan aanvaarden of een aanvulling vragen."),
        },
    )
    feedback = forms.CharField(
        label=_("Wat ontbreekt er volgens jou?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen nodig als je een aanvulling vraagt. Verwijs naar de grenzen: "
            "wat maakt het plan nog niet veilig genoeg?"
        ),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not cleaned.get("feedback", "").strip():
            self.add_error(
                "feedback", _("Schrijf wat er volgens jou ontbreekt, met het oog op de grenzen.")
            )
        elif cleaned.get("decision") == self.ACCEPT and cleaned.get("feedback", "").strip():
            # Accepting does not send the text anywhere: it would be lost without a word.
            self.add_error(
                "feedback",
                _(
                    "Je schreef wat er ontbreekt, maar koos 'Plan aanvaarden'. Kies 'Aanvulling "
                    "vragen' om het door te geven, of maak het veld leeg om te aanvaarden."
                ),
            )
        return cleaned
