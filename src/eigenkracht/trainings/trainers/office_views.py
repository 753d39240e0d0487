"""Back office: the trainers (list, add, edit) and their invitation to log in."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings.models import Trainer
from eigenkracht.trainings.trainers import selectors, services
from eigenkracht.trainings.trainers.forms import TrainerForm

backoffice_view = policy_required(can_use_backoffice)


@backoffice_view
@require_http_methods(["GET"])
def trainer_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trainings/trainers/trainer_list.html",
        {"trainers": selectors.trainers_for_office()},
    )


def _trainer_form_page(request: HttpRequest, *, trainer: Trainer | None) -> HttpResponse:
    form = TrainerForm(request.POST or None, instance=trainer or Trainer())
    if request.method == "POST" and form.is_valid():
        services.trainer_save(trainer=form.instance, actor=request.user)
        messages.success(
            request,
            _("De lesgever is toegevoegd.") if trainer is None else _("De lesgever is bewaard."),
        )
        return redirect("trainings_trainers:trainer_list")
    return render(
        request, "trainings/trainers/trainer_form.html", {"form": form, "trainer": trainer}
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def trainer_create(request: HttpRequest) -> HttpResponse:
    return _trainer_form_page(request, trainer=None)


@backoffice_view
@require_http_methods(["GET", "POST"])
def trainer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _trainer_form_page(request, trainer=get_object_or_404(Trainer, pk=pk))


@backoffice_view
@require_http_methods(["GET", "POST"])
def trainer_invite(request: HttpRequest, pk: int) -> HttpResponse:
    trainer = get_object_or_404(Trainer.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            services.trainer_invite(trainer=trainer, actor=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "%(name)s kreeg een mail met een link om een wachtwoord te kiezen. Bij de "
                    "eerste aanmelding stelt %(name)s een code op de telefoon in."
                )
                % {"name": trainer.name},
            )
        return redirect("trainings_trainers:trainer_list")
    return render(request, "trainings/trainers/trainer_invite.html", {"trainer": trainer})
