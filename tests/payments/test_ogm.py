import pytest

from eigenkracht.payments.ogm import ogm_display, ogm_generate, ogm_is_valid


@pytest.mark.parametrize("value", ["+++010/8068/17183+++", "000/0000/09797", "010806817183"])
def test_the_examples_from_the_payment_facts_are_valid(value):
    assert ogm_is_valid(value)


def test_a_wrong_check_digit_is_refused():
    assert not ogm_is_valid("010/8068/17180")


def test_remainder_zero_gives_check_digits_97():
    assert ogm_is_valid("000000009797")


def test_generated_communications_are_valid_and_differ():
    generated = {ogm_generate() for _ in range(500)}
    assert len(generated) == 500
    assert all(len(value) == 12 and ogm_is_valid(value) for value in generated)


def test_shown_the_belgian_way():
    assert ogm_display("010806817183") == "+++010/8068/17183+++"
