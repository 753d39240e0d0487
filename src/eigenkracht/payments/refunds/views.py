"""The office's refunds and SEPA files, and the registrant's account number for a refund.

Views stay thin: parse the request, check the policy, call one selector or service, render.
"""

import datetime as dt

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.payments.models import BankTransaction, Refund, SepaFile
from eigenkracht.payments.refunds import services
from eigenkracht.payments.refunds.forms import RefundAccountForm, SepaFileForm, WithdrawForm
from eigenkracht.payments.refunds.services import registrant_may_set_account
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.self_service.access import registrant_view

backoffice_view = policy_required(can_use_backoffice)
PER_PAGE = 50

TABS = {
    "due": gettext_lazy("Te betalen"),
    "overdue": gettext_lazy("Te laat"),
    "sent": gettext_lazy("Verstuurd"),
    "done": gettext_lazy("Uitgevoerd"),
    "returned": gettext_lazy("Teruggestort"),
    "withdrawn": gettext_lazy("Geschrapt"),
}


def _tab_queryset(tab: str, today: dt.date) -> QuerySet[Refund]:
    refunds = Refund.objects.select_related("registration__training", "sepa_file", "done_by")
    if tab == "overdue":
        return refunds.filter(status=Refund.Status.DUE, deadline__lt=today)
    return refunds.filter(status=tab)


def _next_working_day(today: dt.date) -> dt.date:
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@backoffice_view
@require_GET
def refund_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("toon", "due")
    if tab not in TABS:
        messages.info(request, _("Onbekende keuze: we tonen de terugbetalingen die te doen zijn."))
    form = SepaFileForm(initial={"execution_date": _next_working_day(timezone.localdate())})
    return _refund_list_page(request, tab=tab if tab in TABS else "due", form=form)


def _refund_list_page(
    request: HttpRequest, *, tab: str, form: SepaFileForm, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    counts = {
        "due": Refund.objects.filter(status=Refund.Status.DUE).count(),
        "overdue": Refund.objects.filter(status=Refund.Status.DUE, deadline__lt=today).count(),
    }
    page = paginate(request, _tab_queryset(tab, today), PER_PAGE)
    chosen = {str(value) for value in (form["refunds"].value() or [])}
    return render(
        request,
        "payments/refunds/refund_list.html",
        {
            "tab": tab,
            "tabs": TABS,
            "tab_label": TABS[tab],
            "counts": counts,
            "page_obj": page,
            "today": today,
            "form": form,
            "chosen": chosen,
            "selectable": tab in ("due", "overdue")
            and any(r.payee_iban and not r.sepa_file_id for r in page),
            "files": SepaFile.objects.filter(status=SepaFile.Status.MADE)[:20],
            "section": "refunds",
        },
        status=status,
    )


@backoffice_view
@require_POST
def sepa_file_make(request: HttpRequest) -> HttpResponse:
    form = SepaFileForm(request.POST)
    tab = request.POST.get("toon", "due")
    tab = tab if tab in ("due", "overdue") else "due"
    if not form.is_valid():
        return _refund_list_page(request, tab=tab, form=form, status=400)
    try:
        sepa_file = services.sepa_file_make(
            refund_ids=[r.pk for r in form.cleaned_data["refunds"]],
            actor=request.user,
            execution_date=form.cleaned_data["execution_date"],
            schema=form.cleaned_data["schema"],
        )
    except Refused as exc:
        form.add_error(None, str(exc))
        return _refund_list_page(request, tab=tab, form=form, status=409)
    messages.success(request, _("Het bestand is klaar. Download het en laad het op in je bankapp."))
    return redirect("payments_backoffice:sepa_file_detail", pk=sepa_file.pk)


def _sepa_file_page(
    request: HttpRequest, sepa_file: SepaFile, *, sent_error: str = "", status: int = 200
) -> HttpResponse:
    refunds = list(sepa_file.refunds.select_related("registration__training").order_by("id"))
    return render(
        request,
        "payments/refunds/sepa_file_detail.html",
        {
            "sepa_file": sepa_file,
            "refunds": refunds,
            "mailed": sum(map(services.refund_mailable, refunds)),
            "sent_error": sent_error,
            "section": "refunds",
        },
        status=status,
    )


@backoffice_view
@require_GET
def sepa_file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _sepa_file_page(request, get_object_or_404(SepaFile, pk=pk))


@backoffice_view
@require_GET
def sepa_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    # A withdrawn file's refunds are due again: uploading it as well would pay them twice.
    sepa_file = get_object_or_404(SepaFile.objects.exclude(status=SepaFile.Status.WITHDRAWN), pk=pk)
    response = HttpResponse(bytes(sepa_file.content), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{sepa_file.filename}"'
    return response


def _sent_said(mailed: int) -> str:
    if not mailed:
        return _(
            "De terugbetalingen staan op verstuurd. Niemand krijgt een mail: ze horen bij geen "
            "inschrijving, of bij een anoniem gemaakte."
        )
    return ngettext(
        "De terugbetalingen staan op verstuurd; %(count)d deelnemer krijgt een mail.",
        "De terugbetalingen staan op verstuurd; %(count)d deelnemers krijgen een mail.",
        mailed,
    ) % {"count": mailed}


@backoffice_view
@require_POST
def sepa_file_sent(request: HttpRequest, pk: int) -> HttpResponse:
    sepa_file = get_object_or_404(SepaFile, pk=pk)
    if sepa_file.status == SepaFile.Status.MADE and not request.POST.get("uploaded"):
        # Mails go out to every participant: said on purpose, not by a stray click. A file
        # sent or withdrawn meanwhile (a second tab) gets the service's refusal below.
        return _sepa_file_page(
            request,
            sepa_file,
            sent_error=_("Vink aan dat je het bestand opgeladen en goedgekeurd hebt bij de bank."),
            status=400,
        )
    try:
        mailed = services.sepa_file_mark_sent(sepa_file=sepa_file, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _sent_said(mailed))
    return redirect("payments_backoffice:sepa_file_detail", pk=pk)


@backoffice_view
@require_POST
def sepa_file_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    sepa_file = get_object_or_404(SepaFile, pk=pk)
    try:
        services.sepa_file_withdraw(sepa_file=sepa_file, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("payments_backoffice:sepa_file_detail", pk=pk)
    messages.success(
        request, _("Het bestand is ingetrokken; de terugbetalingen zijn weer te betalen.")
    )
    return redirect("payments_backoffice:refund_list")


@backoffice_view
@require_http_methods(["GET", "POST"])
def refund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    refund = get_object_or_404(
        Refund.objects.select_related(
            "registration__training", "sepa_file", "paid_by", "done_by", "continues", "returned_by"
        ),
        pk=pk,
    )
    account_form = RefundAccountForm(
        request.POST if request.POST.get("action") == "account" else None,
        initial={"name": refund.payee_name, "iban": refund.payee_iban_display},
    )
    withdraw_form = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "account" and account_form.is_valid():
                services.refund_iban_set(
                    refund=refund,
                    name=account_form.cleaned_data["name"],
                    iban=account_form.cleaned_data["iban"],
                    actor=request.user,
                )
                messages.success(request, _("Het rekeningnummer is bewaard."))
                return redirect("payments_backoffice:refund_detail", pk=pk)
            if request.POST.get("action") == "withdraw" and withdraw_form.is_valid():
                services.refund_withdraw(
                    refund=refund, actor=request.user, note=withdraw_form.cleaned_data["note"]
                )
                messages.success(request, _("De terugbetaling is geschrapt."))
                return redirect("payments_backoffice:refund_list")
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("payments_backoffice:refund_detail", pk=pk)
    return render(
        request,
        "payments/refunds/refund_detail.html",
        {
            "refund": refund,
            "account_form": account_form,
            "withdraw_form": withdraw_form,
            "changeable": refund.status == Refund.Status.DUE and refund.sepa_file_id is None,
            # Only a refund an undo withdrew, one the office had withdrawn, or one the bank sent
            # back is continued.
            "continued_by": refund.continued_by.order_by("id").last()
            if refund.undone_transfer or refund.status == Refund.Status.RETURNED
            else None,
            "section": "refunds",
        },
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def transaction_refund(request: HttpRequest, pk: int) -> HttpResponse:
    """From the review queue: send the money back to the account it came from."""
    bank_transaction = get_object_or_404(
        BankTransaction, pk=pk, amount_cents__gt=0, result=BankTransaction.Result.REVIEW
    )
    suggested = [s["registration_id"] for s in bank_transaction.suggestions]
    choices = Registration.objects.select_related("training").filter(pk__in=suggested)
    if request.method == "POST":
        registration = None
        chosen = request.POST.get("registration", "")
        if chosen:
            registration = choices.filter(pk=chosen).first() if chosen.isdigit() else None
            if registration is None:
                messages.error(request, _("Kies een inschrijving uit de lijst."))
                return redirect("payments_backoffice:transaction_refund", pk=pk)
        try:
            refund = services.transaction_refund(
                bank_transaction=bank_transaction, registration=registration, actor=request.user
            )
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("payments_backoffice:transaction_detail", pk=pk)
        messages.success(request, _("De terugbetaling staat bij de terugbetalingen."))
        return redirect("payments_backoffice:refund_detail", pk=refund.pk)
    return render(
        request,
        "payments/refunds/transaction_refund.html",
        {"tx": bank_transaction, "choices": choices, "section": "review"},
    )


def _registrant_refunds() -> QuerySet[Registration]:
    return Registration.objects.select_related("training").prefetch_related("refunds")


@registrant_view(_registrant_refunds)
@require_http_methods(["GET", "POST"])
def registrant_refund_account(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The registrant gives the account to pay their refund to."""
    refund = next((r for r in registration.refunds.all() if registrant_may_set_account(r)), None)
    if refund is None:
        messages.info(request, _("Er is geen rekeningnummer meer in te vullen."))
        return redirect("trainings:registration", registration.code)
    form = RefundAccountForm(
        request.POST if request.method == "POST" else None,
        initial={"name": refund.payee_name, "iban": refund.payee_iban_display},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.refund_iban_set(
                refund=refund,
                name=form.cleaned_data["name"],
                iban=form.cleaned_data["iban"],
                actor=None,
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Dank je. We storten het bedrag op deze rekening."))
        return redirect("trainings:registration", registration.code)
    return render(
        request,
        "payments/refunds/registrant_account.html",
        {"registration": registration, "refund": refund, "form": form},
    )
