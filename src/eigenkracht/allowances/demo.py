"""Demo allowances: for the demo coordinators (trajectories/demo) declarations in every state
across last year and this year, through the services: submitted, approved, returned, in a payout
file, uploaded at the bank and paid (with an outgoing transfer on a demo statement)."""

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.allowances import services
from eigenkracht.allowances.models import Declaration, KmRate, PayoutLine, YearCaps
from eigenkracht.core.pdf import Document
from eigenkracht.payments.demo_statement import demo_outgoing_transfer
from eigenkracht.payments.models import BankTransaction
from eigenkracht.trajectories.demo.cast import ELIF, LEEN, YOUSSEF
from eigenkracht.trajectories.models import Coordinator, Trajectory

IBANS = {LEEN: "BE71096123456769", YOUSSEF: "BE62510007547061", ELIF: "BE43068999999501"}


def _ensure_rates(year: int, actor: User) -> None:
    """Demo years without published values get the latest known ones, marked as to check."""
    if not YearCaps.objects.filter(year=year).exists():
        latest = YearCaps.objects.order_by("-year").first()
        services.year_caps_save(
            year=year,
            day_cap_cents=latest.day_cap_cents if latest else 4231,
            year_cap_cents=latest.year_cap_cents if latest else 169251,
            day_amount_cents=latest.day_amount_cents if latest else 4231,
            source=f"Demo: bedragen van {latest.year if latest else 2025} overgenomen;"
            " te controleren.",
            actor=actor,
        )
    latest_rate = KmRate.objects.order_by("-year", "-quarter").first()
    for quarter in range(1, 5):
        if not KmRate.objects.filter(year=year, quarter=quarter).exists():
            services.km_rate_save(
                year=year,
                quarter=quarter,
                rate=latest_rate.rate if latest_rate else Decimal("0.4265"),
                source="Demo: tarief van een vorig kwartaal overgenomen; te controleren.",
                actor=actor,
            )


def _receipt() -> bytes:
    pdf = Document(created=dt.date(2025, 1, 1))
    pdf.add_page()
    pdf.multi_cell(0, 8, "Parkeerticket P+R Gentbrugge, 6,50 EUR (demogegevens)")
    return pdf.pdf_bytes()


def _days(today: dt.date, year: int, count: int, start: int) -> list[dt.date]:
    """`count` weekdays of `year` before today, `start` weeks back."""
    day = min(today - dt.timedelta(days=1), dt.date(year, 12, 20)) - dt.timedelta(weeks=start)
    days: list[dt.date] = []
    while len(days) < count and day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=2)
    return days


@transaction.atomic
def _last_years_trajectory(coordinator: Coordinator, year: int, n: int) -> Trajectory:
    """A trajectory the coordinator did last year (closed in the autumn), so that last year's
    declarations fall within it."""
    reference = f"EK-{year}-8{n:04d}"
    existing = Trajectory.objects.filter(reference=reference).first()
    if existing is not None:
        return existing
    tz = timezone.get_current_timezone()
    referred = dt.datetime(year, 1, 8, 10, tzinfo=tz)
    trajectory = Trajectory.objects.create(
        reference=reference,
        status=Trajectory.Status.CLOSED,
        referred_at=referred,
        status_changed_at=dt.datetime(year, 11, 30, 10, tzinfo=tz),
        accepted_at=referred + dt.timedelta(days=3),
        assigned_at=referred + dt.timedelta(days=7),
        closed_at=dt.datetime(year, 11, 30, 10, tzinfo=tz),
        outcome=Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE,
        coordinator=coordinator,
        referrer_type=Trajectory.ReferrerType.PROFESSIONAL,
        referrer_name="Hanne Goossens",
        referrer_organisation="CLB Gent",
        referrer_email="hanne.goossens@example.be",
        postcode="9000",
        domains=["parenting"],
        central_question="Hoe blijft het gezin samen na de verhuis?",
        concerns="De verhuis bracht veel onrust.",
        limits="De kinderen gaan elke dag naar school.",
        consent_given=True,
        consent_on=referred.date(),
        consent_method=Trajectory.ConsentMethod.WRITTEN,
    )
    return trajectory


def demo_allowances(*, actor: User, stdout: TextIO) -> None:
    if Declaration.objects.exists():
        stdout.write("Vrijwilligersvergoedingen: bestaan al; niets veranderd.\n")
        return
    today = timezone.localdate()
    this_year, last_year = today.year, today.year - 1
    for year in (last_year, this_year):
        _ensure_rates(year, actor)
    coordinators = {
        c.user.email: c
        for c in Coordinator.objects.filter(user__email__in=list(IBANS)).select_related("user")
    }
    trajectories = {
        email: Trajectory.objects.filter(coordinator=c).order_by("referred_at").first()
        for email, c in coordinators.items()
    }
    # Last year's days belong to a trajectory of last year.
    earlier = {
        email: _last_years_trajectory(c, last_year, n)
        for n, (email, c) in enumerate(sorted(coordinators.items()))
    }
    cast = [e for e in (LEEN, YOUSSEF, ELIF) if trajectories.get(e) is not None]
    if not cast:
        stdout.write("Vrijwilligersvergoedingen: geen demo-coördinatoren met een traject.\n")
        return

    def declare(email: str, kind: str, on: dt.date, **kwargs) -> Declaration:
        coordinator = coordinators[email]
        return services.declaration_create(
            coordinator=coordinator,
            trajectory=earlier[email] if on.year == last_year else trajectories[email],
            kind=kind,
            on=on,
            actor=coordinator.user,
            **kwargs,
        )

    # Last year: flat rates and km for the first, real costs for the second; all approved.
    last: list[Declaration] = []
    for index, email in enumerate(cast[:2]):
        system = "flat" if index == 0 else "real"
        services.year_system_choose(
            coordinator=coordinators[email], year=last_year, system=system, actor=actor
        )
        coordinator = coordinators[email]
        services.payout_account_set(
            coordinator=coordinator,
            holder=coordinator.user.get_full_name(),
            iban=IBANS[email],
            actor=coordinator.user,
        )
        if system == "flat":
            last += [declare(email, "day", day) for day in _days(today, last_year, 4, 20)]
        else:
            last.append(
                declare(
                    email,
                    "cost",
                    _days(today, last_year, 1, 18)[0],
                    amount_cents=650,
                    description="Parking bij de conferentie",
                    receipt=_receipt(),
                    receipt_type="application/pdf",
                    receipt_name="parkeerticket.pdf",
                )
            )
        last.append(
            declare(
                email,
                "km",
                _days(today, last_year, 1, 16)[0],
                km=46,
                route_from="Gent",
                route_to="Aalst",
            )
        )
    for declaration in last:
        services.declaration_approve(declaration=declaration, actor=actor)
    paid_file = services.payout_make(actor=actor, execution_date=today)
    services.payout_mark_sent(payout=paid_file, actor=actor)
    _paid_on_statement(paid_file.lines.order_by("id").first(), actor=actor, today=today)

    # This year: every state for the first coordinator, real costs waiting for the second.
    first = cast[0]
    services.year_system_choose(
        coordinator=coordinators[first], year=this_year, system="flat", actor=actor
    )
    services.elsewhere_set(
        coordinator=coordinators[first],
        year=this_year,
        amount_cents=20000,
        days=5,
        actor=coordinators[first].user,
    )
    days = _days(today, this_year, 4, 1)
    made = [declare(first, "day", day) for day in days[:2]]
    for declaration in made:
        services.declaration_approve(declaration=declaration, actor=actor)
    services.payout_make(actor=actor, execution_date=today)
    if len(days) > 2:
        services.declaration_approve(declaration=declare(first, "day", days[2]), actor=actor)
    if len(days) > 3:
        services.declaration_return(
            declaration=declare(first, "day", days[3]),
            reason="Op die dag was er geen conferentie; bedoel je de dag erna? (demogegevens)",
            actor=actor,
        )
    if days:
        declare(first, "km", days[0], km=32, route_from="Gent", route_to="Eeklo")
    if len(cast) > 1:
        second = cast[1]
        services.year_system_choose(
            coordinator=coordinators[second], year=this_year, system="real", actor=actor
        )
        on = _days(today, this_year, 1, 2)
        if on:
            declare(
                second,
                "cost",
                on[0],
                amount_cents=1280,
                description="Drukwerk uitnodigingen",
                receipt=_receipt(),
                receipt_type="application/pdf",
                receipt_name="drukwerk.pdf",
            )
    if len(cast) > 2:
        services.year_system_choose(
            coordinator=coordinators[cast[2]], year=this_year, system="flat", actor=actor
        )
    stdout.write(
        f"Vrijwilligersvergoedingen: {Declaration.objects.count()} aangiften in {last_year} en"
        f" {this_year} (ingediend, goedgekeurd, teruggestuurd, in een bestand, betaald).\n"
    )


def _paid_on_statement(line: PayoutLine, *, actor: User, today: dt.date) -> None:
    """The transfer of one line as the bank reports it, recognised as the import would."""
    transfer = demo_outgoing_transfer(
        actor=actor,
        bank_id="DEMO-ALLOWANCE-1",
        day=today,
        amount_cents=line.amount_cents,
        name=line.holder,
        iban=line.iban,
        communication=line.end_to_end_id,
        result=BankTransaction.Result.IGNORED,
        rule="outgoing",
        reason_code="paid_out",
        reason_params={"payout": line.end_to_end_id},
    )
    services.payout_lines_mark_paid(paid={line.pk: 0}, actor=actor, transaction_ids=[transfer.pk])
