"""The nominative list per calendar year (PDF, XLSX) and a coordinator's own yearly overview."""

from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.allowances.models import System, YearCaps
from eigenkracht.allowances.selectors import CoordinatorYear
from eigenkracht.banking.money import euro
from eigenkracht.trainings.exports.builders import Money, Section, write_xlsx


def _system_label(code: str) -> str:
    return str(System(code).label) if code in System.values else _("niet gekozen")


def _caps_line(year: int, caps: YearCaps | None) -> str:
    if caps is None:
        return _("Maximumbedragen voor %(year)s: nog niet ingevuld.") % {"year": year}
    return _("Maximum %(day)s per dag en %(year_cap)s per jaar (%(year)s).") % {
        "day": euro(caps.day_cap_cents),
        "year_cap": euro(caps.year_cap_cents),
        "year": year,
    }


def _pdf(title: str, year: int, caps: YearCaps | None, lines: list[CoordinatorYear]) -> bytes:
    # Loaded when used: fpdf2 costs 0.25 s, and reversing a URL imports every view.
    from eigenkracht.core.pdf import FONT, Document

    pdf = Document(created=timezone.localdate())
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 6, _caps_line(year, caps), new_x="LMARGIN", new_y="NEXT")
    for line in lines:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 11)
        name = line.coordinator.user.get_full_name() or str(line.coordinator)
        pdf.multi_cell(
            0, 7, f"{name} · {_system_label(line.system)}", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font(FONT, "", 10)
        for on, reference, cents in line.days:
            pdf.cell(35, 6, on.strftime("%d/%m/%Y"))
            pdf.cell(60, 6, reference)
            pdf.cell(30, 6, euro(cents), align="R", new_x="LMARGIN", new_y="NEXT")
        for on, route, km, cents in line.trips:
            pdf.cell(35, 6, on.strftime("%d/%m/%Y"))
            pdf.cell(60, 6, route[:40])
            pdf.cell(30, 6, euro(cents), align="R")
            pdf.cell(20, 6, f"{km} km", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 10)
        totals = _(
            "%(days)s dagen, forfait %(flat)s · %(km)s km, %(km_cents)s · reële kosten %(real)s"
            " · uitbetaald %(paid)s"
        ) % {
            "days": len(line.days),
            "flat": euro(line.flat_cents),
            "km": line.km,
            "km_cents": euro(line.km_cents),
            "real": euro(line.real_cents),
            "paid": euro(line.paid_cents),
        }
        pdf.multi_cell(0, 6, totals, new_x="LMARGIN", new_y="NEXT")
        if line.elsewhere_cents or line.elsewhere_days:
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(
                0,
                6,
                _("Aangegeven van andere organisaties: %(amount)s, %(days)s dagen.")
                % {"amount": euro(line.elsewhere_cents), "days": line.elsewhere_days},
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return pdf.pdf_bytes()


def nominative_pdf(year: int, caps: YearCaps | None, lines: list[CoordinatorYear]) -> bytes:
    return _pdf(
        _("Nominatieve lijst vrijwilligersvergoedingen %(year)s") % {"year": year},
        year,
        caps,
        lines,
    )


def own_overview_pdf(year: int, caps: YearCaps | None, line: CoordinatorYear) -> bytes:
    return _pdf(
        _("Jaaroverzicht vrijwilligersvergoeding %(year)s") % {"year": year}, year, caps, [line]
    )


def nominative_xlsx(year: int, caps: YearCaps | None, lines: list[CoordinatorYear]) -> bytes:
    days = Section(
        title=_("Dagen %(year)s") % {"year": year},
        headers=[_("Vrijwilliger"), _("Systeem"), _("Datum"), _("Traject"), _("Bedrag")],
    )
    totals = Section(
        title=_("Totalen %(year)s") % {"year": year},
        headers=[
            _("Vrijwilliger"),
            _("Systeem"),
            _("Dagen"),
            _("Forfait"),
            _("Kilometer"),
            _("Kilometervergoeding"),
            _("Reële kosten"),
            _("Uitbetaald"),
            _("Van elders"),
            _("Dagen elders"),
        ],
    )
    for line in lines:
        name = line.coordinator.user.get_full_name() or str(line.coordinator)
        system = _system_label(line.system)
        for on, reference, cents in line.days:
            days.rows.append([name, system, on, reference, Money(cents)])
        totals.rows.append(
            [
                name,
                system,
                len(line.days),
                Money(line.flat_cents),
                line.km,
                Money(line.km_cents),
                Money(line.real_cents),
                Money(line.paid_cents),
                Money(line.elsewhere_cents),
                line.elsewhere_days,
            ]
        )
    if caps is not None:
        totals.totals.append([_("Maximum per dag"), None, None, Money(caps.day_cap_cents)])
        totals.totals.append([_("Maximum per jaar"), None, None, Money(caps.year_cap_cents)])
    return write_xlsx([days, totals])
