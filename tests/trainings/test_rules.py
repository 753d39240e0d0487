import datetime as dt

from eigenkracht.trainings.rules import payment_deadline, seats_left


def test_deadline_is_registration_date_plus_term():
    assert payment_deadline(
        registered_on=dt.date(2027, 1, 4), term_days=14, first_session=dt.date(2027, 3, 1)
    ) == dt.date(2027, 1, 18)


def test_deadline_is_never_after_the_day_before_the_first_session():
    assert payment_deadline(
        registered_on=dt.date(2027, 2, 20), term_days=14, first_session=dt.date(2027, 3, 1)
    ) == dt.date(2027, 2, 28)


def test_registering_on_the_eve_still_leaves_that_day_to_pay():
    assert payment_deadline(
        registered_on=dt.date(2027, 2, 28), term_days=14, first_session=dt.date(2027, 3, 1)
    ) == dt.date(2027, 2, 28)


def test_seats_left_never_goes_negative():
    assert seats_left(capacity=10, seats_taken=4) == 6
    assert seats_left(capacity=10, seats_taken=12) == 0
