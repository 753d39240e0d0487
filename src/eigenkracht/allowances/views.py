"""The coordinator's pages: their year of allowances, declaring from a phone, their account, what
they receive elsewhere, their yearly overview; and a receipt, for them or the office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eigenkracht.allowances import documents, rules, selectors, services
from eigenkracht.allowances.forms import (
    AccountForm,
    CostForm,
    DayForm,
    ElsewhereForm,
    KmForm,
)
from eigenkracht.allowances.models import Declaration, Elsewhere, PayoutAccount, YearSystem
from eigenkracht.allowances.policies import can_see_receipt, declaring_coordinator
from eigenkracht.core.once import SentBefore
from eigenkracht.core.refusals import Refused
from eigenkracht.trajectories.models import Coordinator

FORMS = {rules.DAY: DayForm, rules.KM: KmForm, rules.COST: CostForm}
KIND_TITLES = {
    rules.DAY: gettext_lazy("Een dag gewerkt"),
    rules.KM: gettext_lazy("Kilometers"),
    rules.COST: gettext_lazy("Reële kosten"),
}


def _coordinator(request: HttpRequest) -> Coordinator:
    coordinator = declaring_coordinator(request.user)
    if coordinator is None:
        raise Http404
    return coordinator


def year_or_404(year: int) -> int:
    """A year of an address: from 2000 to next year (the column and the law know no other)."""
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("jaar", "")
    today = timezone.localdate()
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year


@login_required
def home(request: HttpRequest) -> HttpResponse:
    coordinator = _coordinator(request)
    year = _year(request)
    state = services.year_state(coordinator, year)
    caps = selectors.caps_of(year)
    elsewhere = Elsewhere.objects.filter(coordinator=coordinator, year=year).first()
    account = PayoutAccount.objects.filter(coordinator=coordinator).first()
    return render(
        request,
        "allowances/home.html",
        {
            "coordinator": coordinator,
            "year": year,
            "years": [year - 1, year, year + 1],
            "system": YearSystem.objects.filter(coordinator=coordinator, year=year).first(),
            "caps": caps,
            "flat_cents": state.flat_cents(),
            "room_cents": state.year_room_cents(),
            "km": state.km(),
            "km_limit": rules.KM_LIMIT_ON_FLAT,
            "declarations": selectors.declarations_of(coordinator, year),
            "account": account,
            "elsewhere": elsewhere,
            "elsewhere_form": ElsewhereForm(
                initial={
                    "amount": elsewhere.amount_cents if elsewhere else 0,
                    "days": elsewhere.days if elsewhere else 0,
                }
            ),
        },
    )


@login_required
def declare(request: HttpRequest, kind: str) -> HttpResponse:
    coordinator = _coordinator(request)
    if kind not in FORMS:
        raise Http404
    form_class = FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None, coordinator=coordinator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {}
        if kind == rules.KM:
            extra = {
                "km": data["km"],
                "route_from": data["route_from"],
                "route_to": data["route_to"],
            }
        elif kind == rules.COST:
            upload = data["receipt"]
            extra = {
                "amount_cents": data["amount"],
                "description": data["description"],
                "receipt": upload.receipt_content,
                "receipt_type": upload.receipt_type,
                "receipt_name": upload.name or "",
            }
        try:
            services.declaration_create(
                coordinator=coordinator,
                trajectory=data["trajectory"],
                kind=kind,
                on=data["on"],
                actor=request.user,
                once=data["once"],
                **extra,
            )
        except SentBefore:
            pass  # declared the first time: answered as then
        except Refused as exc:
            form.add_error(None, str(exc))
        if not form.errors:
            messages.success(request, _("Je aangifte is ingediend."))
            return redirect(f"{_home_url()}?jaar={data['on'].year}")
    return render(
        request,
        "allowances/declare.html",
        {"form": form, "kind": kind, "title": KIND_TITLES[kind], "coordinator": coordinator},
    )


def _home_url() -> str:
    return reverse("allowances:home")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    coordinator = _coordinator(request)
    current = PayoutAccount.objects.filter(coordinator=coordinator).first()
    initial = (
        {"holder": current.holder, "iban": current.iban_display}
        if current
        else {"holder": coordinator.user.get_full_name()}
    )
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.payout_account_set(
                coordinator=coordinator,
                holder=form.cleaned_data["holder"],
                iban=form.cleaned_data["iban"],
                actor=request.user,
            )
        except Refused as exc:
            form.add_error("iban", str(exc))
        else:
            messages.success(request, _("Je rekeningnummer is bewaard."))
            return redirect("allowances:home")
    return render(request, "allowances/account.html", {"form": form})


@login_required
@require_POST
def elsewhere(request: HttpRequest, year: int) -> HttpResponse:
    year = year_or_404(year)
    coordinator = _coordinator(request)
    form = ElsewhereForm(request.POST)
    if form.is_valid():
        try:
            services.elsewhere_set(
                coordinator=coordinator,
                year=year,
                amount_cents=form.cleaned_data["amount"] or 0,
                days=form.cleaned_data["days"] or 0,
                actor=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Bewaard: wat je elders ontvangt telt mee."))
            return redirect(f"{_home_url()}?jaar={year}")
    return render(request, "allowances/elsewhere.html", {"form": form, "year": year})


@login_required
def overview_pdf(request: HttpRequest, year: int) -> HttpResponse:
    year = year_or_404(year)
    coordinator = _coordinator(request)
    lines = selectors.year_overview(year, coordinator)
    content = documents.own_overview_pdf(year, selectors.caps_of(year), lines[0])
    return _file(content, "application/pdf", f"vrijwilligersvergoeding-{year}.pdf")


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(Declaration, pk=pk, kind=rules.COST)
    if not can_see_receipt(request.user, declaration) or not declaration.receipt:
        raise Http404
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(declaration.receipt_type, "jpg")
    return _file(
        bytes(declaration.receipt), declaration.receipt_type, f"bewijsstuk-{pk}.{extension}"
    )


def _file(content: bytes, content_type: str, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
