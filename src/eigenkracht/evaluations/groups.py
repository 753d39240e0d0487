"""Which group a conference participant answers for, and whether they get the children's form.

The rule, read from the participant as the coordinator recorded them:
- an interpreter gets no link (they translate, they do not take part);
- a main person is "main person minor" when under 18 on the day of the conference, else adult;
- family and children of the family are "family"; friends, neighbours and confidants "network";
  professionals "professional";
- the children's version goes to everyone under 18 that day, and to a participant recorded as a
  child whose age is unknown. With only a birth year, the age is the difference of the years.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import translation

from eigenkracht.evaluations.models import Group
from eigenkracht.trajectories.models import Participant

R = Participant.Role
ADULT_AGE = 18
ROLE_GROUPS: dict[str, Group] = {
    R.CHILD: Group.FAMILY,
    R.FAMILY: Group.FAMILY,
    R.FRIEND: Group.NETWORK,
    R.CONFIDANT: Group.NETWORK,
    R.PROFESSIONAL: Group.PROFESSIONAL,
}
# The languages the form may speak: Dutch, and French or English once the site's texts are
# translated into them (a compiled catalogue in LOCALE_PATHS); until then, Dutch for everyone.
FORM_LANGUAGES = {"nl": "nl-be", "fr": "fr-be", "en": "en"}


def age_on(participant: Participant, day: dt.date) -> int | None:
    if participant.birth_date:
        born = participant.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if participant.birth_year:
        return day.year - participant.birth_year
    return None


def is_minor(participant: Participant, day: dt.date) -> bool:
    age = age_on(participant, day)
    if age is None:
        return participant.role == R.CHILD
    return age < ADULT_AGE


def group_of(participant: Participant, day: dt.date) -> Group | None:
    """The participant's group, None for someone who gets no link."""
    if participant.role == R.INTERPRETER:
        return None
    if participant.role == R.MAIN_PERSON:
        return Group.MAIN_MINOR if is_minor(participant, day) else Group.MAIN_ADULT
    return ROLE_GROUPS.get(participant.role)


def has_texts(language: str) -> bool:
    """Whether the site's own texts exist in this language (Dutch is the source)."""
    if language == FORM_LANGUAGES["nl"]:
        return True
    locale = translation.to_locale(language)
    return any(
        (Path(folder) / locale / "LC_MESSAGES" / "django.mo").exists()
        for folder in settings.LOCALE_PATHS
    )


def form_language(languages: list[str]) -> str:
    """The first of the participant's languages the form speaks, else Dutch."""
    for code in languages:
        if code in FORM_LANGUAGES and has_texts(FORM_LANGUAGES[code]):
            return FORM_LANGUAGES[code]
    return FORM_LANGUAGES["nl"]
