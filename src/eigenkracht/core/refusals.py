"""One refusal type: a service that will not make a change raises `Refused` (or an app's subclass)
with a message meant for the user, in Dutch; views show that message and nothing else."""

from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """The change is not made; `str(refusal)` says why, to the person who asked for it."""


# A payee's account our SEPA files cannot reach: the forms and the services say it alike.
NOT_SEPA = _(
    "Naar dit rekeningnummer kunnen we niet overschrijven: het land ligt buiten de SEPA-zone. "
    "Geef een rekening in een SEPA-land, zoals België of Nederland."
)
