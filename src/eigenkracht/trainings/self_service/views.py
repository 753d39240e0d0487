"""The registrant's own actions, reached through the unguessable link: the token is the key."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eigenkracht.trainings import waiting_list
from eigenkracht.trainings.ical import trainings_ical
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.receipts.pdf import receipt_pdf
from eigenkracht.trainings.receipts.services import (
    receipt_available,
    receipt_filename,
    receipt_registrations,
)
from eigenkracht.trainings.self_service import services
from eigenkracht.trainings.self_service.forms import ContactForm
from eigenkracht.trainings.services import TransitionNotAllowed


def _registration_or_404(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("training__venue").prefetch_related(
            "participants", "training__sessions"
        ),
        token=token,
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The link is the key to these pages: keep it out of other sites' logs and caches. Not
    # no-referrer: browsers then send "Origin: null" with the forms, which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _back_to_page(registration: Registration) -> HttpResponse:
    return _private(redirect("trainings:registration", token=registration.token))


@require_GET
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    training = registration.training
    response = HttpResponse(
        trainings_ical([training], name=training.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="vorming.ics"'
    return _private(response)


@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt of payment, once the registration is paid in full; 404 before that."""
    registration = get_object_or_404(receipt_registrations(), token=token)
    if not receipt_available(registration):
        raise Http404
    response = HttpResponse(receipt_pdf(registration=registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipt_filename(registration)}"'
    return _private(response)


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    if not registration.is_active:
        messages.error(
            request, _("Deze inschrijving is niet meer actief: je kan niets meer wijzigen.")
        )
        return _back_to_page(registration)
    form = ContactForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update_contact(
                registration=registration, data=form.contact_data()
            )
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Je gegevens zijn opgeslagen."))
        return _back_to_page(registration)
    return _private(
        render(
            request,
            "trainings/self_service/contact.html",
            {"registration": registration, "training": registration.training, "form": form},
        )
    )


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    refused = services.cancellation_refused_reason(registration)
    if request.method == "POST" and not refused:
        try:
            services.registration_cancel_by_registrant(registration=registration)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Je inschrijving is geannuleerd."))
        return _back_to_page(registration)
    if refused and not registration.is_active:
        messages.error(request, refused)
        return _back_to_page(registration)
    return _private(
        render(
            request,
            "trainings/self_service/cancel.html",
            {
                "registration": registration,
                "training": registration.training,
                "refused": refused,
                "deadline": services.cancellation_deadline(registration),
                "refund_text": services.refund_text(registration),
            },
        )
    )


@require_http_methods(["GET", "POST"])
def accept_offer(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    if request.method == "POST":
        try:
            waiting_list.registration_accept_offer(registration=registration)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De plaats is voor jou. Hieronder staat hoe je betaalt."))
        return _back_to_page(registration)
    return _private(
        render(
            request,
            "trainings/self_service/accept_offer.html",
            {"registration": registration, "training": registration.training},
        )
    )
