"""One refusal type: a service that will not make a change raises `Refused` (or an app's subclass)
with a message meant for the user, in Dutch; views show that message and nothing else."""


class Refused(Exception):
    """The change is not made; `str(refusal)` says why, to the person who asked for it."""
