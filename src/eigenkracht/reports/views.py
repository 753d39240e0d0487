"""The figures page for the office (exact numbers, for staff), and what leaves the office:
CSV, JSON and the annual report (XLSX, PDF), all suppressed."""

import datetime as dt
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.models import Sector
from eigenkracht.reports import exports
from eigenkracht.reports.charts import bar_chart, description_of
from eigenkracht.reports.forms import FiguresForm, SectorForm
from eigenkracht.reports.report import report_build
from eigenkracht.reports.services import SectorRefused, sector_save
from eigenkracht.reports.tables import Grid
from eigenkracht.trajectories.policies import can_manage_trajectories

FORMATS = {"csv", "json", "xlsx", "pdf"}


def _chart(table: Grid) -> str:
    """The table's first column (and, for two-column tables, its second) as bars."""
    body = table.rows[: len(table.rows) - table.total_rows]
    labels = [label for label, _cells in body]
    count = 2 if len(table.header) == 3 else 1
    series = [
        (table.header[1 + index], [cells[index] for _label, cells in body])
        for index in range(count)
    ]
    return mark_safe(  # noqa: S308 (built from escaped text in charts.py)
        bar_chart(
            ident=f"chart-{table.key}",
            title=table.title,
            description=description_of(labels, series, nothing=_("niet te berekenen")),
            labels=labels,
            series=series,
        )
    )


def _download(report, kind: str) -> HttpResponse:
    name = f"cijfers-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
        response.write(exports.report_csv(report))
    elif kind == "json":
        response = HttpResponse(
            json.dumps(exports.report_json(report), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    elif kind == "xlsx":
        response = HttpResponse(
            exports.report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"jaarrapport-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    else:
        response = HttpResponse(exports.report_pdf(report), content_type="application/pdf")
        name = f"jaarrapport-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@second_factor_required
def figures_page(request: HttpRequest) -> HttpResponse:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    chosen = bool(set(request.GET) - {"formaat", "jaar"})
    data = request.GET.copy()
    # A bookmarked cut without a period (`?sector=3`): this year, as the page opens.
    for name, day in FiguresForm.this_year().items():
        if name not in data:
            data[name] = day.isoformat()
    form = FiguresForm(data if chosen else None, initial=FiguresForm.this_year())
    report = None
    if not chosen:
        period = FiguresForm.this_year()
        report = report_build(start=period["start"], end=period["end"])
    elif form.is_valid():
        report = report_build(
            start=form.cleaned_data["start"], end=form.cleaned_data["end"], cut=form.cut()
        )
    kind = request.GET.get("formaat", "")
    if report is not None and kind in FORMATS:
        return _download(report, kind)
    tables = []
    if report is not None:
        for table in exports.grids(report, suppressed=False):
            cells = [(label, [exports.shown(c) for c in row]) for label, row in table.rows]
            tables.append(
                {"grid": table, "rows": cells, "chart": _chart(table) if table.chart else ""}
            )
    query = request.GET.copy()
    query.pop("formaat", None)
    return render(
        request,
        "reports/figures.html",
        {
            "form": form,
            "report": report,
            "tables": tables,
            "query": query.urlencode(),
            "years": range(timezone.localdate().year, 2019, -1),
            "legend": exports.legend(),
            # What was chosen, also on paper (print hides the form).
            "period": exports.period_shown(report) if report else "",
            "cut_shown": exports.cut_shown(report) if report else [],
        },
    )


@second_factor_required
def annual_report(request: HttpRequest) -> HttpResponse:
    """The "Jaarrapport" of a chosen year, as XLSX or PDF."""
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    year = request.GET.get("jaar", "")
    kind = request.GET.get("formaat", "xlsx")
    if not (year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100) or kind not in {
        "xlsx",
        "pdf",
    }:
        return render(
            request,
            "reports/annual_error.html",
            {"message": _("Kies een jaar vanaf 2000 en een formaat (XLSX of PDF).")},
            status=400,
        )
    report = report_build(start=dt.date(int(year), 1, 1), end=dt.date(int(year), 12, 31))
    return _download(report, kind)


def _sector_form(request: HttpRequest, sector: Sector | None) -> HttpResponse:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = SectorForm(request.POST)
        if form.is_valid():
            try:
                sector_save(sector=sector, actor=request.user, **form.cleaned_data)
            except SectorRefused as refusal:
                form.add_error("name", str(refusal))
            else:
                messages.success(request, _("De lijst van sectoren is bewaard."))
                return redirect("reports:sectors")
    elif sector is not None:
        form = SectorForm(
            initial={"name": sector.name, "position": sector.position, "active": sector.active}
        )
    else:
        form = SectorForm()
    return render(
        request,
        "reports/sectors.html",
        {"form": form, "sector": sector, "sectors": Sector.objects.all()},
    )


@second_factor_required
def sector_list(request: HttpRequest) -> HttpResponse:
    """The sectors the referral form and the training registration offer; a form to add one."""
    return _sector_form(request, None)


@second_factor_required
def sector_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    return _sector_form(request, get_object_or_404(Sector, pk=pk))
