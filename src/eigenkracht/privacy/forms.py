from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.privacy.models import PrivacyRequest


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class PrivacyRequestForm(forms.ModelForm):
    class Meta:
        model = PrivacyRequest
        fields = [
            "kind",
            "received_on",
            "requested_by",
            "subject_name",
            "subject_email",
            "subject_birth_date",
            "details",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "received_on": _date_widget(),
            "subject_birth_date": _date_widget(),
            "details": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "requested_by": _(
                "De persoon zelf, een ouder, een advocaat...; "
                "en hoe: per brief, mail of aan de balie."
            ),
            "subject_birth_date": _("Als ze gekend is: ze helpt deelnemers aan trajecten vinden."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        # Radio buttons need no empty choice: none is ticked until the office picks one.
        self.fields["kind"].choices = PrivacyRequest.Kind.choices

    def clean_received_on(self):
        return _not_in_future(
            self.cleaned_data["received_on"], _("De datum van ontvangst ligt in de toekomst.")
        )

    def clean_subject_birth_date(self):
        return _not_in_future(
            self.cleaned_data["subject_birth_date"], _("De geboortedatum ligt in de toekomst.")
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("subject_name") and not cleaned.get("subject_email"):
            self.add_error(
                "subject_name",
                _("Geef de naam of het e-mailadres van de persoon over wie het verzoek gaat."),
            )
        return cleaned


class ExtendForm(forms.Form):
    extended_to = forms.DateField(label=_("Verlengen tot"), widget=_date_widget())
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Laat de persoon dit zelf weten binnen de eerste maand, met deze reden: het systeem "
            "stuurt hierover geen bericht."
        ),
    )


class AnswerForm(forms.Form):
    RESULTS = [
        ("answered", _("Beantwoord")),
        ("refused", _("Geweigerd")),
    ]
    result = forms.ChoiceField(
        label=_("Uitkomst"), choices=RESULTS, initial="answered", widget=forms.RadioSelect
    )
    answered_on = forms.DateField(label=_("Beantwoord op"), widget=_date_widget())
    outcome = forms.CharField(
        label=_("Wat we antwoordden"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bij een weigering: waarom, en dat de persoon klacht kan indienen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


class SearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    name = forms.CharField(label=_("Naam"), max_length=160, required=False)
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=_date_widget())

    @classmethod
    def for_request(cls, privacy_request: PrivacyRequest, data=None) -> "SearchForm":
        """Bound to what was asked, or to the request's own data when nothing was."""
        if data and any(data.get(name) for name in ("email", "name", "birth_date")):
            return cls(data)
        return cls(
            {
                "email": privacy_request.subject_email,
                "name": privacy_request.subject_name,
                "birth_date": privacy_request.subject_birth_date.isoformat()
                if privacy_request.subject_birth_date
                else "",
            }
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.values()):
            raise forms.ValidationError(_("Vul een e-mailadres, een naam of een geboortedatum in."))
        return cleaned


class AccessReviewForm(forms.Form):
    include = forms.MultipleChoiceField(
        label=_("Ook meegeven"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["include"].choices = choices


class EraseForm(forms.Form):
    """What the search found, ticked: the office unticks what belongs to someone else (a
    namesake); then the confirmation."""

    erase = forms.MultipleChoiceField(
        label=_("Wat gewist wordt"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("De gevonden gegevens veranderden. Kijk opnieuw na.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik heb nagekeken wat gewist wordt: wis deze gegevens nu."),
        error_messages={"required": _("Vink aan dat je nakeek wat gewist wordt.")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["erase"].choices = choices
        self.fields["erase"].initial = [key for key, _label in choices]
