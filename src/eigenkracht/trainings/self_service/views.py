"""The registrant's own pages, for a browser that came through the link in a mail (see access)."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.banking.epc import epc_qr_svg
from eigenkracht.core.http import client_ip
from eigenkracht.core.models import Organisation
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings import services as trainings_services
from eigenkracht.trainings import waiting_list
from eigenkracht.trainings.ical import cancelled_ical, trainings_ical
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.questions.services import participants_with_answers
from eigenkracht.trainings.receipts import receipt_available
from eigenkracht.trainings.seat_changes import change_refused_reason, move_targets
from eigenkracht.trainings.self_service import services
from eigenkracht.trainings.self_service.access import (
    link_needed,
    private,
    registrant_view,
    registration_grant,
)
from eigenkracht.trainings.self_service.forms import ContactForm


def _with_details() -> QuerySet[Registration]:
    return Registration.objects.select_related("training__venue").prefetch_related(
        "participants", "training__sessions"
    )


# Where each kind of link in a mail leads, after the token was exchanged for the session.
LINK_PAGES = {
    "": "trainings:registration",
    "plaats-aanvaarden/": "trainings:self_service:accept_offer",
}


@require_GET
def link(request: HttpRequest, token: str, page: str = "") -> HttpResponse:
    """The link from a mail: remember the registration in this browser, then go on without the
    secret in the address."""
    registration = Registration.objects.filter(token=token).only("pk", "code").first()
    if registration is None:
        return link_needed(request)
    registration_grant(request, registration)
    return private(redirect(LINK_PAGES.get(page, "trainings:registration"), code=registration.code))


@require_POST
def link_resend(request: HttpRequest, code: str) -> HttpResponse:
    """A browser without the link asks for it again: it goes to the address the registration was
    made with. The same answer whatever the code."""
    if trainings_services.registration_link_resend_later(code=code, client_ip=client_ip(request)):
        messages.success(
            request,
            _(
                "Als er een inschrijving met code %(code)s bestaat, gaat de link naar het"
                " e-mailadres waarmee ze gemaakt werd, binnen enkele minuten. Dat gebeurt hooguit"
                " één keer per uur: kwam er het voorbije uur al een mail met de link, dan volgt er"
                " geen nieuwe. Kijk ook bij je ongewenste mail."
            )
            % {"code": code[:12]},
        )
    else:
        messages.error(
            request,
            _(
                "Van dit netwerk werd het voorbije uur al te vaak een link gevraagd. Probeer het"
                " later opnieuw, of mail ons op %(email)s."
            )
            % {"email": Organisation.current().email},
        )
    return private(redirect("trainings:registration", code=code))


def _back_to_page(registration: Registration) -> HttpResponse:
    return redirect("trainings:registration", code=registration.code)


@require_GET
@registrant_view(_with_details)
def registration(request: HttpRequest, registration: Registration) -> HttpResponse:
    organisation = Organisation.current()
    seat_change_allowed = not change_refused_reason(registration, by_office=False)
    qr_svg = ""
    if registration.status == Registration.Status.PENDING and registration.payment_open:
        qr_svg = mark_safe(  # noqa: S308 - segno's own SVG markup, no user input in it
            epc_qr_svg(
                beneficiary=organisation.beneficiary,
                iban=organisation.iban,
                bic=organisation.bic,
                amount_cents=registration.amount_open_cents,
                ogm=registration.structured_communication,
            )
        )
    return render(
        request,
        "trainings/registration.html",
        {
            "registration": registration,
            "training": registration.training,
            "qr_svg": qr_svg,
            "cancel_allowed": not services.cancellation_refused_reason(registration),
            "seat_change_allowed": seat_change_allowed,
            # Offered only when there is a date to go to (the page itself would say there is none).
            "move_possible": seat_change_allowed
            and bool(move_targets(registration, by_office=False)),
            "receipt_available": receipt_available(registration),
            "refund_text": services.refund_text(registration, organisation=organisation),
            "participant_rows": participants_with_answers(
                registration.training, registration.participants.all()
            ),
        },
    )


@require_GET
@registrant_view(_with_details)
def calendar(request: HttpRequest, registration: Registration) -> HttpResponse:
    training = registration.training
    if registration.status == Registration.Status.WAITING:
        # No seat yet: a calendar would tell the registrant they are expected.
        messages.info(
            request,
            _(
                "Je staat op de wachtlijst. Zodra je een plaats krijgt, kan je de sessies in je "
                "agenda zetten."
            ),
        )
        return private(redirect("trainings:registration", code=registration.code))
    if registration.is_active:
        ics = trainings_ical([training], name=training.title)
    else:  # cancelled or expired: the file takes the sessions out of the calendar again
        organisation = Organisation.current()
        ics = cancelled_ical(training, organizer=(organisation.name, organisation.email))
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vorming.ics"'
    return response


@require_http_methods(["GET", "POST"])
@registrant_view(_with_details)
def contact(request: HttpRequest, registration: Registration) -> HttpResponse:
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
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Je gegevens zijn opgeslagen."))
        return _back_to_page(registration)
    return render(
        request,
        "trainings/self_service/contact.html",
        {"registration": registration, "training": registration.training, "form": form},
    )


@require_http_methods(["GET", "POST"])
@registrant_view(_with_details)
def cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    refused = services.cancellation_refused_reason(registration)
    if request.method == "POST" and not refused:
        try:
            services.registration_cancel_by_registrant(registration=registration)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Je inschrijving is geannuleerd."))
        return _back_to_page(registration)
    if refused and not registration.is_active:
        messages.error(request, refused)
        return _back_to_page(registration)
    return render(
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


@require_http_methods(["GET", "POST"])
@registrant_view(_with_details)
def accept_offer(request: HttpRequest, registration: Registration) -> HttpResponse:
    if request.method == "POST":
        try:
            waiting_list.registration_accept_offer(registration=registration)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De plaats is voor jou. Hieronder staat hoe je betaalt."))
        return _back_to_page(registration)
    return render(
        request,
        "trainings/self_service/accept_offer.html",
        {"registration": registration, "training": registration.training},
    )
