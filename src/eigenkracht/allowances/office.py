"""The office's pages: declarations to decide, payout files, and per year the caps, km rates,
systems and the nominative list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eigenkracht.allowances import documents, selectors, services
from eigenkracht.allowances.forms import (
    CapsForm,
    KmRateForm,
    PayoutForm,
    ReturnForm,
    SystemForm,
)
from eigenkracht.allowances.models import Declaration, KmRate, Payout, YearCaps, YearSystem
from eigenkracht.allowances.policies import can_manage_allowances
from eigenkracht.allowances.views import _file, year_or_404
from eigenkracht.core.refusals import Refused


def _office(request: HttpRequest) -> None:
    if not can_manage_allowances(request.user):
        raise Http404


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _office(request)
    return _queue_page(request)


def _queue_page(
    request: HttpRequest,
    *,
    return_forms: dict[int, ReturnForm] | None = None,
    payout_form: PayoutForm | None = None,
    status: int = 200,
) -> HttpResponse:
    queue = list(selectors.office_queue())
    for declaration in queue:
        declaration.return_form = (return_forms or {}).get(declaration.pk)
    ready = list(selectors.ready_to_pay())
    waiting = [d for d in ready if not hasattr(d.coordinator, "payout_account")]
    return render(
        request,
        "allowances/office/queue.html",
        {
            "queue": queue,
            "ready": ready,
            "ready_total": sum(d.amount_cents for d in ready if d not in waiting),
            "without_account": sorted({str(d.coordinator) for d in waiting}),
            "payout_form": payout_form
            or PayoutForm(initial={"execution_date": timezone.localdate()}),
            "payouts": selectors.payouts()[:20],
            "year": timezone.localdate().year,
            # Years whose amounts are applied in this queue but not yet checked.
            "unchecked_years": sorted(
                caps.year
                for caps in YearCaps.objects.filter(year__in={d.year for d in queue + ready})
                if not caps.is_checked
            ),
        },
        status=status,
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    declaration = get_object_or_404(Declaration, pk=pk)
    try:
        services.declaration_approve(declaration=declaration, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De aangifte is goedgekeurd."))
    return redirect("allowances_office:queue")


@login_required
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    declaration = get_object_or_404(Declaration, pk=pk)
    form = ReturnForm(request.POST, prefix=f"d{pk}")
    if form.is_valid():
        try:
            services.declaration_return(
                declaration=declaration, reason=form.cleaned_data["reason"], actor=request.user
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("De aangifte is teruggestuurd; de coördinator krijgt een mail.")
            )
        return redirect("allowances_office:queue")
    return _queue_page(request, return_forms={pk: form})


@login_required
@require_POST
def payout_make(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            payout = services.payout_make(
                actor=request.user, execution_date=form.cleaned_data["execution_date"]
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Het bestand is klaar: download het en laad het op in de app van de bank."),
            )
            return redirect(reverse("allowances_office:queue") + f"#payout-{payout.pk}")
    return _queue_page(request, payout_form=form)


@login_required
def payout_download(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    # A withdrawn file's declarations go in the next one: uploading it would pay them twice.
    payout = get_object_or_404(Payout.objects.exclude(status=Payout.Status.WITHDRAWN), pk=pk)
    return _file(bytes(payout.content), "application/xml", payout.filename, inline=False)


@login_required
@require_POST
def payout_sent(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    payout = get_object_or_404(Payout, pk=pk)
    try:
        services.payout_mark_sent(payout=payout, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Gemarkeerd als opgeladen bij de bank. Het volgende rekeninguittreksel toont wat"
                " betaald is."
            ),
        )
    return redirect("allowances_office:queue")


@login_required
@require_POST
def payout_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    payout = get_object_or_404(Payout, pk=pk)
    try:
        services.payout_withdraw(payout=payout, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Het bestand is ingetrokken: de aangiften wachten op een volgend bestand.")
        )
    return redirect("allowances_office:queue")


@login_required
def year_page(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    return _year_page(request, year_or_404(year))


def _year_page(
    request: HttpRequest,
    year: int,
    *,
    caps_form: CapsForm | None = None,
    km_form: KmRateForm | None = None,
    system_form: SystemForm | None = None,
) -> HttpResponse:
    caps = selectors.caps_of(year)
    if caps_form is None:
        caps_form = CapsForm(
            initial={
                "day_cap": caps.day_cap_cents,
                "year_cap": caps.year_cap_cents,
                "day_amount": caps.day_amount_cents,
                "source": caps.source,
            }
            if caps
            else {}
        )
    return render(
        request,
        "allowances/office/year.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "caps": caps,
            "caps_form": caps_form,
            "km_rates": KmRate.objects.filter(year=year).order_by("quarter"),
            "km_form": km_form or KmRateForm(),
            "systems": YearSystem.objects.filter(year=year).select_related("coordinator__user"),
            "system_form": system_form or SystemForm(),
            "lines": selectors.year_overview(year),
        },
    )


@login_required
@require_POST
def caps_save(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    form = CapsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.year_caps_save(
                year=year_or_404(year),
                day_cap_cents=data["day_cap"],
                year_cap_cents=data["year_cap"],
                day_amount_cents=data["day_amount"],
                source=data["source"],
                actor=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De maximumbedragen zijn bewaard."))
            return redirect("allowances_office:year", year=year)
    return _year_page(request, year_or_404(year), caps_form=form)


@login_required
@require_POST
def km_rate_save(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    form = KmRateForm(request.POST)
    if form.is_valid():
        services.km_rate_save(
            year=year_or_404(year),
            quarter=form.cleaned_data["quarter"],
            rate=form.cleaned_data["rate"],
            source=form.cleaned_data["source"],
            actor=request.user,
        )
        messages.success(request, _("De kilometervergoeding is bewaard."))
        return redirect("allowances_office:year", year=year)
    return _year_page(request, year_or_404(year), km_form=form)


@login_required
@require_POST
def system_choose(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    form = SystemForm(request.POST)
    if form.is_valid():
        try:
            services.year_system_choose(
                coordinator=form.cleaned_data["coordinator"],
                year=year_or_404(year),
                system=form.cleaned_data["system"],
                actor=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het vergoedingssysteem is bewaard."))
            return redirect("allowances_office:year", year=year)
    return _year_page(request, year_or_404(year), system_form=form)


@login_required
def nominative_pdf(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    year = year_or_404(year)
    content = documents.nominative_pdf(year, selectors.caps_of(year), selectors.year_overview(year))
    return _file(content, "application/pdf", f"nominatieve-lijst-{year}.pdf")


@login_required
def nominative_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _office(request)
    year = year_or_404(year)
    content = documents.nominative_xlsx(
        year, selectors.caps_of(year), selectors.year_overview(year)
    )
    return _file(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"nominatieve-lijst-{year}.xlsx",
        inline=False,
    )
