"""Whether an employer's invoice pays a registration, for the texts that tell someone how to pay.
The invoicing app sits above trainings: it answers here (`employer_paying_answer`), so that
trainings' code can ask without importing it. Without it, nobody answers: no employer pays."""

from collections.abc import Callable

from eigenkracht.trainings.models import Registration

_answer: Callable[[Registration], str] = lambda registration: ""  # noqa: E731


def employer_paying_answer(answer: Callable[[Registration], str]) -> None:
    """`answer(registration)`: the employer's name when an open invoice asks them to pay."""
    global _answer
    _answer = answer


def employer_paying(registration: Registration) -> str:
    """The name of the employer whose open invoice pays this registration, or ''."""
    return _answer(registration)
