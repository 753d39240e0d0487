"""The office's back office for bank statements: upload, follow, review and undo imports.

Views stay thin: parse the request, check the policy, call one selector or service, render.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_manage_organisation, can_use_backoffice
from eigenkracht.core.fields import cents_to_input
from eigenkracht.core.formatting import LOCALE, euro
from eigenkracht.core.models import Organisation
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.payments import selectors, services
from eigenkracht.payments.backoffice.forms import (
    DismissForm,
    MappingForm,
    OtherAccountForm,
    OwnAccountForm,
    RegistrationSearchForm,
    ResultFilterForm,
    UploadForm,
    allocation_formset,
)
from eigenkracht.payments.booking import BOOKABLE_STATUSES
from eigenkracht.payments.layouts import (
    csv_layout_save,
    statement_import_retry,
    statement_upload_hold,
)
from eigenkracht.payments.models import BankTransaction, OwnAccount, Payment, StatementImport
from eigenkracht.payments.reasons import (
    flag_advice,
    reason_text,
    refusal_text,
    statement_message,
    suggestion_reason,
)
from eigenkracht.payments.sample_statement import (
    sample_statement_blocker,
    sample_statement_done,
    sample_statement_import,
)
from eigenkracht.payments.services import (
    DUPLICATE,
    RESULT_ORDER,
    AccountNotOurs,
    ImportOutcome,
    account_display,
)
from eigenkracht.payments.statements.base import StatementError
from eigenkracht.payments.statements.csv_formats import CsvLayoutUnknown
from eigenkracht.payments.statements.detect import SNIFF_BYTES, detect_format
from eigenkracht.trainings.backoffice.forms import MarkPaidForm
from eigenkracht.trainings.backoffice.views import registration_or_404, registration_page
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import registrations_search

# Files up to this size are imported while the office waits; larger ones go to a background task
# and the page follows its progress. A CODA line is 128 bytes: 200 KB is about 500 transfers.
INLINE_MAX_BYTES = 200 * 1024
IMPORTS_PER_PAGE = 25
TRANSACTIONS_PER_PAGE = 50
QUEUE_PER_PAGE = 25
SEARCH_RESULTS = 20
DRY_RUN_ROWS = 200

RESULT_LABELS = {
    **dict(BankTransaction.Result.choices),
    DUPLICATE: gettext_lazy("Al eerder ingelezen"),
}
# Badge classes the stylesheet already knows.
RESULT_BADGES = {
    BankTransaction.Result.MATCHED: "ok",
    BankTransaction.Result.PARTIAL: "pending",
    BankTransaction.Result.OVERPAID: "waiting",
    BankTransaction.Result.REVIEW: "cancelled",
    BankTransaction.Result.IGNORED: "draft",
    BankTransaction.Result.TO_REFUND: "waiting",
    BankTransaction.Result.REFUND: "ok",
    DUPLICATE: "draft",
}
STATUS_BADGES = {
    StatementImport.Status.QUEUED: "pending",
    StatementImport.Status.RUNNING: "pending",
    StatementImport.Status.DONE: "ok",
    StatementImport.Status.FAILED: "cancelled",
    StatementImport.Status.UNDONE: "draft",
}
FORMAT_LABELS = {
    "coda": "CODA",
    "camt053": "CAMT.053",
    "csv": "CSV",
    "csv:bnp": "CSV (BNP Paribas Fortis)",
    "csv:kbc": "CSV (KBC)",
    "csv:belfius": "CSV (Belfius)",
    "csv:ing": "CSV (ING)",
    "csv:mapping": gettext_lazy("CSV (eigen indeling)"),
}
IN_PROGRESS = (StatementImport.Status.QUEUED, StatementImport.Status.RUNNING)

backoffice_view = policy_required(can_use_backoffice)
manager_view = policy_required(can_manage_organisation)


def _summary_rows(summary: dict[str, int], *, all_results: bool = False) -> list[dict[str, Any]]:
    """(result, Dutch label, count, badge) in the import's order; zero counts only on request."""
    return [
        {
            "result": result,
            "label": RESULT_LABELS[result],
            "count": summary.get(result, 0),
            "badge": RESULT_BADGES[result],
        }
        for result in RESULT_ORDER
        if all_results or summary.get(result, 0)
    ]


def _money(cents: int | None, currency: str) -> str:
    if cents is None:
        return ""
    amount = format_currency(Decimal(cents) / 100, currency or "EUR", locale=LOCALE)
    return amount.replace("\xa0", " ")


def _account_rows(accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The accounts of a file (as stored on an import) for the pages: period and balances."""

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return [
        {
            "account": account_display(facts["account"]),
            "ours": facts["ours"],
            "first_date": day(facts["first_date"]),
            "last_date": day(facts["last_date"]),
            "opening": _money(facts["opening_balance_cents"], facts["currency"]),
            "closing": _money(facts["closing_balance_cents"], facts["currency"]),
        }
        for facts in accounts
    ]


def _refused_for_account(upload: StatementImport) -> bool:
    """A failed import whose file names an account that is not ours (staff may accept it)."""
    return upload.status == StatementImport.Status.FAILED and any(
        not facts["ours"] for facts in upload.accounts
    )


def format_label(format: str) -> str:
    return str(FORMAT_LABELS.get(format, format))


def _progress_text(upload: StatementImport) -> str:
    if upload.status == StatementImport.Status.QUEUED:
        return _("In de wachtrij: het inlezen begint zo dadelijk.")
    if upload.status == StatementImport.Status.RUNNING:
        if upload.progress_total:
            return _("Bezig: %(done)s van %(total)s verrichtingen (%(percent)s %%).") % {
                "done": upload.progress_done,
                "total": upload.progress_total,
                "percent": upload.progress_percent,
            }
        return _("Bezig met lezen van het bestand.")
    return str(upload.get_status_display())


# Imports ---------------------------------------------------------------------------------------


@backoffice_view
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.imports().order_by("-created_at", "-id"), IMPORTS_PER_PAGE)
    rows = [
        {
            "upload": upload,
            "badge": STATUS_BADGES[upload.status],
            "format": format_label(upload.format),
            "summary": _summary_rows(upload.summary or {}),
            "in_progress": upload.status in IN_PROGRESS,
        }
        for upload in page
    ]
    return render(
        request,
        "payments/backoffice/import_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "review_count": selectors.review_queue().count(),
            "section": "imports",
        },
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, form)
    upload = form.cleaned_data["file"]
    data = upload.read()
    filename = upload.name or "rekeninguittreksel"
    format = form.cleaned_data["format"]
    dry_run = form.cleaned_data["dry_run"]
    if len(data) > INLINE_MAX_BYTES and not dry_run:
        queued = services.statement_import_queue(
            data=data, filename=filename, format=format, actor=request.user
        )
        return redirect("payments_backoffice:import_detail", pk=queued.pk)
    try:
        outcome = services.statement_import(
            data=data, filename=filename, actor=request.user, format=format, dry_run=dry_run
        )
    except CsvLayoutUnknown as exc:
        held = statement_upload_hold(
            data=data, filename=filename, format=format, actor=request.user, reason=exc
        )
        url = reverse("payments_backoffice:import_mapping", args=[held.pk])
        return redirect(f"{url}?proef=1" if dry_run else url)
    except StatementError as exc:
        return _upload_page(request, form, error=refusal_text(exc), status=400)
    except AccountNotOurs as exc:
        held = services.statement_refusal_hold(
            data=data, filename=filename, format=format, actor=request.user, refusal=exc
        )
        return _upload_page(request, form, refused=held, status=409)
    except Refused as exc:
        return _upload_page(request, form, error=str(exc), status=409)
    if dry_run:
        return _dry_run_page(request, outcome, filename=filename)
    return _imported(request, outcome)


def _upload_page(
    request: HttpRequest,
    form: UploadForm,
    *,
    error: str = "",
    refused: StatementImport | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "error": error,
        "section": "upload",
        "sample_offered": not sample_statement_blocker(),
        "sample_done": sample_statement_done(),
    }
    if refused is not None:
        context |= {
            "upload": refused,
            "accounts": _account_rows(refused.accounts),
            "other_account_form": OtherAccountForm(
                initial={"dry_run": form.cleaned_data["dry_run"]}
            ),
        }
    return render(request, "payments/backoffice/import_upload.html", context, status=status)


@backoffice_view
@require_POST
def import_sample(request: HttpRequest) -> HttpResponse:
    """Import the sample statement; a second click (the first import exists) changes nothing."""
    try:
        outcome = sample_statement_import(actor=request.user)
    except Refused as refusal:
        messages.info(request, str(refusal))
        done = sample_statement_done()
        if done is not None:
            return redirect("payments_backoffice:import_detail", pk=done.pk)
        return redirect("payments_backoffice:import_upload")
    return _imported(request, outcome)


def _imported(request: HttpRequest, outcome: ImportOutcome) -> HttpResponse:
    upload = outcome.statement_import
    assert upload is not None
    messages.success(request, _("Het bestand is ingelezen."))
    return redirect("payments_backoffice:import_detail", pk=upload.pk)


def _dry_run_page(
    request: HttpRequest,
    outcome: ImportOutcome,
    *,
    filename: str,
    held: StatementImport | None = None,
) -> HttpResponse:
    rows = [
        {
            "row": row,
            "date": dt.date.fromisoformat(row.date),
            "reason": reason_text(row.reason_code, row.reason_params),
            "label": RESULT_LABELS[row.result],
            "badge": RESULT_BADGES[row.result],
        }
        for row in outcome.rows[:DRY_RUN_ROWS]
    ]
    return render(
        request,
        "payments/backoffice/import_dry_run.html",
        {
            "outcome": outcome,
            "format": format_label(outcome.format),
            "filename": filename,
            # payments/retention.py deletes a held upload this long after it came in.
            "deleted_on": timezone.localdate(held.created_at)
            + dt.timedelta(days=settings.FAILED_UPLOAD_DAYS)
            if held
            else None,
            "summary": _summary_rows(outcome.summary),
            "rows": rows,
            "total_rows": len(outcome.rows),
            "held": held,
            "accounts": _account_rows(outcome.accounts),
            "notes": [statement_message(note.code, note.params) for note in outcome.notes],
            "section": "upload",
        },
    )


def _current_counts(upload: StatementImport) -> dict[str, int]:
    """Results as they are now (staff may have decided on review items since), plus duplicates."""
    if upload.status != StatementImport.Status.DONE:
        return dict(upload.summary or {})
    counts = dict(
        upload.transactions.order_by()
        .values_list("result")
        .annotate(total=Count("id"))
        .values_list("result", "total")
    )
    counts[DUPLICATE] = (upload.summary or {}).get(DUPLICATE, 0)
    return counts


def _looks_like_csv(upload: StatementImport) -> bool:
    head = bytes(
        StatementImport.objects.filter(pk=upload.pk).values_list("content", flat=True).get()
    )[:SNIFF_BYTES]
    try:
        return detect_format(head) == "csv"
    except StatementError:
        return False


@backoffice_view
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(selectors.imports().select_related("undone_by"), pk=pk)
    filters = ResultFilterForm(request.GET or None)
    transactions = upload.transactions.prefetch_related(
        Prefetch("payments", queryset=Payment.objects.select_related("registration"))
    ).order_by("booking_date", "id")
    result = ""
    if filters.is_valid() and filters.cleaned_data["resultaat"]:
        result = filters.cleaned_data["resultaat"]
        transactions = transactions.filter(result=result)
    page = paginate(request, transactions, TRANSACTIONS_PER_PAGE)
    rows = [
        {
            "tx": tx,
            "label": RESULT_LABELS[tx.result],
            "badge": RESULT_BADGES[tx.result],
            "registrations": [payment.registration for payment in tx.payments.all()],
        }
        for tx in page
    ]
    done = upload.status == StatementImport.Status.DONE
    blocker = services.statement_import_undo_blocker(upload) if done else ""
    failed = upload.status == StatementImport.Status.FAILED
    other_account = _refused_for_account(upload)
    return render(
        request,
        "payments/backoffice/import_detail.html",
        {
            "upload": upload,
            "badge": STATUS_BADGES[upload.status],
            "format": format_label(upload.format),
            "requested_format": format_label(upload.requested_format),
            "in_progress": upload.status in IN_PROGRESS,
            "progress_text": _progress_text(upload),
            "summary": _summary_rows(_current_counts(upload), all_results=done),
            "filters": filters,
            "result": result,
            "page_obj": page,
            "rows": rows,
            "can_undo": done and not blocker,
            "undo_blocker": blocker,
            "can_map": failed and not other_account and _looks_like_csv(upload),
            "accounts": _account_rows(upload.accounts),
            "other_account_form": OtherAccountForm() if other_account else None,
            "section": "imports",
        },
    )


@backoffice_view
@require_GET
def import_progress(request: HttpRequest, pk: int) -> JsonResponse:
    upload = get_object_or_404(
        StatementImport.objects.only("status", "progress_done", "progress_total"), pk=pk
    )
    return JsonResponse(
        {
            "status": upload.status,
            "percent": upload.progress_percent,
            "done": upload.progress_done,
            "total": upload.progress_total,
            "text": _progress_text(upload),
        },
        headers={"Cache-Control": "no-store"},
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(selectors.imports(), pk=pk)
    if request.method == "POST":
        try:
            services.statement_import_undo(statement_import=upload, actor=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Het inlezen is ongedaan gemaakt: alle betalingen uit dit bestand zijn "
                    "geschrapt."
                ),
            )
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    blocker = services.statement_import_undo_blocker(upload)
    booked = Payment.objects.filter(bank_transaction__statement_import=upload).count()
    told = 0 if blocker else services.statement_import_undo_told(upload)
    return render(
        request,
        "payments/backoffice/import_undo.html",
        {
            "upload": upload,
            "blocker": blocker,
            "booked": booked,
            "told": told,
            "section": "imports",
        },
    )


def _retry(request: HttpRequest, upload: StatementImport, *, dry_run: bool) -> HttpResponse:
    try:
        outcome = statement_import_retry(
            upload=upload,
            actor=request.user,
            background=len(upload.content) > INLINE_MAX_BYTES,
            dry_run=dry_run,
        )
    except (StatementError, Refused) as exc:
        messages.error(request, refusal_text(exc))
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    if outcome is None:  # queued: the detail page follows the progress
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    if dry_run:
        return _dry_run_page(request, outcome, filename=upload.filename, held=upload)
    return _imported(request, outcome)


@backoffice_view
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(StatementImport, pk=pk)
    if upload.status != StatementImport.Status.FAILED:
        messages.info(request, _("Dit bestand werd al ingelezen."))
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    data = bytes(upload.content)
    context: dict[str, Any] = {"upload": upload, "section": "imports"}
    try:
        services.statement_read(data=data, format=upload.requested_format, filename=upload.filename)
    except CsvLayoutUnknown as exc:
        columns = exc.columns
    except StatementError as exc:
        return render(
            request,
            "payments/backoffice/import_mapping.html",
            {**context, "unreadable": refusal_text(exc)},
            status=400,
        )
    else:  # meanwhile someone mapped a file with the same columns
        return render(
            request, "payments/backoffice/import_mapping.html", {**context, "readable": True}
        )
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        columns=columns,
        initial={"dry_run": request.GET.get("proef") == "1"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            csv_layout_save(
                data=data,
                name=form.cleaned_data["name"],
                mapping=form.mapping_values(),
                actor=request.user,
            )
        except (StatementError, Refused) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(
                request,
                _("De indeling „%(name)s” is bewaard; volgende keer herkennen we ze meteen.")
                % {"name": form.cleaned_data["name"]},
            )
            return _retry(request, upload, dry_run=form.cleaned_data["dry_run"])
    if not form.initial.get("name") and not form.is_bound:
        form.initial["name"] = upload.filename.rsplit(".", 1)[0][:120]
    return render(
        request,
        "payments/backoffice/import_mapping.html",
        {**context, "form": form, "columns": columns},
        status=400 if form.is_bound else 200,
    )


@backoffice_view
@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(StatementImport, pk=pk)
    return _retry(request, upload, dry_run=False)


@backoffice_view
@require_POST
def import_other_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a file refused for its account anyway, because staff say so."""
    upload = get_object_or_404(StatementImport, pk=pk)
    form = OtherAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["confirm"]))
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    try:
        accepted = services.statement_accounts_accept(statement_import=upload, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("payments_backoffice:import_detail", pk=upload.pk)
    return _retry(request, accepted, dry_run=form.cleaned_data["dry_run"])


# Our own accounts ------------------------------------------------------------------------------


def _own_accounts_page(
    request: HttpRequest, *, form: OwnAccountForm | None = None, status: int = 200
) -> HttpResponse:
    organisation = Organisation.current()
    can_manage = can_manage_organisation(request.user)
    return render(
        request,
        "payments/backoffice/own_accounts.html",
        {
            "organisation_iban": account_display(organisation.iban),
            "own_accounts": OwnAccount.objects.order_by("iban"),
            "can_manage": can_manage,
            "form": (form or OwnAccountForm()) if can_manage else None,
            "section": "accounts",
        },
        status=status,
    )


@backoffice_view
@require_GET
def own_account_list(request: HttpRequest) -> HttpResponse:
    return _own_accounts_page(request)


@manager_view
@require_POST
def own_account_create(request: HttpRequest) -> HttpResponse:
    form = OwnAccountForm(request.POST)
    if form.is_valid():
        try:
            created = services.own_account_create(
                iban=form.cleaned_data["iban"], label=form.cleaned_data["label"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(iban)s staat nu bij onze rekeningen.") % {"iban": created.iban_display},
            )
            return redirect("payments_backoffice:own_account_list")
    return _own_accounts_page(request, form=form, status=400)


@manager_view
@require_http_methods(["GET", "POST"])
def own_account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    own_account = get_object_or_404(OwnAccount, pk=pk)
    form = OwnAccountForm(request.POST or None, instance=own_account)
    if request.method == "POST" and form.is_valid():
        try:
            services.own_account_update(
                own_account=own_account,
                iban=form.cleaned_data["iban"],
                label=form.cleaned_data["label"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De rekening is opgeslagen."))
            return redirect("payments_backoffice:own_account_list")
    return render(
        request,
        "payments/backoffice/own_account_form.html",
        {"form": form, "own_account": own_account, "section": "accounts"},
        status=400 if form.is_bound else 200,
    )


@manager_view
@require_POST
def own_account_delete(request: HttpRequest, pk: int) -> HttpResponse:
    own_account = get_object_or_404(OwnAccount, pk=pk)
    services.own_account_delete(own_account=own_account, actor=request.user)
    messages.success(
        request,
        _("%(iban)s staat niet meer bij onze rekeningen.") % {"iban": own_account.iban_display},
    )
    return redirect("payments_backoffice:own_account_list")


# A payment by hand, from the registration's page -------------------------------------------


@backoffice_view
@require_http_methods(["POST"])
def registration_mark_paid(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_or_404(pk)
    form = MarkPaidForm(request.POST, registration=registration)
    if not form.is_valid():
        messages.error(request, _("De betaling is niet geregistreerd: kijk het formulier na."))
        return registration_page(request, registration, pay_form=form)
    try:
        updated = services.registration_mark_paid(
            registration=registration,
            amount_cents=form.cleaned_data["amount_cents"],
            paid_on=form.cleaned_data["paid_on"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        if (
            updated.status == Registration.Status.CONFIRMED
            and registration.status == Registration.Status.PENDING
        ):
            messages.success(
                request,
                _("De betaling is geregistreerd en de inschrijving is bevestigd."),
            )
        else:
            messages.success(request, _("De betaling is geregistreerd."))
    return redirect("trainings_backoffice:registration_detail", pk=registration.pk)


# The review queue ------------------------------------------------------------------------------


def _registrations_by_id(ids: list[int]) -> dict[int, Registration]:
    return Registration.objects.select_related("training").in_bulk(ids)


@backoffice_view
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.review_queue(), QUEUE_PER_PAGE)
    best = {tx.pk: tx.suggestions[0] for tx in page if tx.suggestions}
    registrations = _registrations_by_id([s["registration_id"] for s in best.values()])
    rows = [
        {
            "tx": tx,
            "suggestion": best.get(tx.pk),
            "registration": registrations.get(best[tx.pk]["registration_id"])
            if tx.pk in best
            else None,
        }
        for tx in page
    ]
    return render(
        request,
        "payments/backoffice/review_queue.html",
        {"page_obj": page, "rows": rows, "section": "review"},
    )


def _prefill_cents(bank_transaction: BankTransaction, registration: Registration) -> int:
    """What a one-click assignment books: what is still open, at most the transfer."""
    open_cents = registration.amount_open_cents
    if open_cents <= 0:
        return bank_transaction.amount_cents
    return min(open_cents, bank_transaction.amount_cents)


def _transaction_or_404(pk: int) -> BankTransaction:
    return get_object_or_404(
        BankTransaction.objects.select_related("statement_import", "resolved_by").prefetch_related(
            Prefetch(
                "payments",
                queryset=Payment.objects.select_related("registration__training").order_by("id"),
            )
        ),
        pk=pk,
    )


def _transaction_page(
    request: HttpRequest,
    bank_transaction: BankTransaction,
    *,
    formset: Any = None,
    preview: bool = False,
    status: int = 200,
) -> HttpResponse:
    registrations = _registrations_by_id(
        [s["registration_id"] for s in bank_transaction.suggestions]
    )
    suggestions = [
        {
            "suggestion": suggestion,
            "reason": suggestion_reason(suggestion),
            "registration": registrations[suggestion["registration_id"]],
            "prefill": cents_to_input(
                _prefill_cents(bank_transaction, registrations[suggestion["registration_id"]])
            ),
            "percent": round(100 * float(suggestion.get("score", 0))),
            "bookable": registrations[suggestion["registration_id"]].status in BOOKABLE_STATUSES,
        }
        for suggestion in bank_transaction.suggestions
        if suggestion["registration_id"] in registrations
    ]
    search = RegistrationSearchForm(request.GET or None)
    results = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = registrations_search(
            Registration.objects.select_related("training"), search.cleaned_data["q"]
        ).order_by("-created_at", "-id")[:SEARCH_RESULTS]
        results = [
            {"registration": r, "prefill": cents_to_input(_prefill_cents(bank_transaction, r))}
            for r in found
        ]
    is_open = bank_transaction.result == BankTransaction.Result.REVIEW
    return render(
        request,
        "payments/backoffice/transaction_detail.html",
        {
            "tx": bank_transaction,
            "label": RESULT_LABELS[bank_transaction.result],
            "badge": RESULT_BADGES[bank_transaction.result],
            "is_open": is_open and bank_transaction.is_incoming,
            "flag_advice": flag_advice(bank_transaction.flag),
            "payments": list(bank_transaction.payments.all()),
            "suggestions": suggestions,
            "search": search,
            "results": results,
            "formset": formset or allocation_formset(bank_transaction=bank_transaction),
            "preview": preview,
            "section": "review",
        },
        status=status,
    )


@backoffice_view
@require_GET
def transaction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _transaction_page(request, _transaction_or_404(pk))


@backoffice_view
@require_POST
def transaction_assign(request: HttpRequest, pk: int) -> HttpResponse:
    bank_transaction = _transaction_or_404(pk)
    formset = allocation_formset(request.POST, bank_transaction=bank_transaction)
    if not formset.is_valid():
        return _transaction_page(request, bank_transaction, formset=formset, status=400)
    if "preview" in request.POST:
        return _transaction_page(request, bank_transaction, formset=formset, preview=True)
    try:
        assigned = services.transaction_assign(
            bank_transaction=bank_transaction,
            allocations=formset.allocations,
            actor=request.user,
        )
    except Refused as exc:
        messages.error(request, str(exc))
        return _transaction_page(request, bank_transaction, formset=formset, status=409)
    codes = ", ".join(
        f"{a.registration.code} ({euro(a.amount_cents)})" for a in formset.allocations
    )
    message = ngettext(
        "De betaling is geboekt op inschrijving %(codes)s.",
        "De betaling is verdeeld over de inschrijvingen %(codes)s.",
        len(formset.allocations),
    ) % {"codes": codes}
    if assigned.surplus_cents:
        message += " " + _("%(amount)s blijft over en is genoteerd om terug te betalen.") % {
            "amount": euro(assigned.surplus_cents)
        }
    messages.success(request, message)
    return redirect("payments_backoffice:review_queue")


@backoffice_view
@require_http_methods(["GET", "POST"])
def transaction_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    bank_transaction = _transaction_or_404(pk)
    if request.method == "GET" and bank_transaction.result != BankTransaction.Result.REVIEW:
        # An old link or a second tab: the question it asks was answered already.
        messages.info(request, _("Deze verrichting werd intussen al behandeld."))
        return redirect("payments_backoffice:transaction_detail", pk=bank_transaction.pk)
    form = DismissForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transaction_dismiss(
                bank_transaction=bank_transaction,
                actor=request.user,
                note=form.cleaned_data["note"].strip(),
            )
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("payments_backoffice:transaction_detail", pk=bank_transaction.pk)
        messages.success(request, _("De verrichting is gemarkeerd als niet voor een inschrijving."))
        return redirect("payments_backoffice:review_queue")
    return render(
        request,
        "payments/backoffice/transaction_dismiss.html",
        {"tx": bank_transaction, "form": form, "section": "review"},
    )
