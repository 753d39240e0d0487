from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.mail_templates import rendering
from eigenkracht.trainings.mail_templates.kinds import MailKind
from eigenkracht.trainings.models import Registration

BODY_MAX = 20_000


class MailTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        help_text=_(
            "Een lege regel begint een nieuwe alinea; ## aan het begin van een regel maakt een "
            "tussentitel, **vet** maakt vet, en een lijst begint na een lege regel met - . "
            "Accolades { } dienen enkel voor de plaatshouders hiernaast."
        ),
    )
    registration = forms.TypedChoiceField(
        label=_("Voorbeeld met de inschrijving"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Het voorbeeld en de testmail gebruiken de gegevens van deze inschrijving."),
    )

    def __init__(self, *args, mail: MailKind, registrations: list[Registration], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mail = mail
        self.fields["registration"].choices = [
            (r.pk, f"{r.code} · {r.full_name} · {r.training.title}") for r in registrations
        ]

    def clean(self):
        data = super().clean()
        if "subject" in data and "body" in data:
            problems = rendering.check(mail=self.mail, subject=data["subject"], body=data["body"])
            for message in problems.subject:
                self.add_error("subject", message)
            for message in problems.body:
                self.add_error("body", message)
        return data
