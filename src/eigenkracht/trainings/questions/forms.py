"""The office's question form, and the answer fields on the public registration form."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.models import TrainingQuestion
from eigenkracht.trainings.questions.services import Value

ANSWER_MAX_LENGTH = 300
MAX_CHOICES = 30
YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]

Kind = TrainingQuestion.Kind


class QuestionForm(forms.ModelForm):
    class Meta:
        model = TrainingQuestion
        fields = ["text", "kind", "choices", "required", "on_attendance_list"]
        labels = {"text": _("Vraag"), "choices": _("Keuzes (enkel bij een keuzevraag)")}
        help_texts = {
            "text": _(
                "Bijvoorbeeld: Heb je een dieetwens? Vraag enkel wat je echt nodig hebt voor de "
                "vorming."
            ),
            "choices": _("Eén keuze per regel, zoals ze op het formulier komen."),
            "on_attendance_list": _(
                "De lijst ligt bij het tekenen voor iedereen open: laat gevoelige antwoorden "
                "(gezondheid, dieet) eraf."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "choices": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {"text": {"required": _("Schrijf de vraag.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        self.fields["kind"].error_messages["required"] = _("Kies de soort antwoord.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        lines = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        if kind in TrainingQuestion.WITH_CHOICES:
            if len(lines) < 2:
                self.add_error("choices", _("Geef minstens twee keuzes, elk op een eigen regel."))
            elif len(lines) > MAX_CHOICES:
                self.add_error(
                    "choices", _("Geef hoogstens %(max)s keuzes.") % {"max": MAX_CHOICES}
                )
            elif len(set(lines)) != len(lines):
                self.add_error("choices", _("Elke keuze mag maar één keer in de lijst staan."))
            elif any(len(line) > ANSWER_MAX_LENGTH for line in lines):
                self.add_error(
                    "choices",
                    _("Een keuze is hoogstens %(max)s tekens lang.") % {"max": ANSWER_MAX_LENGTH},
                )
        return data


def _label(question: TrainingQuestion) -> str:
    if question.required:
        return question.text
    return _("%(question)s (niet verplicht)") % {"question": question.text}


def question_field(question: TrainingQuestion) -> forms.Field:
    """Required questions are checked by `AnswersForm.require`, only for someone who takes part:
    an empty colleague row has nothing to answer."""
    label = _label(question)
    if question.kind == Kind.TEXT:
        return forms.CharField(
            label=label,
            required=False,
            max_length=ANSWER_MAX_LENGTH,
            error_messages={
                "max_length": _("Houd het antwoord onder %(limit_value)d tekens.")
                % {"limit_value": ANSWER_MAX_LENGTH}
            },
        )
    if question.kind == Kind.YES_NO:
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=YES_NO,
            coerce=lambda value: value == "ja",
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Kies ja of nee.")},
        )
    choices = [(choice, choice) for choice in question.choice_list()]
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Kies een antwoord uit de lijst.")},
        )
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies enkel antwoorden uit de lijst.")},
    )


class AnswersForm(forms.Form):
    """One participant's answers; its prefix puts the fields next to that participant's own."""

    # "Beantwoord deze vraag." says which question next to it, not in the error summary.
    summary_names_fields = True

    def __init__(
        self, *args: Any, questions: list[TrainingQuestion], about: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.about = about  # the colleague's row these answers belong to
        for question in questions:
            self.fields[f"vraag_{question.pk}"] = question_field(question)

    @property
    def summary_prefix(self) -> str:
        """The error summary says whose answer is missing ("Collega 2 (An Peeters)")."""
        return str(getattr(self.about, "summary_prefix", ""))

    def require(self) -> bool:
        """Valid, with every required question answered (a Dutch message next to each one)."""
        if not self.is_valid():
            return False
        for question in self.questions:
            name = f"vraag_{question.pk}"
            if question.required and self.cleaned_data.get(name) in (None, "", []):
                self.add_error(name, _("Beantwoord deze vraag."))
        return not self.errors

    def answers(self) -> dict[int, Value]:
        found: dict[int, Value] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"vraag_{question.pk}")
            if isinstance(value, str):
                value = " ".join(value.split())
            if value not in (None, "", []):
                found[question.pk] = value
        return found


class RegistrationAnswers:
    """The answer forms of a registration form: the registrant's own, and one per colleague row
    (with that row's prefix). Only those of people who take part are checked and kept."""

    def __init__(
        self, data: Any, *, questions: list[TrainingQuestion], colleagues: Sequence[forms.Form]
    ) -> None:
        self.questions = questions
        self.own = AnswersForm(data, questions=questions, prefix="ik")
        self.rows = [
            AnswersForm(data, questions=questions, prefix=row.prefix, about=row)
            for row in colleagues
        ]
        self.checked: list[AnswersForm] = []

    def valid_for(self, *, attends: bool, taking_part: list[bool]) -> bool:
        self.checked = ([self.own] if attends else []) + [
            form for form, present in zip(self.rows, taking_part, strict=True) if present
        ]
        return all([form.require() for form in self.checked])

    @property
    def has_errors(self) -> bool:
        return any(form.errors for form in self.checked)
