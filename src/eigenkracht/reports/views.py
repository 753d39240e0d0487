"""The figures page for the office, and the same figures as CSV."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.reports.figures import Figures, trajectory_figures
from eigenkracht.reports.forms import PeriodForm
from eigenkracht.trajectories.policies import can_manage_trajectories


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


def _rows(figures: Figures) -> list[tuple[str, str, str]]:
    """(group, what, value): the page's tables and the CSV come from the same rows."""
    rows = [
        (_("Aanmeldingen"), _("Aantal aanmeldingen"), str(figures.referrals)),
        (_("Aanmeldingen"), _("Niet aanvaard"), str(figures.declined)),
        (_("Verloop"), _("Aanvaard"), str(figures.accepted)),
        (_("Verloop"), _("Met een gehouden conferentie"), str(figures.reached_conference)),
        (_("Verloop"), _("Aandeel met een conferentie (%)"), _number(figures.conference_share)),
        (_("Verloop"), _("Met een aanvaard plan"), str(figures.reached_plan)),
        (_("Verloop"), _("Aandeel met een plan (%)"), _number(figures.plan_share)),
        (
            _("Verloop"),
            _("Dagen van aanmelding tot conferentie (mediaan)"),
            _number(figures.days_to_conference_median),
        ),
        (
            _("Verloop"),
            _("Aanwezigen per conferentie (gemiddeld)"),
            _number(figures.attendees_mean),
        ),
        (_("Verloop"), _("Afspraken per plan (gemiddeld)"), _number(figures.agreements_mean)),
        (
            _("Vrijwilligers"),
            _("Dagen gewerkt door de coördinatoren (goedgekeurde declaraties)"),
            _number(figures.volunteer_days_total),
        ),
        (
            _("Vrijwilligers"),
            _("Dagen per traject (gemiddeld, trajecten met gedeclareerde dagen)"),
            _number(figures.volunteer_days_mean),
        ),
    ]
    satisfaction = figures.satisfaction
    rows += [
        (
            _("Tevredenheid volgens de coördinator (schatting, 1-10, gemiddeld)"),
            label,
            _number(satisfaction.get(name)),
        )
        for name, label in (
            ("satisfaction_main_person", _("Hoofdpersonen")),
            ("satisfaction_family", _("Familie")),
            ("satisfaction_network", _("Netwerk")),
            ("satisfaction_professionals", _("Professionals")),
        )
    ]
    rows += [(_("Domein"), label, str(count)) for label, count in figures.by_domain]
    rows += [(_("Soort aanmelder"), label, str(count)) for label, count in figures.by_referrer_type]
    rows += [(_("Reden van stoppen"), label, str(count)) for label, count in figures.stopped]
    rows += [(_("Afgesloten"), label, str(count)) for label, count in figures.outcomes]
    return rows


@second_factor_required
def figures_page(request: HttpRequest) -> HttpResponse:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    chosen = "start" in request.GET or "end" in request.GET
    form = PeriodForm(request.GET if chosen else None, initial=PeriodForm.this_year())
    period = form.cleaned_data if form.is_bound and form.is_valid() else PeriodForm.this_year()
    if form.is_bound and form.errors:
        figures = None
    else:
        figures = trajectory_figures(start=period["start"], end=period["end"])
    if figures is not None and request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="cijfers-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.csv"'
        )
        response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
        writer = csv.writer(response, delimiter=";")
        writer.writerow([_("Groep"), _("Wat"), _("Waarde")])
        writer.writerows(_rows(figures))
        return response
    groups: dict[str, list[tuple[str, str]]] = {}
    for group, what, value in _rows(figures) if figures else []:
        groups.setdefault(group, []).append((what, value))
    return render(
        request,
        "reports/figures.html",
        {"form": form, "figures": figures, "groups": groups, "query": request.GET.urlencode()},
    )
