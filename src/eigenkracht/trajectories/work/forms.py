"""The coordinator's forms: participants, the conference, attendance, the plan, follow-up, notes.

They refuse impossible data with a message the coordinator understands; the services change
state. Choices among the trajectory's participants are built from one list that the view loads
once, so that a page with thirty agreements costs as many queries as one with three.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.formatting import day
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    ConferenceAttendance,
    Domain,
    Language,
    Participant,
    Plan,
    Trajectory,
)
from eigenkracht.trajectories.services import AgreementData, Presence

EARLIEST_BIRTH_YEAR = 1900
MAX_PRIVATE_TIME_MINUTES = 24 * 60
# Further ahead than this is a typo (2062 instead of 2026), not a plan.
MAX_YEARS_AHEAD = 2
# The models keep free text in TextFields, which have no limit of their own: the forms cap every
# free-text field, generously for what a coordinator writes and small enough for a printed page.
MAX_NEEDS = 2000
MAX_CHILDREN_ARRANGEMENTS = 2000
MAX_REMARKS = 4000
TOO_LONG = _("Houd het korter: hoogstens %(limit_value)d tekens.")


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_widget() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _years_ahead(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def language_labels(codes: Iterable[str]) -> list[str]:
    return [str(Language(code).label) for code in codes if code in Language.values]


# Participants ------------------------------------------------------------------------------------


def _free_text(
    label: Any, *, limit: int, rows: int, help_text: Any = "", required: bool = False
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


class ParticipantForm(forms.ModelForm):
    needs = _free_text(
        _("Noden"),
        limit=MAX_NEEDS,
        rows=3,
        help_text=_(
            "Wat heeft deze persoon nodig om erbij te zijn? Vervoer, opvang, toegankelijkheid..."
        ),
    )
    birth_year = forms.IntegerField(
        label=_("Of alleen het geboortejaar (niet verplicht)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": EARLIEST_BIRTH_YEAR, "inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een jaartal in, zoals 1975.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        choices=Language.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Houd Ctrl (of Cmd op een Mac) ingedrukt om meer talen te kiezen."),
        error_messages={"invalid_choice": _("Kies de talen uit de lijst.")},
    )

    class Meta:
        model = Participant
        fields = [
            "name",
            "role",
            "relation",
            "birth_date",
            "birth_year",
            "address",
            "phone",
            "email",
            "languages",
            "interpreter_needed",
            "needs",
            "suggested_by",
            "invitation",
        ]
        labels = {
            "name": _("Naam"),
            "role": _("Rol"),
            "relation": _("Relatie of functie"),
            "birth_date": _("Geboortedatum (niet verplicht)"),
            "address": _("Adres"),
            "phone": _("Telefoon"),
            "email": _("E-mailadres"),
            "interpreter_needed": _("Heeft een tolk nodig"),
            "suggested_by": _("Voorgesteld door"),
            "invitation": _("Uitnodiging"),
        }
        help_texts = {
            "suggested_by": _(
                "Wie bracht deze persoon aan? Bijvoorbeeld: de moeder, de leerkracht."
            ),
        }
        error_messages = {
            "name": {"required": _("Vul de naam in.")},
            "role": {
                "required": _("Kies de rol van deze persoon."),
                "invalid_choice": _("Kies een rol uit de lijst."),
            },
            "birth_date": {"invalid": _("Vul een geldige datum in.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.")},
            "invitation": {"invalid_choice": _("Kies een stand van de uitnodiging uit de lijst.")},
        }
        widgets = {
            "birth_date": _date_widget(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Kies een rol")), *Participant.Role.choices]

    def clean_birth_date(self) -> dt.date | None:
        value = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if value.year < EARLIEST_BIRTH_YEAR:
            raise ValidationError(
                _("Een geboortedatum voor %(year)s klopt niet.") % {"year": EARLIEST_BIRTH_YEAR}
            )
        return value

    def clean_birth_year(self) -> int | None:
        value = self.cleaned_data.get("birth_year")
        if value is None:
            return None
        if value > timezone.localdate().year:
            raise ValidationError(_("Een geboortejaar kan niet in de toekomst liggen."))
        if value < EARLIEST_BIRTH_YEAR:
            raise ValidationError(
                _("Een geboortejaar voor %(year)s klopt niet.") % {"year": EARLIEST_BIRTH_YEAR}
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        birth_date, birth_year = cleaned.get("birth_date"), cleaned.get("birth_year")
        if birth_date and birth_year and birth_date.year != birth_year:
            self.add_error(
                "birth_year",
                _("Het geboortejaar past niet bij de geboortedatum; vul er één van in."),
            )
        elif birth_date:
            cleaned["birth_year"] = birth_date.year
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class InvitationsForm(forms.Form):
    """One select per participant to change many invitation statuses at once."""

    def __init__(self, *args: Any, participants: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            self.fields[self.field_name(participant)] = forms.ChoiceField(
                label=_("Uitnodiging van %(name)s") % {"name": participant.name},
                choices=Participant.Invitation.choices,
                initial=participant.invitation,
                error_messages={
                    "required": _("Kies een stand voor %(name)s.") % {"name": participant.name},
                    "invalid_choice": _("Kies een stand uit de lijst voor %(name)s.")
                    % {"name": participant.name},
                },
            )

    @staticmethod
    def field_name(participant: Participant) -> str:
        return f"invitation_{participant.pk}"

    def rows(self) -> Iterator[tuple[Participant, forms.BoundField]]:
        for participant in self.participants:
            yield participant, self[self.field_name(participant)]

    def changes(self) -> list[tuple[Participant, str]]:
        """The participants whose status changed, with the new status."""
        return [
            (participant, self.cleaned_data[self.field_name(participant)])
            for participant in self.participants
            if self.cleaned_data[self.field_name(participant)] != participant.invitation
        ]


# The conference ----------------------------------------------------------------------------------


class ConferenceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Talen van de conferentie"),
        choices=Language.choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Houd Ctrl (of Cmd op een Mac) ingedrukt om meer talen te kiezen."),
        error_messages={
            "required": _("Kies minstens één taal."),
            "invalid_choice": _("Kies de talen uit de lijst."),
        },
    )
    children_arrangements = _free_text(
        _("Afspraken voor de kinderen (niet verplicht)"),
        limit=MAX_CHILDREN_ARRANGEMENTS,
        rows=3,
        help_text=_("Opvang, een vertrouwenspersoon, wanneer de kinderen erbij zijn."),
    )
    remarks = _free_text(_("Opmerkingen (niet verplicht)"), limit=MAX_REMARKS, rows=3)

    class Meta:
        model = Conference
        fields = [
            "date",
            "start_time",
            "place",
            "address",
            "languages",
            "interpreter",
            "children_arrangements",
            "remarks",
        ]
        labels = {
            "date": _("Datum"),
            "start_time": _("Beginuur"),
            "place": _("Plaats"),
            "address": _("Adres"),
            "interpreter": _("Tolk (niet verplicht)"),
        }
        help_texts = {
            "place": _("Bijvoorbeeld: buurthuis De Vonk, de parochiezaal. Vaak een neutrale plek."),
            "address": _("Straat, nummer, postcode en gemeente."),
            "interpreter": _("Naam van de tolk en de taal, als er een tolk nodig is."),
        }
        error_messages = {
            "date": {"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
            "start_time": {
                "required": _("Vul het beginuur in."),
                "invalid": _("Vul een geldig uur in, zoals 18:30."),
            },
            "place": {"required": _("Vul de plaats in.")},
            "address": {"required": _("Vul het adres in.")},
        }
        widgets = {
            "date": _date_widget(),
            "start_time": _time_widget(),
        }

    def __init__(
        self,
        *args: Any,
        trajectory: Trajectory,
        not_before: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.not_before = not_before

    def clean_date(self) -> dt.date | None:
        value = self.cleaned_data.get("date")
        if value is None:
            return None
        referred_on = timezone.localdate(self.trajectory.referred_at)
        if value < referred_on:
            raise ValidationError(
                _("De conferentie kan niet voor de aanmelding vallen (%(date)s).")
                % {"date": day(referred_on)}
            )
        if self.not_before and value < self.not_before:
            raise ValidationError(
                _("Een vervolgconferentie kan niet voor de conferentie vallen (%(date)s).")
                % {"date": day(self.not_before)}
            )
        if value > _years_ahead(timezone.localdate()):
            raise ValidationError(
                _("Die datum ligt meer dan %(years)s jaar ver. Kijk het jaartal na.")
                % {"years": MAX_YEARS_AHEAD}
            )
        return value

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AttendanceForm(forms.Form):
    """Per participant three checkboxes; plus the length of the private family time."""

    PARTS = ("information_round", "family_time", "plan_presentation")
    PART_LABELS = {
        "information_round": _("Informatieronde"),
        "family_time": _("Besloten gedeelte (familietijd)"),
        "plan_presentation": _("Voorstelling van het plan"),
    }

    private_time_minutes = forms.IntegerField(
        label=_("Duur van het besloten gedeelte, in minuten"),
        required=False,
        min_value=0,
        max_value=MAX_PRIVATE_TIME_MINUTES,
        help_text=_("Bijvoorbeeld 150 voor twee en een half uur. Leeg als je het niet weet."),
        widget=forms.NumberInput(
            attrs={"min": 0, "max": MAX_PRIVATE_TIME_MINUTES, "inputmode": "numeric"}
        ),
        error_messages={
            "invalid": _("Vul een aantal minuten in, zoals 150."),
            "min_value": _("De duur kan niet negatief zijn."),
            "max_value": _(
                "Het besloten gedeelte duurt hoogstens een etmaal (1440 minuten). "
                "Kijk het aantal minuten na."
            ),
        },
    )

    def __init__(
        self,
        *args: Any,
        participants: list[Participant],
        attendance: Iterable[ConferenceAttendance] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        recorded = {a.participant_id: a for a in attendance}
        for participant in participants:
            for part in self.PARTS:
                self.fields[self.field_name(participant, part)] = forms.BooleanField(
                    label=self.PART_LABELS[part],
                    required=False,
                    initial=bool(
                        participant.pk in recorded and getattr(recorded[participant.pk], part)
                    ),
                )

    @staticmethod
    def field_name(participant: Participant, part: str) -> str:
        return f"p{participant.pk}_{part}"

    def rows(self) -> Iterator[tuple[Participant, list[forms.BoundField]]]:
        for participant in self.participants:
            yield participant, [self[self.field_name(participant, part)] for part in self.PARTS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        minutes = cleaned.get("private_time_minutes")
        if minutes and not any(
            cleaned.get(self.field_name(p, "family_time")) for p in self.participants
        ):
            self.add_error(
                "private_time_minutes",
                _("Er is een duur ingevuld, maar niemand is aangevinkt bij het besloten gedeelte."),
            )
        return cleaned

    def presence(self) -> dict[int, Presence]:
        return {
            participant.pk: Presence(
                **{
                    part: self.cleaned_data[self.field_name(participant, part)]
                    for part in self.PARTS
                }
            )
            for participant in self.participants
        }


# The plan ----------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    evaluation_on = forms.DateField(
        label=_("Evaluatiedatum"),
        required=False,
        widget=_date_widget(),
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
        if value > _years_ahead(today):
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
        widget=forms.SelectMultiple(attrs={"size": 4}),
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
        self.fields["responsible"].widget.attrs["size"] = min(max(len(names), 2), 8)
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
        return cleaned


# Follow-up and notes -----------------------------------------------------------------------------


PROGRESS_CHOICES = [
    ("", _("Niet besproken")),
    (Agreement.Progress.DONE, Agreement.Progress.DONE.label),
    (Agreement.Progress.ONGOING, Agreement.Progress.ONGOING.label),
    (Agreement.Progress.NOT_DONE, Agreement.Progress.NOT_DONE.label),
]


class FollowUpForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum van de opvolging"),
        widget=_date_widget(),
        error_messages={
            "required": _("Vul de datum van de opvolging in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    note = forms.CharField(
        label=_("Verslag"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hoe loopt het plan? Wat is er veranderd? Wat is er nog nodig?"),
        error_messages={
            "required": _("Schrijf een kort verslag van de opvolging."),
            "max_length": TOO_LONG,
        },
    )

    SATISFACTION_LABELS = {
        "satisfaction_main_person": _("Hoofdperso(o)n(en)"),
        "satisfaction_family": _("Familie"),
        "satisfaction_network": _("Vrienden, buren en ander netwerk"),
        "satisfaction_professionals": _("Professionals"),
    }

    def __init__(
        self,
        *args: Any,
        agreements: list[Agreement],
        not_before: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agreements = agreements
        self.not_before = not_before
        for name, label in self.SATISFACTION_LABELS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=10,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 10}),
                error_messages={
                    "invalid": _("Vul een score van 1 tot 10 in."),
                    "min_value": _("Vul een score van 1 tot 10 in."),
                    "max_value": _("Vul een score van 1 tot 10 in."),
                },
            )
        for number, agreement in enumerate(agreements, start=1):
            self.fields[self.field_name(agreement)] = forms.ChoiceField(
                label=_("Stand van afspraak %(number)s") % {"number": number},
                choices=PROGRESS_CHOICES,
                required=False,
                initial="" if agreement.progress == Agreement.Progress.OPEN else agreement.progress,
                error_messages={"invalid_choice": _("Kies een stand uit de lijst.")},
            )

    @staticmethod
    def field_name(agreement: Agreement) -> str:
        return f"agreement_{agreement.pk}"

    def satisfaction_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SATISFACTION_LABELS]

    def satisfaction(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in self.SATISFACTION_LABELS}

    def rows(self) -> Iterator[tuple[Agreement, forms.BoundField]]:
        for agreement in self.agreements:
            yield agreement, self[self.field_name(agreement)]

    def clean_held_on(self) -> dt.date:
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise ValidationError(_("Een opvolging in de toekomst kan nog niet genoteerd worden."))
        if self.not_before and value < self.not_before:
            raise ValidationError(
                _("De opvolging kan niet voor de aanvaarding van het plan vallen (%(date)s).")
                % {"date": day(self.not_before)}
            )
        return value

    def progress(self) -> dict[int, str]:
        return {
            agreement.pk: self.cleaned_data[self.field_name(agreement)]
            for agreement in self.agreements
            if self.cleaned_data[self.field_name(agreement)]
        }


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen voor de coördinator en het kantoor; de aanmelder ziet notities nooit."),
        error_messages={
            "required": _("Schrijf eerst een notitie."),
            "max_length": TOO_LONG,
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Schrijf eerst een notitie."))
        return text
