"""The rules of volunteer law at their boundaries, without a database."""

import datetime as dt
from decimal import Decimal

from eigenkracht.allowances import rules
from eigenkracht.allowances.rules import COST, DAY, FLAT, KM, REAL, Caps, Entry, Year

CAPS_2024 = Caps(2024, day_cap_cents=4148, year_cap_cents=165929)
D = dt.date(2024, 5, 6)


def flat(*entries: Entry, elsewhere: int = 0, year: int = 2024) -> Year:
    caps = Caps(year, 4148, 165929)
    return Year(year, FLAT, caps, entries, elsewhere_cents=elsewhere)


def days(count: int, cents: int = 4148) -> list[Entry]:
    start = dt.date(2024, 1, 1)
    return [Entry(DAY, start + dt.timedelta(days=i), cents) for i in range(count)]


def code(year: Year, new: Entry) -> str:
    refusal = rules.refusal(year, new)
    return refusal.code if refusal else ""


def test_a_day_at_the_day_cap_exactly_is_accepted_one_cent_more_is_not():
    assert code(flat(), Entry(DAY, D, 4148)) == ""
    assert code(flat(), Entry(DAY, D, 4149)) == "over_day_cap"


def test_two_trajectories_on_one_day_share_the_day_cap():
    year = flat(Entry(DAY, D, 2000))
    assert code(year, Entry(DAY, D, 2148)) == ""
    assert code(year, Entry(DAY, D, 2149)) == "over_day_cap"
    assert code(year, Entry(DAY, D + dt.timedelta(days=1), 4148)) == ""


def test_the_year_cap_exactly_is_accepted_one_cent_over_is_refused():
    # 40 full days = 165,920 cents; 9 cents left to the cap of 165,929.
    year = flat(*days(40))
    assert code(year, Entry(DAY, dt.date(2024, 3, 1), 9)) == ""
    assert code(year, Entry(DAY, dt.date(2024, 3, 1), 10)) == "over_year_cap"


def test_what_came_from_elsewhere_counts_toward_the_year_cap():
    year = flat(*days(30), elsewhere=165929 - 30 * 4148)
    assert year.year_room_cents() == 0
    assert code(year, Entry(DAY, dt.date(2024, 3, 1), 1)) == "over_year_cap"
    assert code(flat(*days(30), elsewhere=165929 - 30 * 4148 - 1), Entry(DAY, D, 1)) == ""


def test_income_elsewhere_that_breaks_the_cap_with_what_we_paid_is_refused():
    year = flat(*days(40))
    assert rules.elsewhere_refusal(year, 9) is None
    assert rules.elsewhere_refusal(year, 10).code == "elsewhere_over_year_cap"


def test_the_2000th_km_on_a_flat_rate_is_accepted_the_2001st_is_not():
    year = flat(Entry(KM, D, 1000, km=1999))
    assert code(year, Entry(KM, D, 43, km=1)) == ""
    assert code(year, Entry(KM, D, 86, km=2)) == "over_km_limit"


def test_kilometres_on_real_costs_have_no_yearly_limit():
    year = Year(2024, REAL, CAPS_2024, [Entry(KM, D, 100000, km=5000)])
    assert code(year, Entry(KM, D, 4269, km=100)) == ""


def test_a_new_year_starts_from_zero():
    full_2024 = flat(*days(40), Entry(KM, D, 1, km=2000))
    assert code(full_2024, Entry(DAY, dt.date(2024, 12, 31), 10)) == "over_year_cap"
    new_year = flat(year=2025)  # the entries of a year are that year's only
    assert code(new_year, Entry(DAY, dt.date(2025, 1, 1), 4148)) == ""
    assert code(new_year, Entry(KM, dt.date(2025, 1, 1), 1, km=2000)) == ""
    assert code(new_year, Entry(DAY, dt.date(2024, 12, 31), 4148)) == "other_year"


def test_one_system_a_year():
    assert code(flat(), Entry(COST, D, 1000)) == "cost_on_flat"
    real = Year(2024, REAL, CAPS_2024)
    assert code(real, Entry(DAY, D, 4148)) == "day_on_real"
    assert code(Year(2024, None, CAPS_2024), Entry(DAY, D, 4148)) == "no_system"
    assert rules.system_change_refusal(flat(Entry(DAY, D, 4148)), REAL).code == "second_system"
    assert rules.system_change_refusal(flat(), REAL) is None


def test_a_km_amount_is_rounded_half_up_to_the_cent():
    assert rules.km_amount_cents(1, Decimal("0.4269")) == 43
    assert rules.km_amount_cents(10, Decimal("0.4265")) == 427
    assert rules.km_amount_cents(2000, Decimal("0.4269")) == 85380
