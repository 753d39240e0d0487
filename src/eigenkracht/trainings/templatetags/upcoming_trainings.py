"""`{% upcoming_trainings 3 as trainings %}`: the next trainings of the calendar, for the home page.

The pages app sits below trainings, so its home page asks for them here, in the template, the way
the calendar shows a page's text through `page_text`.
"""

from django import template

from eigenkracht.trainings.models import Training
from eigenkracht.trainings.selectors import public_trainings

register = template.Library()


@register.simple_tag
def upcoming_trainings(count: int) -> list[Training]:
    return list(public_trainings()[:count])
