"""Declaring, deciding and paying, through the services: what the coordinator and office notice."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from eigenkracht.allowances import selectors, services
from eigenkracht.allowances.forms import DayForm
from eigenkracht.allowances.models import Declaration, Elsewhere
from eigenkracht.core.models import AuditEntry, Organisation, OutboxMessage
from eigenkracht.payments.bookkeeping.builders import Period, period_files
from eigenkracht.reports.figures import trajectory_figures
from eigenkracht.trajectories.models import PastAssignment
from tests.allowances.conftest import DAY, EARLY, YEAR
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def declare_day(coordinator, trajectory, on=DAY):
    return services.declaration_create(
        coordinator=coordinator, trajectory=trajectory, kind="day", on=on, actor=coordinator.user
    )


def test_a_day_is_paid_at_the_years_day_amount_and_audited(coordinator, trajectory, flat):
    declaration = declare_day(coordinator, trajectory)

    assert declaration.amount_cents == 4231
    assert declaration.status == Declaration.Status.SUBMITTED
    assert AuditEntry.objects.filter(action="declaration.created").count() == 1


def test_a_second_day_on_the_same_date_is_over_the_day_cap(coordinator, trajectory, flat):
    other = TrajectoryFactory(coordinator=coordinator, referred_at=EARLY)
    declare_day(coordinator, trajectory)

    with pytest.raises(services.AllowanceRefused, match="maximum van € 42,31 per dag"):
        declare_day(coordinator, other)
    assert Declaration.objects.count() == 1


def test_the_year_cap_counts_what_the_coordinator_receives_elsewhere(coordinator, trajectory, flat):
    services.elsewhere_set(
        coordinator=coordinator,
        year=YEAR,
        amount_cents=169251 - 4231,
        days=39,
        actor=coordinator.user,
    )
    declare_day(coordinator, trajectory)  # exactly the cap

    with pytest.raises(services.AllowanceRefused, match="jaarmaximum"):
        declare_day(coordinator, trajectory, on=DAY + dt.timedelta(days=1))


def test_kilometres_use_the_quarters_rate_and_stop_at_2000_on_a_flat_rate(
    coordinator, trajectory, flat
):
    first = services.declaration_create(
        coordinator=coordinator,
        trajectory=trajectory,
        kind="km",
        on=DAY,
        km=1999,
        route_from="Gent",
        route_to="Aalst",
        actor=coordinator.user,
    )
    assert first.amount_cents == 85257  # 1999 x 0,4265 = 852,5735
    services.declaration_create(
        coordinator=coordinator,
        trajectory=trajectory,
        kind="km",
        on=DAY,
        km=1,
        actor=coordinator.user,
    )
    with pytest.raises(services.AllowanceRefused, match="2000 km"):
        services.declaration_create(
            coordinator=coordinator,
            trajectory=trajectory,
            kind="km",
            on=DAY,
            km=1,
            actor=coordinator.user,
        )


def test_a_quarter_without_a_km_rate_is_explained(coordinator, trajectory, flat):
    with pytest.raises(services.AllowanceRefused, match="kilometervergoeding"):
        services.declaration_create(
            coordinator=coordinator,
            trajectory=trajectory,
            kind="km",
            on=dt.date(2025, 5, 2),
            km=10,
            actor=coordinator.user,
        )


def test_a_flat_day_on_real_costs_and_a_cost_on_a_flat_rate_are_refused(
    coordinator, trajectory, real
):
    with pytest.raises(services.AllowanceRefused, match="reële kosten"):
        declare_day(coordinator, trajectory)
    services.year_system_choose(
        coordinator=coordinator, year=YEAR, system="flat", actor=coordinator.user
    )  # nothing declared yet: the office may still change its mind
    with pytest.raises(services.AllowanceRefused, match="forfaitaire vergoeding"):
        services.declaration_create(
            coordinator=coordinator,
            trajectory=trajectory,
            kind="cost",
            on=DAY,
            amount_cents=1200,
            receipt=b"%PDF-1.4",
            receipt_type="application/pdf",
            actor=coordinator.user,
        )


def test_a_second_system_in_a_year_with_declarations_is_refused(
    coordinator, trajectory, flat, office_user
):
    declare_day(coordinator, trajectory)

    with pytest.raises(services.AllowanceRefused, match="één systeem"):
        services.year_system_choose(
            coordinator=coordinator, year=YEAR, system="real", actor=office_user
        )


def test_nothing_can_be_declared_before_the_office_chose_a_system(coordinator, trajectory, caps):
    with pytest.raises(services.AllowanceRefused, match="nog geen vergoedingssysteem"):
        declare_day(coordinator, trajectory)


def test_a_returned_declaration_mails_the_reason_and_no_longer_counts(
    coordinator, trajectory, flat, office_user, django_capture_on_commit_callbacks
):
    declaration = declare_day(coordinator, trajectory)

    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_return(
            declaration=declaration, reason="Dubbel ingegeven", actor=office_user
        )

    assert mail.outbox[-1].to == [coordinator.user.email]
    assert "Dubbel ingegeven" in mail.outbox[-1].body
    assert declare_day(coordinator, trajectory).amount_cents == 4231  # the day is free again
    with pytest.raises(services.AllowanceRefused, match="al teruggestuurd"):
        services.declaration_approve(declaration=declaration, actor=office_user)


def test_volunteer_days_count_approved_days_per_trajectory(
    coordinator, trajectory, flat, office_user
):
    other = TrajectoryFactory(coordinator=coordinator, referred_at=EARLY)
    for offset in range(3):
        d = declare_day(coordinator, trajectory, on=DAY + dt.timedelta(days=offset))
        if offset < 2:
            services.declaration_approve(declaration=d, actor=office_user)
    declare_day(coordinator, other, on=DAY + dt.timedelta(days=5))

    assert selectors.volunteer_days(trajectory_ids=[trajectory.pk, other.pk]) == {trajectory.pk: 2}


def test_elsewhere_is_kept_per_year(coordinator, flat):
    services.elsewhere_set(
        coordinator=coordinator, year=YEAR, amount_cents=5000, days=2, actor=coordinator.user
    )
    services.elsewhere_set(
        coordinator=coordinator, year=YEAR, amount_cents=6000, days=3, actor=coordinator.user
    )
    assert Elsewhere.objects.get(coordinator=coordinator, year=YEAR).amount_cents == 6000


def test_approved_days_count_as_volunteer_days_on_the_figures(
    coordinator, trajectory, flat, office_user
):
    for day in (10, 11, 12):
        declaration = services.declaration_create(
            coordinator=coordinator, trajectory=trajectory, kind="day",
            on=dt.date(2025, 3, day), actor=coordinator.user,
        )  # fmt: skip
        if day != 12:
            services.declaration_approve(declaration=declaration, actor=office_user)
    start = timezone.localdate(trajectory.referred_at)

    figures = trajectory_figures(start=start, end=start)

    assert figures.volunteer_days_total == 2  # the third is not approved yet
    assert figures.volunteer_days_mean == 2


def test_a_day_before_the_trajectory_was_assigned_is_refused(coordinator, flat):
    assigned = dt.datetime(YEAR, 3, 1, 9, tzinfo=dt.UTC)
    trajectory = TrajectoryFactory(coordinator=coordinator, referred_at=assigned,
                                   assigned_at=assigned)  # fmt: skip

    with pytest.raises(services.AllowanceRefused, match="toegewezen op 01/03/2025"):
        declare_day(coordinator, trajectory, on=dt.date(YEAR, 2, 28))
    assert declare_day(coordinator, trajectory, on=dt.date(YEAR, 3, 1)).pk


def test_a_coordinator_who_handed_the_trajectory_over_declares_the_days_up_to_then(
    coordinator, flat
):
    trajectory = TrajectoryFactory(coordinator=CoordinatorFactory(), referred_at=EARLY)
    PastAssignment.objects.create(
        trajectory=trajectory,
        coordinator=coordinator,
        from_on=dt.date(YEAR, 1, 6),
        until_on=dt.date(YEAR, 3, 10),
    )

    assert declare_day(coordinator, trajectory, on=dt.date(YEAR, 3, 10)).pk
    with pytest.raises(services.AllowanceRefused, match="tot 10/03/2025; daarna nam een andere"):
        declare_day(coordinator, trajectory, on=dt.date(YEAR, 3, 11))
    with pytest.raises(services.AllowanceRefused, match="niet aan jou toegewezen"):
        declare_day(CoordinatorFactory(), trajectory, on=dt.date(YEAR, 3, 1))
    form = DayForm(coordinator=coordinator)
    assert list(form.fields["trajectory"].queryset) == [trajectory]


def test_the_office_is_told_when_a_coordinator_changes_their_iban(coordinator):
    services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                iban="BE68539007547034")  # fmt: skip
    assert not OutboxMessage.objects.filter(kind="payout_account_changed").exists()

    services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                iban="BE71096123456769")  # fmt: skip

    notice = OutboxMessage.objects.get(kind="payout_account_changed")
    assert notice.recipient == Organisation.current().email
    assert "BE71 0961 2345 6769" in notice.body_text
    assert "nog niet opgeladen" not in notice.body_text


def test_a_file_made_before_the_iban_changed_is_named_in_the_office_s_mail(
    coordinator, trajectory, flat, office_user
):
    services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                iban="BE68539007547034")  # fmt: skip
    day = declare_day(coordinator, trajectory)
    services.declaration_approve(declaration=day, actor=office_user)
    payout = services.payout_make(actor=office_user, execution_date=dt.date.today())

    services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                iban="BE71096123456769")  # fmt: skip

    notice = OutboxMessage.objects.get(kind="payout_account_changed")
    assert (
        f"Het bestand {payout.filename} is al gemaakt en nog niet opgeladen: het betaalt nog op "
        "de vorige rekening, BE68 5390 0754 7034."
    ) in notice.body_text


def test_a_day_over_the_years_corrected_maximum_is_not_approved(
    coordinator, trajectory, flat, caps, office_user
):
    declaration = declare_day(coordinator, trajectory)  # € 42,31, the amount of the day
    caps.day_cap_cents = caps.day_amount_cents = 4000  # corrected by the office afterwards
    caps.save()

    with pytest.raises(services.AllowanceRefused, match="past niet meer binnen de regels"):
        services.declaration_approve(declaration=declaration, actor=office_user)

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED
    caps.day_cap_cents = caps.day_amount_cents = 4231
    caps.save()
    services.declaration_approve(declaration=declaration, actor=office_user)
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.APPROVED


def test_a_payout_file_goes_into_the_accounting_s_zip_until_it_is_withdrawn(
    coordinator, trajectory, flat, office_user
):
    services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                iban="BE68539007547034")  # fmt: skip
    day = declare_day(coordinator, trajectory)
    services.declaration_approve(declaration=day, actor=office_user)
    payout = services.payout_make(actor=office_user, execution_date=dt.date.today())
    today = timezone.localdate()

    files = dict(period_files(Period(today, today)))

    assert files[f"sepa/{payout.filename}"] == bytes(payout.content)
    services.payout_withdraw(payout=payout, actor=office_user)
    assert f"sepa/{payout.filename}" not in dict(period_files(Period(today, today)))


def test_the_service_itself_refuses_an_account_outside_the_sepa_zone(coordinator):
    with pytest.raises(services.AllowanceRefused, match="buiten de SEPA-zone"):
        services.payout_account_set(coordinator=coordinator, holder="Leen", actor=coordinator.user,
                                    iban="BR1800360305000010009795493C1")  # fmt: skip
