"""Structured communications: generated, checked, shown, and read as banks and payers write them."""

import pytest

from eigenkracht.banking.ogm import (
    ogm_display,
    ogm_generate,
    ogm_is_valid,
    ogm_parse,
    ogm_shaped,
    ogm_windows,
)


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


@pytest.mark.parametrize(
    "written",
    [
        "+++010/8068/17183+++",
        "***010/8068/17183***",
        " +++ 010 / 8068 / 17183 +++ ",
        "010/8068/17183",
        "010 8068 17183",
        "010806817183",
    ],
)
def test_a_whole_text_that_is_one_communication_is_read_in_any_spelling(written):
    assert ogm_parse(written) == "010806817183"


@pytest.mark.parametrize(
    "written",
    [
        "+++010/8068/17180+++",  # wrong check digits
        "+++010/8068/17183***",  # mismatched wrappers
        "0108068171830",  # 13 digits
        "inschrijving +++010/8068/17183+++",  # inside longer text
        "010-8068-17183",
        "",
    ],
)
def test_anything_else_is_no_communication(written):
    assert ogm_parse(written) == ""


def test_every_twelve_digits_in_a_row_are_offered_across_what_payers_type_between_them():
    windows = list(ogm_windows("vorming Gent 010.8068.171834 en 2027"))

    assert windows == ["010806817183", "108068171834"]


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("betaling 010/8068/17180 Jan", "010/8068/17180"),  # 12 digits, check digits wrong
        ("+++010/8068/171+++ Peeters", "010/8068/171"),  # too short, but between +++
        ("factuur 2027 12345", ""),
        ("", ""),
    ],
)
def test_text_shaped_like_a_communication_is_returned_as_written(text, shaped):
    assert ogm_shaped(text) == shaped
