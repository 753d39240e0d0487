"""The office's back office for trainings, venues and registrations.

Views stay thin: parse the request, check the policy, call one selector or service, render.
"""

import csv
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.audit_actions import audit_sentence
from eigenkracht.core.fields import cents_to_input
from eigenkracht.core.formatting import day, euro
from eigenkracht.core.http import client_ip
from eigenkracht.core.mail_kinds import mail_kind_label
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.core.pagination import paginate
from eigenkracht.core.phone import phone_display
from eigenkracht.core.refusals import Refused
from eigenkracht.core.views import run_and_report
from eigenkracht.trainings import change_notices, services, waiting_list
from eigenkracht.trainings.backoffice.forms import (
    BaseSessionFormSet,
    CancelRegistrationForm,
    MarkPaidForm,
    ReasonForm,
    RegistrationFilterForm,
    TrainingFilterForm,
    TrainingForm,
    VenueForm,
    session_formset,
)
from eigenkracht.trainings.models import Participant, Registration, Session, Training, Venue
from eigenkracht.trainings.questions.services import (
    answer_display,
    answers_by_participant,
    participants_with_answers,
)
from eigenkracht.trainings.receipts import receipt_available
from eigenkracht.trainings.selectors import (
    AWAITING_PAYMENT_FILTERS,
    registrations_awaiting_payment,
    registrations_search,
    with_seats,
)

TRAININGS_PER_PAGE = 25
REGISTRATIONS_PER_PAGE = 50
REGISTRATION_TYPE = "trainings.registration"
PARTICIPANT_TYPE = "trainings.participant"

backoffice_view = policy_required(can_use_backoffice)


def _training_or_404(pk: int) -> Training:
    queryset = Training.objects.select_related("venue").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time"))
    )
    return get_object_or_404(with_seats(queryset), pk=pk)


# Trainings -------------------------------------------------------------------------------------


@backoffice_view
def training_list(request: HttpRequest) -> HttpResponse:
    filters = TrainingFilterForm(request.GET or None)
    queryset = Training.objects.select_related("venue")
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            queryset = queryset.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["q"]:
            queryset = queryset.filter(title__icontains=filters.cleaned_data["q"].strip())
    queryset = with_seats(
        queryset.annotate(
            pending_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.PENDING)
            ),
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
        )
    ).order_by(F("starts_on").desc(nulls_last=True), "-id")
    return render(
        request,
        "trainings/backoffice/training_list.html",
        {
            "filters": filters,
            "page_obj": paginate(request, queryset, TRAININGS_PER_PAGE),
            "is_filtered": bool(request.GET.get("status") or request.GET.get("q")),
        },
    )


def _training_form_page(request: HttpRequest, *, training: Training | None) -> HttpResponse:
    instance = training or Training()
    if request.method == "POST":
        form = TrainingForm(request.POST, instance=instance)
        sessions = session_formset(request.POST, training=training)
        if form.is_valid() and sessions.is_valid():
            notice = _change_notice(request, training=training, form=form, sessions=sessions)
            if notice is not None:  # the office reads the mail first, then saves and mails
                return render(
                    request,
                    "trainings/backoffice/training_form.html",
                    {"form": form, "sessions": sessions, "training": training, **notice},
                )
            try:
                saved = services.training_save(
                    training=form.instance,
                    sessions=sessions.sessions(),
                    actor=request.user,
                    trainers=form.cleaned_data["trainers"],
                )
            except Refused as exc:
                sessions.refuse(str(exc))
            else:
                if training is None:
                    messages.success(request, _("De vorming is aangemaakt als ontwerp."))
                else:
                    messages.success(request, _("De wijzigingen zijn bewaard."))
                return redirect("trainings_backoffice:training_detail", pk=saved.pk)
    else:
        form = TrainingForm(instance=instance)
        sessions = session_formset(training=training)
    return render(
        request,
        "trainings/backoffice/training_form.html",
        {"form": form, "sessions": sessions, "training": training},
    )


def _change_notice(
    request: HttpRequest,
    *,
    training: Training | None,
    form: TrainingForm,
    sessions: BaseSessionFormSet,
) -> dict[str, Any] | None:
    """The confirmation step when saving would move a published training: how many are told,
    and the mail they get. None when nobody is told, or when the office confirmed this very
    change (the form carries its digest)."""
    if training is None:
        return None
    rows = sessions.sessions()
    change = change_notices.schedule_change(
        training_id=training.pk, venue=form.cleaned_data["venue"], sessions=rows
    )
    if change is None:
        return None
    count = change_notices.notice_recipients(training)
    if count == 0 or request.POST.get("notice") == change.digest:
        return None
    return {
        "notice": change.digest,
        "notice_count": count,
        "notice_mail": change_notices.notice_preview(
            training=form.instance, sessions=rows, change=change
        ),
    }


@backoffice_view
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    return _training_form_page(request, training=None)


@backoffice_view
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _training_form_page(request, training=_training_or_404(pk))


@backoffice_view
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_or_404(pk)
    filters = RegistrationFilterForm(request.GET or None)
    registrations = training.registrations.prefetch_related("participants")
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            registrations = registrations.filter(status=filters.cleaned_data["status"])
        registrations = registrations_search(registrations, filters.cleaned_data["q"])
    registrations = registrations.order_by("-created_at", "-id")
    counts = dict(
        training.registrations.order_by()
        .values_list("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    )
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in Registration.Status.choices
    ]
    return render(
        request,
        "trainings/backoffice/training_detail.html",
        {
            "training": training,
            "sessions": list(training.sessions.all()),
            "seats_left": max(training.capacity - training.seats_taken, 0),
            "filters": filters,
            "page_obj": paginate(request, registrations, REGISTRATIONS_PER_PAGE),
            "status_counts": status_counts,
            "is_filtered": bool(request.GET.get("status") or request.GET.get("q")),
            "waiting": list(waiting_list.waiting_list_order(training)),
            "questions": list(training.questions.all()),
        },
    )


def _confirm_transition(
    request: HttpRequest,
    *,
    training: Training,
    template: str,
    transition,
    success: str,
    with_reason: bool,
) -> HttpResponse:
    form = ReasonForm(request.POST or None) if with_reason else None
    if request.method == "POST" and (form is None or form.is_valid()):
        kwargs: dict[str, Any] = {"training": training, "actor": request.user}
        if form is not None:
            kwargs["reason"] = form.cleaned_data["reason"]
        return run_and_report(
            request,
            lambda: transition(**kwargs),
            success=success,
            redirect_to="trainings_backoffice:training_detail",
            pk=training.pk,
        )
    return render(request, template, {"training": training, "form": form})


@backoffice_view
@require_http_methods(["GET", "POST"])
def training_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm_transition(
        request,
        training=_training_or_404(pk),
        template="trainings/backoffice/training_publish.html",
        transition=services.training_publish,
        success=_("De vorming is gepubliceerd en staat nu in de kalender."),
        with_reason=False,
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def training_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm_transition(
        request,
        training=_training_or_404(pk),
        template="trainings/backoffice/training_cancel.html",
        transition=services.training_cancel,
        success=_("De vorming is geannuleerd."),
        with_reason=True,
    )


# CSV export ------------------------------------------------------------------------------------

CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """A cell Excel will not run as a formula: risky first characters get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


@backoffice_view
def training_export(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training, pk=pk)
    participants = (
        Participant.objects.filter(registration__training=training)
        .select_related("registration")
        .order_by("registration__created_at", "registration__id", "id")
    )
    participants = list(participants)
    questions = list(training.questions.all())
    answers = answers_by_participant(p.pk for p in participants) if questions else {}
    services.registrations_read(
        actor=request.user,
        page=f"export:deelnemers-vorming-{training.pk}.csv",
        ids=sorted({p.registration_id for p in participants}),
        ip_address=client_ip(request),
    )
    stamp = training.starts_on.isoformat() if training.starts_on else "zonder-datum"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="deelnemers-vorming-{training.pk}-{stamp}.csv"'
    )
    response.write("\ufeff")  # the BOM makes Excel read UTF-8
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Code"),
            _("Status"),
            _("Voornaam"),
            _("Familienaam"),
            _("E-mailadres"),
            _("Organisatie"),
            _("Functie"),
            _("Telefoon"),
            _("Opmerkingen"),
            _("Te betalen (euro)"),
            _("Betaald (euro)"),
            _("Gestructureerde mededeling"),
            _("Ingeschreven op"),
            *(csv_safe(question.text) for question in questions),
        ]
    )
    for participant in participants:
        registration = participant.registration
        created = timezone.localtime(registration.created_at)
        writer.writerow(
            csv_safe(value)
            for value in (
                registration.code,
                registration.get_status_display(),
                participant.first_name,
                participant.last_name,
                participant.email,
                registration.organisation,
                registration.job,
                phone_display(registration.phone),
                " ".join(registration.remarks.split()),
                cents_to_input(registration.amount_due_cents),
                cents_to_input(registration.amount_paid_cents),
                # Without the +++ an OGM cannot pass for a formula: no apostrophe needed.
                ogm_display(registration.structured_communication).strip("+"),
                created.strftime("%d/%m/%Y %H:%M"),
                *(answer_display(q, answers.get(participant.pk, {}).get(q.pk)) for q in questions),
            )
        )
    return response


# Registrations ---------------------------------------------------------------------------------


def _audit_summary(entry: AuditEntry) -> str:
    data = entry.data or {}
    parts = []
    if "amount_cents" in data:
        parts.append(_("bedrag %(amount)s") % {"amount": euro(int(data["amount_cents"]))})
    if data.get("paid_on"):
        try:
            paid_on = day(dt.date.fromisoformat(data["paid_on"]))
        except ValueError:
            paid_on = data["paid_on"]
        parts.append(_("betaald op %(date)s") % {"date": paid_on})
    if data.get("status"):
        parts.append(_("status: %(status)s") % {"status": _status_label(data["status"])})
    if data.get("from"):
        parts.append(_("vorige status: %(status)s") % {"status": _status_label(data["from"])})
    if data.get("to") and data.get("to") != data.get("from"):
        parts.append(_("nieuwe status: %(status)s") % {"status": _status_label(data["to"])})
    if data.get("confirmed"):  # a payment that made the registration confirmed
        parts.append(_("nu bevestigd"))
    if data.get("seats"):
        parts.append(_("plaatsen: %(seats)s") % {"seats": data["seats"]})
    if data.get("note"):
        parts.append(_("notitie: %(note)s") % {"note": data["note"]})
    if data.get("reason"):
        parts.append(_("reden: %(reason)s") % {"reason": data["reason"]})
    return "; ".join(parts)


def _status_label(value: str) -> str:
    return str(dict(Registration.Status.choices).get(value, value))


def registration_or_404(pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("training__venue").prefetch_related("participants"),
        pk=pk,
    )


def registration_page(
    request: HttpRequest,
    registration: Registration,
    *,
    pay_form: MarkPaidForm | None = None,
    status: int = 200,
) -> HttpResponse:
    audit_entries = [
        (entry, audit_sentence(entry.action), _audit_summary(entry))
        for entry in AuditEntry.objects.filter(
            object_type=REGISTRATION_TYPE, object_id=str(registration.pk)
        )
        .exclude(action="registration.view")  # who looked is in the audit log, not the story
        .select_related("actor")
    ]
    participants = list(registration.participants.all())
    # The registration's mails and its participants' (practical information, certificate, the
    # mail to a colleague when the registration ended).
    outbox = [
        (message, mail_kind_label(message.kind))
        for message in OutboxMessage.objects.filter(
            Q(object_type=REGISTRATION_TYPE, object_id=str(registration.pk))
            | Q(object_type=PARTICIPANT_TYPE, object_id__in=[str(p.pk) for p in participants])
        )
    ]
    rows = participants_with_answers(registration.training, participants)
    can_pay = registration.status in (
        Registration.Status.PENDING,
        Registration.Status.CONFIRMED,
    )
    return render(
        request,
        "trainings/backoffice/registration_detail.html",
        {
            "registration": registration,
            "training": registration.training,
            "participants": participants,
            "participant_rows": rows,
            "answer_column": any(lines for _participant, lines in rows),
            "audit_entries": audit_entries,
            "outbox": outbox,
            "can_pay": can_pay,
            "receipt_available": receipt_available(registration),
            "pay_form": pay_form or (MarkPaidForm(registration=registration) if can_pay else None),
        },
        status=status,
    )


@backoffice_view
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_or_404(pk)
    services.registration_viewed(
        registration=registration,
        actor=request.user,
        page="registration_detail",
        ip_address=client_ip(request),
    )
    return registration_page(request, registration)


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_or_404(pk)
    # A cancelled training's payments were all booked for refunding when it was cancelled: no
    # amount is left to choose (one typed in would be ignored).
    training_cancelled = registration.training.status == Training.Status.CANCELLED
    form = CancelRegistrationForm(
        request.POST or None,
        paid_cents=0 if training_cancelled else registration.amount_paid_cents,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_cancel_by_office(
                registration=registration,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                refund_cents=form.cleaned_data.get("refund"),
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            refund = form.cleaned_data.get("refund")
            messages.success(
                request,
                _(
                    "De inschrijving is geannuleerd; de plaatsen zijn weer vrij. %(amount)s staat"
                    " bij de terugbetalingen."
                )
                % {"amount": euro(refund)}
                if refund
                else _("De inschrijving is geannuleerd; de plaatsen zijn weer vrij."),
            )
        return redirect("trainings_backoffice:registration_detail", pk=registration.pk)
    return render(
        request,
        "trainings/backoffice/registration_cancel.html",
        {
            "registration": registration,
            "training": registration.training,
            "training_cancelled": training_cancelled,
            "form": form,
        },
    )


def _registration_transition(
    request: HttpRequest, pk: int, transition: Callable[..., object], success: str
) -> HttpResponse:
    """Run one service on a registration; its refusal or `success` shows on the detail page."""
    registration = registration_or_404(pk)
    return run_and_report(
        request,
        lambda: transition(registration=registration, actor=request.user),
        success=success,
        redirect_to="trainings_backoffice:registration_detail",
        pk=registration.pk,
    )


@backoffice_view
@require_http_methods(["POST"])
def registration_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_transition(
        request, pk, services.registration_reinstate, _("De inschrijving is opnieuw actief.")
    )


@backoffice_view
@require_http_methods(["POST"])
def registration_offer_seat(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_transition(
        request,
        pk,
        waiting_list.registration_offer_seat,
        _("De plaats is aangeboden; de deelnemer kreeg een mail."),
    )


# Venues ----------------------------------------------------------------------------------------


@backoffice_view
def venue_list(request: HttpRequest) -> HttpResponse:
    venues = Venue.objects.annotate(training_count=Count("trainings")).order_by("city", "name")
    return render(request, "trainings/backoffice/venue_list.html", {"venues": venues})


def _venue_form_page(request: HttpRequest, *, venue: Venue | None) -> HttpResponse:
    form = VenueForm(request.POST or None, instance=venue or Venue())
    if request.method == "POST" and form.is_valid():
        services.venue_save(venue=form.instance, actor=request.user)
        messages.success(
            request,
            _("De locatie is toegevoegd.") if venue is None else _("De locatie is bewaard."),
        )
        return redirect("trainings_backoffice:venue_list")
    return render(request, "trainings/backoffice/venue_form.html", {"form": form, "venue": venue})


@backoffice_view
@require_http_methods(["GET", "POST"])
def venue_create(request: HttpRequest) -> HttpResponse:
    return _venue_form_page(request, venue=None)


@backoffice_view
@require_http_methods(["GET", "POST"])
def venue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _venue_form_page(request, venue=get_object_or_404(Venue, pk=pk))


@backoffice_view
def registration_list(request: HttpRequest) -> HttpResponse:
    """Registrations waiting for payment across trainings; `?toon=na-herinnering` only those past
    their reminder (the home page links here with its count)."""
    asked = request.GET.get("toon", "open")
    show = asked if asked in AWAITING_PAYMENT_FILTERS else "open"
    registrations = registrations_awaiting_payment(show)
    return render(
        request,
        "trainings/backoffice/registration_list.html",
        {
            "show": show,
            # An old link or a typo: say so, as the lists' filter forms do.
            "unknown_filter": asked != show,
            "page_obj": paginate(request, registrations, REGISTRATIONS_PER_PAGE),
        },
    )
