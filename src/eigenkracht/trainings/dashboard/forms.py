from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.forms import LenientFilters
from eigenkracht.trainings.dashboard.selectors import ALL, PERIODS, RECENT, UPCOMING
from eigenkracht.trainings.models import Training

PERIOD_CHOICES = [
    (UPCOMING, _("Komende vormingen")),
    (RECENT, _("Laatste 3 maanden")),
    (ALL, _("Alle vormingen")),
]


class DashboardFilterForm(LenientFilters, forms.Form):
    unfiltered = _("de grafiek voor alle vormingen")
    # An unknown period falls back to the upcoming trainings (period_from), not to the chart.
    unfiltered_for = {"period": _("de komende vormingen")}
    unknown_labels = {
        "period": _("Onbekende periode"),
        # An old link, or a training of another period than the one chosen.
        "training": _("Die vorming staat niet in deze periode"),
    }

    period = forms.ChoiceField(label=_("Periode"), choices=PERIOD_CHOICES, required=False)
    training = forms.TypedChoiceField(
        label=_("Grafiek voor"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, trainings: list[Training], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training"].choices = [
            ("", _("Alle vormingen")),
            *((training.pk, str(training)) for training in trainings),
        ]


def period_from(data) -> str:
    """The period asked for, or the upcoming trainings when none or an unknown one is asked."""
    period = data.get("period")
    return period if period in PERIODS else UPCOMING
