from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.models import Trainer


class TrainerForm(forms.ModelForm):
    class Meta:
        model = Trainer
        fields = ["name", "bio", "email"]
        labels = {
            "name": _("Naam"),
            "bio": _("Korte voorstelling (niet verplicht)"),
            "email": _("E-mailadres (niet verplicht)"),
        }
        help_texts = {
            "bio": _("Staat op de pagina van de vorming. Hoogstens 600 tekens."),
            "email": _(
                "Nooit publiek. Nodig om de lesgever uit te nodigen om in te loggen, zodat die "
                "de deelnemers ziet en de aanwezigheden invult."
            ),
        }
        error_messages = {
            "name": {"required": _("Vul de naam van de lesgever in.")},
            "bio": {"max_length": _("De voorstelling telt hoogstens 600 tekens.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in.")},
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 600})}

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())
