"""The office's questions (add, edit, order, close, delete) and the participants' answers.

Once a question is answered, what the answers mean must hold: its kind stays, and a choice that
somebody picked stays in the list (new choices may be added, the text may be reworded). Such a
question is closed (off the form, its answers kept) rather than deleted.
"""

from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings.models import Participant, ParticipantAnswer, Training, TrainingQuestion

# A text answer, one choice, several choices, or yes (True) / no (False).
Value = str | bool | list[str]

Kind = TrainingQuestion.Kind


class QuestionRefused(Refused):
    """The change to a question is not made; the message says why, in Dutch."""


class AnswersInvalid(Refused):
    """The answers do not fit the training's questions (the form changed meanwhile)."""


# Reading -----------------------------------------------------------------------------------------


def questions_on_form(training: Training) -> list[TrainingQuestion]:
    return list(training.questions.filter(is_open=True))


def answer_display(question: TrainingQuestion, value: Value | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def answers_by_participant(
    participant_ids: Iterable[int] | QuerySet[Participant],
) -> dict[int, dict[int, Value]]:
    """{participant id: {question id: value}} in one query; a queryset of participants (of
    their keys) is read as a subquery, so a long export sends no long list of keys."""
    found: dict[int, dict[int, Value]] = {}
    if not isinstance(participant_ids, QuerySet):
        participant_ids = list(participant_ids)
    rows = ParticipantAnswer.objects.filter(participant_id__in=participant_ids).order_by()
    for participant_id, question_id, value in rows.values_list(
        "participant_id", "question_id", "value"
    ):
        found.setdefault(participant_id, {})[question_id] = value
    return found


def answer_lines(
    questions: Sequence[TrainingQuestion], answers: Mapping[int, Value]
) -> list[tuple[TrainingQuestion, str]]:
    """(question, the answer as shown) for each question the participant answered."""
    return [
        (question, answer_display(question, answers[question.pk]))
        for question in questions
        if question.pk in answers
    ]


def participants_with_answers(
    training: Training, participants: Sequence[Participant]
) -> list[tuple[Participant, list[tuple[TrainingQuestion, str]]]]:
    """Each participant with the answers to the training's questions, in two queries."""
    questions = list(training.questions.all())
    answers = answers_by_participant(p.pk for p in participants) if questions else {}
    return [(p, answer_lines(questions, answers.get(p.pk, {}))) for p in participants]


def answers_summary(questions: Mapping[int, TrainingQuestion], answers: Mapping[int, Value]) -> str:
    """All of one participant's answers in one cell: "question: answer; ..." (exports of a
    period, where trainings ask different questions)."""
    known = sorted(
        ((questions[pk], value) for pk, value in answers.items() if pk in questions),
        key=lambda item: (item[0].position, item[0].pk),
    )
    return "; ".join(f"{q.text}: {answer_display(q, value)}" for q, value in known)


def attendance_list_answers(
    training: Training, participants: Sequence[Participant]
) -> dict[int, str]:
    """{participant id: "question: answer · ..."} for the questions meant for the list to sign
    (`on_attendance_list`), in two queries; empty when there are none."""
    questions = list(training.questions.filter(on_attendance_list=True))
    if not questions:
        return {}
    answers = answers_by_participant(p.pk for p in participants)
    return {
        p.pk: " · ".join(
            f"{q.text}: {text}" for q, text in answer_lines(questions, answers.get(p.pk, {}))
        )
        for p in participants
    }


# The office's changes ----------------------------------------------------------------------------


def question_change_refused(question: TrainingQuestion) -> str:
    """Why the edited `question` (not saved yet) cannot replace the stored one ('' when it can)."""
    if question.pk is None:
        return ""
    stored = TrainingQuestion.objects.get(pk=question.pk)
    values = list(
        ParticipantAnswer.objects.filter(question=question).values_list("value", flat=True)
    )
    if not values:
        return ""
    if question.kind != stored.kind:
        return _(
            "Deze vraag is al beantwoord: de soort antwoord kan niet meer veranderen. Haal de "
            "vraag van het formulier en maak een nieuwe."
        )
    if question.kind in TrainingQuestion.WITH_CHOICES:
        picked = {choice for value in values for choice in _as_list(value)}
        missing = sorted(picked - set(question.choice_list()))
        if missing:
            return _(
                "Deze keuzes werden al gekozen en blijven daarom in de lijst: %(choices)s. Je kan "
                "wel keuzes toevoegen."
            ) % {"choices": ", ".join(missing)}
    return ""


def _as_list(value: Value) -> list[str]:
    return value if isinstance(value, list) else [str(value)]


def _fields(question: TrainingQuestion) -> dict[str, object]:
    return {
        "text": question.text,
        "kind": question.kind,
        "choices": question.choice_list(),
        "required": question.required,
        "on_attendance_list": question.on_attendance_list,
    }


@transaction.atomic
def question_save(*, question: TrainingQuestion, actor: User | None) -> TrainingQuestion:
    """Add a question at the end of the training's list, or save the edited one."""
    Training.objects.select_for_update().only("pk").get(pk=question.training_id)
    if question.kind not in TrainingQuestion.WITH_CHOICES:
        question.choices = ""
    question.choices = "\n".join(question.choice_list())
    reason = question_change_refused(question)
    if reason:
        raise QuestionRefused(reason)
    created = question.pk is None
    if created:
        last = TrainingQuestion.objects.filter(training_id=question.training_id).aggregate(
            last=Max("position")
        )["last"]
        question.position = 0 if last is None else last + 1
        data = _fields(question)
    else:
        old = _fields(TrainingQuestion.objects.get(pk=question.pk))
        new = _fields(question)
        data = {
            name: {"old": old[name], "new": new[name]} for name in new if old[name] != new[name]
        }
    question.save()
    audit_record(
        actor=actor,
        action="question.created" if created else "question.updated",
        obj=question,
        data={"training": question.training_id, **data},
    )
    return question


@transaction.atomic
def question_move(*, question: TrainingQuestion, up: bool, actor: User | None) -> None:
    """One place up or down; positions are renumbered 0, 1, 2, ... on the way."""
    Training.objects.select_for_update().only("pk").get(pk=question.training_id)
    ordered = list(TrainingQuestion.objects.filter(training_id=question.training_id))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return  # already first or last: nothing changes, nothing to record
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        item.position = position
    TrainingQuestion.objects.bulk_update(ordered, ["position"])
    audit_record(
        actor=actor,
        action="question.moved",
        obj=question,
        data={"training": question.training_id, "order": [q.pk for q in ordered]},
    )


@transaction.atomic
def question_set_open(*, question: TrainingQuestion, is_open: bool, actor: User | None) -> None:
    """Closed: off the registration form; the answers given stay on pages and in exports."""
    question = TrainingQuestion.objects.select_for_update().get(pk=question.pk)
    if question.is_open == is_open:
        return
    question.is_open = is_open
    question.save(update_fields=["is_open", "updated_at"])
    audit_record(
        actor=actor,
        action="question.reopened" if is_open else "question.closed",
        obj=question,
        data={"training": question.training_id},
    )


def question_delete_refused(question: TrainingQuestion) -> str:
    if question.answers.exists():
        return _(
            "Deze vraag is al beantwoord en kan niet weg: haal ze van het formulier, dan blijven "
            "de antwoorden bewaard."
        )
    return ""


@transaction.atomic
def question_delete(*, question: TrainingQuestion, actor: User | None) -> None:
    Training.objects.select_for_update().only("pk").get(pk=question.training_id)
    reason = question_delete_refused(question)
    if reason:
        raise QuestionRefused(reason)
    audit_record(
        actor=actor,
        action="question.deleted",
        obj=question,
        data={"training": question.training_id, "text": question.text},
    )
    question.delete()


# Answers ---------------------------------------------------------------------------------------


def _valid(question: TrainingQuestion, value: Value) -> bool:
    if question.kind == Kind.YES_NO:
        return isinstance(value, bool)
    if question.kind == Kind.TEXT:
        return isinstance(value, str)
    choices = set(question.choice_list())
    if question.kind == Kind.CHOICE:
        return isinstance(value, str) and value in choices
    return isinstance(value, list) and bool(value) and set(value) <= choices


def _empty(value: Value | None) -> bool:
    return value is None or value == "" or value == []


def answers_store(
    *,
    training: Training,
    people: Iterable[tuple[Participant, Mapping[int, Value]]],
    check_required: bool = True,
) -> None:
    """Store each new participant's answers; joins the registration's transaction.

    Checked again here, against the questions now on the form: a question closed while
    someone filled in the form loses its answer, a required one added meanwhile refuses.
    """
    questions = {q.pk: q for q in questions_on_form(training)}
    rows = []
    for participant, answers in people:
        for question in questions.values():
            value = answers.get(question.pk)
            if _empty(value):
                if question.required and check_required:
                    raise AnswersInvalid(
                        _("Het formulier werd intussen aangepast: beantwoord de vraag “%(q)s”.")
                        % {"q": question.text}
                    )
                continue
            if not _valid(question, value):
                raise AnswersInvalid(
                    _("Kies voor de vraag “%(q)s” een antwoord uit de lijst.")
                    % {"q": question.text}
                )
            rows.append(ParticipantAnswer(participant=participant, question=question, value=value))
    ParticipantAnswer.objects.bulk_create(rows)


def answers_forget(*, participant: Participant) -> int:
    """The seat went to someone else: what the previous person answered is not theirs."""
    deleted, _by_model = ParticipantAnswer.objects.filter(participant=participant).delete()
    return deleted


def answers_follow_move(*, participants: Iterable[Participant], target: Training) -> None:
    """A registration moved to another date: each answer goes to the target's question with the
    same text and kind (when it still fits its choices); other answers are dropped."""
    targets = {(q.text, q.kind): q for q in target.questions.all()}
    kept, dropped = [], []
    for answer in ParticipantAnswer.objects.filter(
        participant__in=list(participants)
    ).select_related("question"):
        question = targets.get((answer.question.text, answer.question.kind))
        if question is not None and _valid(question, answer.value):
            answer.question = question
            kept.append(answer)
        else:
            dropped.append(answer.pk)
    ParticipantAnswer.objects.filter(pk__in=dropped).delete()
    ParticipantAnswer.objects.bulk_update(kept, ["question"])
