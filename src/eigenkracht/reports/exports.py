"""Everything that leaves the office, suppressed (reports/suppression.py): the CSV and JSON of
the page, and the annual report as XLSX and PDF. openpyxl and fpdf2 are imported inside their
functions: commands must not load them at start-up."""

import csv
import io
import re
from typing import Any

from django.utils.translation import gettext as _

from eigenkracht.reports.report import Report
from eigenkracht.reports.suppression import PRIMARY, SECONDARY, Shown
from eigenkracht.reports.tables import Grid, grid, linked_grids


def grids(report: Report, *, suppressed: bool) -> list[Grid]:
    if suppressed:
        return linked_grids(report.tables, total_label=_("Totaal"))
    return [grid(t, suppressed=False, total_label=_("Totaal")) for t in report.tables]


def shown(value: Shown) -> str:
    """A cell as text in Dutch: 12, 8,5, "<5", "x", or "" for nothing to show."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def legend() -> str:
    return _(
        "“%(primary)s”: minder dan 5, verborgen. “%(secondary)s”: verborgen zodat een kleine "
        "cel niet uit de totalen terug te rekenen is."
    ) % {"primary": PRIMARY, "secondary": SECONDARY}


def period_shown(report: Report) -> str:
    return f"{report.start:%d/%m/%Y} - {report.end:%d/%m/%Y}"


def cut_shown(report: Report) -> list[tuple[str, str]]:
    """The filters the figures were cut by, in words: a download must say it is not the whole."""
    from eigenkracht.core.models import Sector
    from eigenkracht.reports.figures import UNKNOWN
    from eigenkracht.trajectories.models import Domain
    from eigenkracht.trajectories.regions import PROVINCES

    cut = report.cut
    shown_cut: list[tuple[str, str]] = []
    if cut.province is not None:
        shown_cut.append((_("Provincie"), str(PROVINCES.get(cut.province, cut.province))))
    if cut.postcode is not None:
        shown_cut.append((_("Postcode"), cut.postcode))
    if cut.sector is not None:
        name = (
            _("Onbekend")
            if cut.sector == UNKNOWN
            else Sector.objects.filter(pk=cut.sector).values_list("name", flat=True).first()
        )
        shown_cut.append((_("Sector van de aanmelder"), str(name or cut.sector)))
    if cut.minors is not None:
        shown_cut.append(
            (_("Minderjarigen betrokken"), _("Ja") if cut.minors else _("Nee of niet bekend"))
        )
    if cut.domain is not None:
        shown_cut.append((_("Levensdomein"), str(Domain(cut.domain).label)))
    return shown_cut


def report_csv(report: Report) -> str:
    """One block per table: its title, its header, its rows; a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Cijfers over de EK-trajecten"), period_shown(report)])
    for label, value in cut_shown(report):
        writer.writerow([_("Alleen: %(filter)s") % {"filter": label}, value])
    writer.writerow([legend()])
    for table in grids(report, suppressed=True):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.header)
        for label, cells in table.rows:
            writer.writerow([label, *(shown(cell) for cell in cells)])
    return out.getvalue()


def report_json(report: Report) -> dict[str, Any]:
    """The page's figures, suppressed: a hidden cell is the string "<5" (or "x")."""
    return {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "previous_start": report.previous_start.isoformat(),
        "previous_end": report.previous_end.isoformat(),
        "cut": {name: value for name, value in vars(report.cut).items() if value is not None},
        "cut_shown": [{"label": label, "value": value} for label, value in cut_shown(report)],
        "legend": legend(),
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "header": list(table.header),
                "rows": [{"label": label, "cells": list(cells)} for label, cells in table.rows],
                "note": table.note,
            }
            for table in grids(report, suppressed=True)
        ],
    }


def report_xlsx(report: Report) -> bytes:
    """The annual report as a workbook: an overview sheet, then one sheet per table, each with
    a bar chart where the page draws one. Suppressed cells are text, so no chart draws them."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    overview = book.active
    overview.title = _("Overzicht")[:31]
    overview.append([_("Jaarrapport Eigen Kracht-conferenties")])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([_("Periode"), period_shown(report)])
    overview.append([legend()])
    overview.append([])
    overview.append([_("Blad"), _("Tabel")])
    for number, table in enumerate(grids(report, suppressed=True), start=1):
        name = _sheet_name(number, table.title)
        overview.append([name, table.title])
        sheet = book.create_sheet(name)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(table.header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for label, cells in table.rows:
            sheet.append([label, *("" if cell is None else cell for cell in cells)])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(table.header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        body = len(table.rows) - table.total_rows
        if table.chart and body:
            chart = BarChart()
            chart.type = "bar"
            chart.title = table.title
            chart.add_data(
                Reference(sheet, min_col=2, max_col=2, min_row=2, max_row=2 + body),
                titles_from_data=True,
            )
            chart.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=2 + body))
            sheet.add_chart(chart, f"{get_column_letter(len(table.header) + 2)}2")
    overview.column_dimensions["A"].width = 24
    overview.column_dimensions["B"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(number: int, title: str) -> str:
    """At most 31 characters, without []:*?/\\ (Excel's rule), cut after a whole word."""
    name = re.sub(r"[\[\]:*?/\\]", "", f"{number:02d} {title}")
    return name if len(name) <= 31 else name[:32].rsplit(" ", 1)[0]


def report_pdf(report: Report) -> bytes:
    """The annual report to print: every table, and bars drawn with fpdf2's shapes beside the
    tables the page charts (suppressed cells get no bar)."""
    from eigenkracht.core.pdf import FONT, Document

    pdf = Document(created=report.end)
    pdf.set_title(f"{_('Jaarrapport Eigen Kracht-conferenties')} {period_shown(report)}")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, _("Jaarrapport Eigen Kracht-conferenties"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 6, period_shown(report), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, legend(), new_x="LMARGIN", new_y="NEXT")
    for table in grids(report, suppressed=True):
        _pdf_table(pdf, table, FONT)
    return pdf.pdf_bytes()


def _pdf_table(pdf: Any, table: Grid, font: str) -> None:
    width = pdf.epw
    columns = len(table.header) - 1
    first = min(80.0, width - 18.0 * columns)
    other = (width - first) / max(columns, 1)
    needed = 14 + 6 * (len(table.rows) + 1) + (6 * len(table.rows) if table.chart else 0)
    if pdf.get_y() + min(needed, 120) > pdf.h - 15:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(font, "B", 11)
    pdf.multi_cell(0, 6, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "B", 8)
    for index, heading in enumerate(table.header):
        pdf.cell(first if index == 0 else other, 6, _fit(heading, 60), border="B")
    pdf.ln()
    pdf.set_font(font, "", 8)
    for label, cells in table.rows:
        pdf.cell(first, 5, _fit(label, 55))
        for cell in cells:
            pdf.cell(other, 5, shown(cell), align="R")
        pdf.ln()
    if table.note:
        pdf.set_font(font, "", 7)
        pdf.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")
    body = table.rows[: len(table.rows) - table.total_rows]
    values = [cells[0] for _label, cells in body]
    numbers = [v for v in values if isinstance(v, int | float)]
    if table.chart and numbers:
        top = max(numbers) or 1
        pdf.ln(2)
        pdf.set_fill_color(107, 44, 145)
        pdf.set_font(font, "", 7)
        for (label, _cells), value in zip(body, values, strict=True):
            y = pdf.get_y()
            pdf.cell(first, 5, _fit(label, 55))
            if isinstance(value, int | float) and value > 0:
                pdf.rect(pdf.l_margin + first, y + 1, (width - first - 15) * value / top, 3, "F")
            pdf.ln()


def _fit(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
