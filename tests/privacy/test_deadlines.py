import datetime as dt

from eigenkracht.privacy.deadlines import add_months, latest_extension, legal_deadline


def test_the_deadline_is_the_same_day_next_month():
    assert legal_deadline(dt.date(2026, 3, 14)) == dt.date(2026, 4, 14)


def test_a_day_the_next_month_lacks_becomes_its_last_day():
    assert legal_deadline(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert legal_deadline(dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert legal_deadline(dt.date(2026, 3, 31)) == dt.date(2026, 4, 30)


def test_december_runs_into_the_next_year():
    assert legal_deadline(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_an_extension_goes_at_most_two_months_beyond_the_deadline():
    assert latest_extension(dt.date(2026, 1, 31)) == dt.date(2026, 4, 30)
