"""Which languages a registrant may choose for their mails.

Dutch always: every mail of the journey has a built-in Dutch text. French or English only once the
office wrote every mail of the journey in that language: offering a language in which some mails
would still arrive in Dutch would be a promise we do not keep.
"""

from django.db.models import Count

from eigenkracht.trainings.mail_templates.kinds import (
    DJANGO_LANGUAGE,
    MAIL_KINDS,
    Language,
    MailKind,
)
from eigenkracht.trainings.models import MailTemplate

# Each language by its own name, so that people find theirs.
MAIL_LANGUAGES = [("nl-be", "Nederlands"), ("fr-be", "Français"), ("en", "English")]


def texts_missing() -> dict[str, list[MailKind]]:
    """Per language the office can write in (French, English): the mails without a text yet."""
    written: dict[str, set[str]] = {Language.FR: set(), Language.EN: set()}
    for kind, language in MailTemplate.objects.filter(kind__in=MAIL_KINDS).values_list(
        "kind", "language"
    ):
        written.setdefault(language, set()).add(kind)
    return {
        language: [mail for kind, mail in MAIL_KINDS.items() if kind not in written[language]]
        for language in (Language.FR, Language.EN)
    }


def languages_offered() -> list[tuple[str, str]]:
    """The (code, name) pairs a registrant may choose from, Dutch first."""
    complete = {
        DJANGO_LANGUAGE[language]
        for language, total in MailTemplate.objects.filter(kind__in=MAIL_KINDS)
        .values_list("language")
        .annotate(total=Count("kind", distinct=True))
        if total == len(MAIL_KINDS)
    }
    return [(code, name) for code, name in MAIL_LANGUAGES if code == "nl-be" or code in complete]
