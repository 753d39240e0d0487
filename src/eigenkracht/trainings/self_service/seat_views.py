"""The registrant hands a seat to a colleague, or moves to another date (trainings.seat_changes).

The office's pages (trainings.backoffice.seat_views) use the same forms and labels.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.models import User
from eigenkracht.core.formatting import day, euro
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings import seat_changes
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.questions.forms import AnswersForm
from eigenkracht.trainings.questions.services import questions_on_form
from eigenkracht.trainings.self_service.access import registrant_view
from eigenkracht.trainings.self_service.forms import MoveForm, TransferForm
from eigenkracht.trainings.self_service.views import _with_details
from eigenkracht.trainings.services import PersonData


def target_label(registration: Registration, training: Training) -> str:
    """'di 2 februari 2027, Gent: 3 plaatsen vrij, € 10,00 bij te betalen'."""
    when = day(training.starts_on)
    if training.ends_on and training.ends_on != training.starts_on:
        when = _("%(first)s tot %(last)s") % {"first": when, "last": day(training.ends_on)}
    seats = ngettext("%(n)s plaats vrij", "%(n)s plaatsen vrij", training.seats_left) % {
        "n": training.seats_left
    }
    difference = training.fee_cents * registration.seats - registration.amount_due_cents
    if difference > 0:
        money = _("%(amount)s duurder") % {"amount": euro(difference)}
    elif difference < 0:
        money = _("%(amount)s goedkoper") % {"amount": euro(-difference)}
    else:
        money = _("zelfde prijs")
    return f"{when}, {training.venue.city}: {seats}, {money}"


def moved_message(moved: seat_changes.Moved) -> str:
    registration = moved.registration
    text = _("De inschrijving staat nu op %(date)s.") % {
        "date": day(registration.training.starts_on)
    }
    back = registration.amount_paid_cents - registration.amount_due_cents
    if moved.difference_cents < 0 and back > 0:
        text += " " + _("We storten %(amount)s terug.") % {
            "amount": euro(min(back, -moved.difference_cents))
        }
    elif registration.amount_open_cents:
        text += " " + _("Nog te betalen: %(amount)s, met dezelfde gestructureerde mededeling.") % {
            "amount": euro(registration.amount_open_cents)
        }
    return text


@dataclass(frozen=True)
class SeatPages:
    """Who hands seats on and moves registrations (the registrant or the office), with their
    form, pages and way back: the steps themselves are the same."""

    by_office: bool
    transfer_form: type[TransferForm]
    transfer_template: str
    move_template: str
    back: Callable[[Registration], HttpResponse]
    transferred: str  # the success message, with %(name)s


def transfer_page(
    request: HttpRequest, registration: Registration, pages: SeatPages, actor: User | None
) -> HttpResponse:
    refused = seat_changes.change_refused_reason(registration, by_office=pages.by_office)
    form = pages.transfer_form(request.POST or None, participants=registration.participants.all())
    # The training's questions, for the colleague: what the former participant answered goes.
    answers = AnswersForm(
        request.POST or None,
        questions=questions_on_form(registration.training),
        prefix="collega",
    )
    # Both, so that every error shows at once. The office may not know the colleague's answers.
    valid = form.is_valid() & (answers.is_valid() if pages.by_office else answers.require())
    if request.method == "POST" and not refused and valid:
        data = form.cleaned_data
        try:
            participant = seat_changes.participant_transfer(
                registration=registration,
                participant_id=data["participant"],
                colleague=PersonData(data["first_name"], data["last_name"], data["email"]),
                actor=actor,
                by_office=pages.by_office,
                answers=answers.answers(),
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, pages.transferred % {"name": participant.full_name})
            return pages.back(registration)
    return _page(
        request, registration, pages.transfer_template, form, refused=refused, answers=answers
    )


def move_page(
    request: HttpRequest, registration: Registration, pages: SeatPages, actor: User | None
) -> HttpResponse:
    refused = seat_changes.change_refused_reason(registration, by_office=pages.by_office)
    targets = [] if refused else seat_changes.move_targets(registration, by_office=pages.by_office)
    form = MoveForm(
        request.POST or None,
        targets=targets,
        labels={t.pk: target_label(registration, t) for t in targets},
    )
    if request.method == "POST" and not refused and form.is_valid():
        chosen = next(t for t in targets if t.pk == form.cleaned_data["training"])
        try:
            moved = seat_changes.registration_move(
                registration=registration, training=chosen, actor=actor, by_office=pages.by_office
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, moved_message(moved))
            return pages.back(registration)
    return _page(request, registration, pages.move_template, form, refused=refused, targets=targets)


def _page(
    request: HttpRequest,
    registration: Registration,
    template: str,
    form: Any,
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "registration": registration,
            "training": registration.training,
            "form": form,
            "deadline": seat_changes.self_service_deadline(registration),
            **context,
        },
        status=400 if form.errors or getattr(context.get("answers"), "errors", None) else 200,
    )


REGISTRANT = SeatPages(
    by_office=False,
    transfer_form=TransferForm,
    transfer_template="trainings/self_service/transfer.html",
    move_template="trainings/self_service/move.html",
    back=lambda registration: redirect("trainings:registration", code=registration.code),
    transferred=gettext_lazy(
        "De plaats is doorgegeven aan %(name)s; we mailden de gegevens van de vorming."
    ),
)


@require_http_methods(["GET", "POST"])
@registrant_view(_with_details)
def transfer(request: HttpRequest, registration: Registration) -> HttpResponse:
    return transfer_page(request, registration, REGISTRANT, actor=None)


@require_http_methods(["GET", "POST"])
@registrant_view(_with_details)
def move(request: HttpRequest, registration: Registration) -> HttpResponse:
    return move_page(request, registration, REGISTRANT, actor=None)
