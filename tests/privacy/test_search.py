"""Searching everything about one person: every source, nobody else, a constant query count."""

import pytest

from eigenkracht.privacy.search import KIND_LABELS, person_search
from tests.privacy.conftest import BIRTH, EMAIL, NAME, marie_everywhere

pytestmark = pytest.mark.django_db


def test_a_search_by_email_name_and_birth_date_finds_the_person_in_every_source(marie):
    hits = person_search(email=EMAIL, name=NAME, birth_date=BIRTH)

    assert {hit.kind for hit in hits} == set(KIND_LABELS)
    assert not any("Jan" in hit.summary or "Claes" in hit.where for hit in hits)
    registration = next(hit for hit in hits if hit.kind == "registration")
    assert registration.where == "Inschrijving EKTMARIE1 voor vorming Basisvorming Gent"
    assert registration.url == f"/beheer/vormingen/inschrijvingen/{marie.registration.pk}/"
    texts = next(hit for hit in hits if hit.kind == "trajectory_text")
    assert "zorgen" in texts.summary and "notitie" in texts.summary
    assert "plan: als het anders loopt" in texts.summary


def test_names_match_whatever_the_case_and_in_either_order(marie):
    by_name = {(hit.kind, hit.object_id) for hit in person_search(name="  marie   PEETERS ")}
    reversed_order = {(hit.kind, hit.object_id) for hit in person_search(name="Peeters Marie")}

    assert ("registration", marie.registration.pk) in by_name
    assert ("registration", marie.registration.pk) in reversed_order
    # The bank wrote the name family name first.
    assert any(kind == "bank_transaction" for kind, _ in reversed_order)


def test_an_email_matches_only_the_whole_address(marie):
    assert person_search(email="peeters@example.be") == []
    assert person_search(email=EMAIL.upper())


def test_nothing_to_search_on_finds_nothing(marie):
    assert person_search() == []


def test_the_query_count_does_not_grow_with_the_hits(django_assert_max_num_queries):
    marie_everywhere()
    with django_assert_max_num_queries(25) as once:
        few_hits = len(person_search(email=EMAIL, name=NAME, birth_date=BIRTH))
    for n in (2, 3, 4):
        marie_everywhere(n)
    with django_assert_max_num_queries(len(once.captured_queries)):
        many_hits = len(person_search(email=EMAIL, name=NAME, birth_date=BIRTH))
    assert many_hits > 3 * few_hits
