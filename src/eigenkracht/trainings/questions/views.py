"""The office's questions of a training: list, add, edit, order, close and delete."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.views import run_and_report
from eigenkracht.trainings.models import Training, TrainingQuestion
from eigenkracht.trainings.questions import services
from eigenkracht.trainings.questions.forms import QuestionForm

backoffice_view = policy_required(can_use_backoffice)
LIST = "trainings_backoffice:question_list"


def _question_or_404(pk: int, question_pk: int) -> TrainingQuestion:
    return get_object_or_404(
        TrainingQuestion.objects.select_related("training"), pk=question_pk, training_id=pk
    )


def _form_page(
    request: HttpRequest, *, training: Training, question: TrainingQuestion | None
) -> HttpResponse:
    instance = question or TrainingQuestion(training=training)
    form = QuestionForm(request.POST or None, instance=instance)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.question_save(question=form.instance, actor=request.user)
            except services.QuestionRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("De vraag is toegevoegd.") if question is None else _("De vraag is bewaard."),
                )
                return redirect(LIST, pk=training.pk)
        status = 400
    return render(
        request,
        "trainings/questions/question_form.html",
        {"training": training, "question": question, "form": form},
        status=status,
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The list, with the form to add one under it."""
    training = get_object_or_404(Training, pk=pk)
    questions = list(training.questions.annotate(answer_count=Count("answers")))
    if request.method == "POST":
        return _form_page(request, training=training, question=None)
    return render(
        request,
        "trainings/questions/question_list.html",
        {
            "training": training,
            "questions": questions,
            "form": QuestionForm(instance=TrainingQuestion(training=training)),
        },
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question_or_404(pk, question_pk)
    return _form_page(request, training=question.training, question=question)


@backoffice_view
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question_or_404(pk, question_pk)
    services.question_move(
        question=question, up=request.POST.get("direction") == "up", actor=request.user
    )
    return redirect(LIST, pk=pk)


@backoffice_view
@require_POST
def question_open(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question_or_404(pk, question_pk)
    is_open = request.POST.get("open") == "1"
    services.question_set_open(question=question, is_open=is_open, actor=request.user)
    messages.success(
        request,
        _("De vraag staat weer op het formulier.")
        if is_open
        else _("De vraag staat niet meer op het formulier; de antwoorden blijven bewaard."),
    )
    return redirect(LIST, pk=pk)


@backoffice_view
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question_or_404(pk, question_pk)
    if request.method == "POST":
        return run_and_report(
            request,
            lambda: services.question_delete(question=question, actor=request.user),
            success=_("De vraag is verwijderd."),
            redirect_to=LIST,
            pk=pk,
        )
    return render(
        request,
        "trainings/questions/question_delete.html",
        {
            "training": question.training,
            "question": question,
            "refused": services.question_delete_refused(question),
        },
    )
