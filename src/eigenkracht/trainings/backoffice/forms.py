"""Forms of the trainings back office. They validate input; services change state."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import (
    EuroField,
    ModelMultipleChoiceField,
    date_widget,
    datetime_widget,
    time_widget,
)
from eigenkracht.core.formatting import euro
from eigenkracht.core.forms import LenientFilters
from eigenkracht.core.models import BIGINT_MAX
from eigenkracht.trainings.models import (
    Registration,
    Trainer,
    Training,
    Venue,
    validate_meeting_url,
)


class TrainingForm(forms.ModelForm):
    # Declared under the model field's name so that the cleaned cents land in `fee_cents`.
    fee_cents = EuroField(
        label=_("Prijs per deelnemer (euro)"),
        help_text=_("Bijvoorbeeld 20 of 20,00. Vul 0 in voor een gratis vorming."),
        error_messages={"required": _("Vul de prijs in (0 voor een gratis vorming).")},
    )
    # Checkboxes, not a multiple select: ticked with the space bar, no Ctrl-click to learn.
    trainers = ModelMultipleChoiceField(
        label=_("Lesgevers (niet verplicht)"),
        queryset=Trainer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Staan met hun voorstelling op de pagina van de vorming en op het attest; met een "
            "account zien ze de deelnemers en vullen ze de aanwezigheden in."
        ),
        error_messages={"invalid_choice": _("Kies lesgevers uit de lijst.")},
    )

    class Meta:
        model = Training
        fields = [
            "title",
            "description",
            "venue",
            "capacity",
            "fee_cents",
            "registration_opens_at",
            "registration_closes_at",
            "payment_term_days",
            "trainer_names",
            "learning_goals",
            "what_to_bring",
        ]
        labels = {
            "title": _("Titel"),
            "description": _("Beschrijving"),
            "venue": _("Locatie"),
            "capacity": _("Aantal plaatsen"),
            "registration_opens_at": _("Inschrijvingen open vanaf (niet verplicht)"),
            "registration_closes_at": _("Inschrijvingen sluiten op (niet verplicht)"),
            "payment_term_days": _("Betaaltermijn in dagen (niet verplicht)"),
            "trainer_names": _("Lesgever(s) als tekst (niet verplicht)"),
            "learning_goals": _("Leerdoelen (niet verplicht)"),
            "what_to_bring": _("Meebrengen (niet verplicht)"),
        }
        help_texts = {
            "description": _("Markdown is toegestaan: **vet**, *schuin*, lijstjes met - ."),
            "registration_opens_at": _("Leeg: meteen na het publiceren."),
            "trainer_names": _(
                "Enkel als je hierboven geen lesgevers kiest: staat dan op het attest, "
                "bijvoorbeeld: An Peeters en Jan Claes."
            ),
            "learning_goals": _(
                "Staat op het attest: wat de deelnemers na de vorming kennen of kunnen. "
                "Eén leerdoel per regel."
            ),
            "what_to_bring": _(
                "Staat in de mail met praktische info vóór de eerste sessie, bijvoorbeeld: "
                "een laptop, je lunch."
            ),
        }
        error_messages = {
            "title": {"required": _("Vul een titel in.")},
            "description": {"required": _("Vul een beschrijving in.")},
            "venue": {
                "required": _("Kies een locatie."),
                "invalid_choice": _("Kies een locatie uit de lijst."),
            },
            "capacity": {
                "required": _("Vul het aantal plaatsen in."),
                "invalid": _("Vul een geheel getal in."),
                "min_value": _("Een vorming heeft minstens 1 plaats."),
                "max_value": _("Een vorming heeft hoogstens 1000 plaatsen."),
            },
            "payment_term_days": {
                "invalid": _("Vul een geheel aantal dagen in."),
                "min_value": _("De betaaltermijn is minstens 1 dag."),
            },
            "registration_opens_at": {"invalid": _("Vul een geldige datum en tijd in.")},
            "registration_closes_at": {"invalid": _("Vul een geldige datum en tijd in.")},
            "learning_goals": {
                "max_length": _("De leerdoelen tellen hoogstens 2000 tekens."),
            },
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
            "capacity": forms.NumberInput(attrs={"min": 1, "max": 1000}),
            "payment_term_days": forms.NumberInput(attrs={"min": 1}),
            "registration_opens_at": datetime_widget(),
            "registration_closes_at": datetime_widget(),
            "what_to_bring": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.order_by("city", "name")
        self.fields["venue"].empty_label = _("Kies een locatie")
        self.fields["trainers"].queryset = Trainer.objects.order_by("name", "id")
        if self.instance.pk:
            self.fields["trainers"].initial = list(self.instance.trainers.all())
        names = [name for name in self.fields if name != "trainers"]
        names.insert(names.index("trainer_names"), "trainers")
        self.order_fields(names)

    def clean_title(self) -> str:
        # A title is one line everywhere it appears: a page heading, a mail subject, a calendar.
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens = cleaned.get("registration_opens_at")
        closes = cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at",
                _("De inschrijvingen moeten sluiten na het moment waarop ze openen."),
            )
        return cleaned


class SessionForm(forms.Form):
    """One row of the sessions table; a row left completely empty is ignored.

    An existing session keeps its id in a hidden field, so that editing its date or hours updates
    it in place (with its attendance) instead of replacing it.
    """

    id = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=BIGINT_MAX
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    start_time = forms.TimeField(
        label=_("Beginuur"),
        required=False,
        widget=time_widget(),
        error_messages={"invalid": _("Vul een geldig uur in, zoals 09:30.")},
    )
    end_time = forms.TimeField(
        label=_("Einduur"),
        required=False,
        widget=time_widget(),
        error_messages={"invalid": _("Vul een geldig uur in, zoals 16:30.")},
    )
    meeting_url = forms.URLField(
        label=_("Link voor online deelname"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[validate_meeting_url],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={
            "invalid": _("Vul een link in die begint met https://."),
            "max_length": _("Deze link is te lang (hoogstens 500 tekens)."),
        },
    )
    online_only = forms.BooleanField(label=_("Enkel online"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        date, start, end = (cleaned.get(name) for name in ("date", "start_time", "end_time"))
        link, online_only = cleaned.get("meeting_url"), cleaned.get("online_only")
        if date is None and start is None and end is None and not link and not online_only:
            return cleaned
        if online_only and not link:
            self.add_error(
                "meeting_url", _("Een sessie die enkel online is, heeft een link nodig.")
            )
        if date is None:
            self.add_error("date", _("Vul de datum van deze sessie in."))
        if start is None:
            self.add_error("start_time", _("Vul het beginuur van deze sessie in."))
        if end is None:
            self.add_error("end_time", _("Vul het einduur van deze sessie in."))
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("Het einduur moet na het beginuur liggen."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("date", "start_time", "end_time"))


class BaseSessionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms if not form.is_blank]
        if not rows:
            raise ValidationError(
                _("Voeg minstens één sessie toe: vul een datum, beginuur en einduur in."),
                code="no_sessions",
            )
        keys = [(row["date"], row["start_time"]) for row in rows]
        if len(set(keys)) != len(keys):
            raise ValidationError(
                _("Twee sessies beginnen op dezelfde dag en hetzelfde uur."), code="duplicate"
            )

    def refuse(self, message: str) -> None:
        """Show the service's refusal (e.g. removing a session with attendance) above the rows."""
        self.non_form_errors().append(message)

    def sessions(self) -> list[dict[str, Any]]:
        """The filled-in rows, sorted by date and start time, as `training_save` expects them."""
        rows = [
            {
                "id": form.cleaned_data["id"],
                "date": form.cleaned_data["date"],
                "start_time": form.cleaned_data["start_time"],
                "end_time": form.cleaned_data["end_time"],
                "meeting_url": form.cleaned_data["meeting_url"],
                "online_only": form.cleaned_data["online_only"],
            }
            for form in self.forms
            if not form.is_blank
        ]
        return sorted(rows, key=lambda row: (row["date"], row["start_time"]))


SESSION_ROWS = 5


def session_formset(data: Any = None, *, training: Training | None = None) -> forms.BaseFormSet:
    """At least five rows, and always two empty ones after the existing sessions."""
    initial = []
    if training is not None and training.pk:
        initial = [
            {
                "id": s.pk,
                "date": s.date,
                "start_time": s.start_time,
                "end_time": s.end_time,
                "meeting_url": s.meeting_url,
                "online_only": s.online_only,
            }
            for s in training.sessions.all()
        ]
    extra = max(SESSION_ROWS - len(initial), 2)
    formset_class = forms.formset_factory(
        SessionForm, formset=BaseSessionFormSet, extra=extra, max_num=50, absolute_max=50
    )
    return formset_class(data=data, initial=initial, prefix="sessions")


class VenueForm(forms.ModelForm):
    route_url = forms.URLField(
        label=_("Link naar de route (niet verplicht)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld een link naar de locatie op een kaart."),
        error_messages={"invalid": _("Vul een volledige link in, zoals https://example.be/route.")},
    )

    class Meta:
        model = Venue
        fields = ["name", "street", "postcode", "city", "directions", "route_url"]
        labels = {
            "name": _("Naam"),
            "street": _("Straat en nummer"),
            "postcode": _("Postcode"),
            "city": _("Gemeente"),
            "directions": _("Bereikbaarheid (niet verplicht)"),
        }
        help_texts = {
            "directions": _("Openbaar vervoer, parkeren, toegankelijkheid voor rolstoelen."),
        }
        error_messages = {
            "name": {"required": _("Vul de naam van de locatie in.")},
            "street": {"required": _("Vul de straat en het huisnummer in.")},
            "postcode": {"required": _("Vul de postcode in.")},
            "city": {"required": _("Vul de gemeente in.")},
        }
        widgets = {"directions": forms.Textarea(attrs={"rows": 4})}


class TrainingFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle vormingen")

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Training.Status.choices],
    )
    q = forms.CharField(
        label=_("Zoek op titel"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class RegistrationFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle inschrijvingen")

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Registration.Status.choices],
    )
    q = forms.CharField(
        label=_("Zoek op naam, e-mailadres of gestructureerde mededeling"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class MarkPaidForm(forms.Form):
    amount_cents = EuroField(
        label=_("Bedrag (euro)"),
        allow_zero=False,
        error_messages={"required": _("Vul het ontvangen bedrag in.")},
    )
    paid_on = forms.DateField(
        label=_("Betaald op"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul de datum van de betaling in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    note = forms.CharField(
        label=_("Notitie (niet verplicht)"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: cash betaald op de vorming, of betaald door de werkgever."),
    )

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "amount_cents": registration.amount_open_cents or None,
                "paid_on": timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)
        self.registration = registration

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise ValidationError(_("De betaaldatum kan niet in de toekomst liggen."))
        # A year typed wrong would book the payment in a period whose books are closed.
        registered_on = timezone.localdate(self.registration.created_at)
        if paid_on < registered_on:
            raise ValidationError(
                _("De betaaldatum kan niet voor de inschrijving liggen (%(date)s).")
                % {"date": registered_on.strftime("%d/%m/%Y")}
            )
        return paid_on


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (niet verplicht)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CancelRegistrationForm(ReasonForm):
    """The office cancels; for a paid registration it decides what is paid back."""

    refund = EuroField(
        label=_("Terug te betalen (euro)"),
        required=False,
        help_text=_("Standaard alles wat betaald is. 0: niets terugbetalen."),
    )

    def __init__(self, *args: Any, paid_cents: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paid_cents = paid_cents
        if paid_cents:
            self.fields["refund"].initial = paid_cents
        else:
            del self.fields["refund"]

    def clean_refund(self) -> int:
        refund = self.cleaned_data.get("refund")
        if refund is None:
            return self.paid_cents
        if refund > self.paid_cents:
            raise ValidationError(
                _("Er is maar %(paid)s betaald: meer kan je niet terugbetalen.")
                % {"paid": euro(self.paid_cents)}
            )
        return refund
