import pytest
from django.core.exceptions import ValidationError

from eigenkracht.core.phone import phone_display, phone_validate


def test_a_belgian_number_is_shown_the_way_it_is_written_here():
    assert phone_display("+32470123456") == "0470 12 34 56"
    assert phone_display("+3292234455") == "09 223 44 55"


def test_a_foreign_number_is_shown_in_its_international_form():
    assert phone_display("+31201234567") == "+31 20 123 4567"


def test_what_is_not_a_number_is_shown_as_stored():
    assert phone_display("") == ""
    assert phone_display("12") == "12"


def test_the_model_refuses_a_number_that_cannot_be_dialled():
    phone_validate("")
    phone_validate("+32470123456")
    with pytest.raises(ValidationError) as refused:
        phone_validate("12")
    assert "0470 12 34 56" in str(refused.value.messages[0])


def test_the_numbers_the_message_gives_as_examples_are_accepted():
    from eigenkracht.core.phone import INVALID

    examples = str(INVALID).split("zoals ")[1].rstrip(".").split(" of ")
    assert examples == ["0470 12 34 56", "+32 9 234 56 78"]
    for example in examples:
        phone_validate(example)
