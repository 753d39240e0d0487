import datetime as dt

import factory

from eigenkracht.evaluations.models import ConferenceResponse
from eigenkracht.evaluations.tallies import tally_add


class ConferenceResponseFactory(factory.django.DjangoModelFactory):
    """An answer as the service stores one: with its tally (what the figures read)."""

    class Meta:
        model = ConferenceResponse

    group = "family"
    submitted_on = dt.date(2026, 5, 4)
    language = "nl-be"
    score_meeting = 8
    score_plan = 8
    score_coordinator = 8

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        response = super()._create(model_class, *args, **kwargs)
        tally_add(response)
        return response
