from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.models import TrainingMessage


class TrainingMessageForm(forms.ModelForm):
    audience = forms.ChoiceField(
        label=_("Aan wie?"),
        choices=TrainingMessage.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies aan wie de mail gaat."),
            "invalid_choice": _("Kies een van de groepen in de lijst."),
        },
    )

    class Meta:
        model = TrainingMessage
        fields = [
            "audience",
            "subject_nl",
            "body_nl",
            "subject_fr",
            "body_fr",
            "subject_en",
            "body_en",
        ]
        widgets = {
            "body_nl": forms.Textarea(attrs={"rows": 10}),
            "body_fr": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "subject_nl": _("Onderwerp"),
            "body_nl": _("Tekst"),
        }
        help_texts = {
            "body_nl": _(
                "Gewone tekst; **vet**, lijstjes en links kunnen (Markdown). Plaatshouders zoals"
                " {voornaam} of {inschrijving_link} vullen we per inschrijving in."
            ),
        }
        error_messages = {
            "subject_nl": {"required": _("Vul een onderwerp in.")},
            "body_nl": {"required": _("Vul de tekst van de mail in.")},
        }
