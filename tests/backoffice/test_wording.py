"""An audit entry's data reads as Dutch: labelled keys, status labels, euros, dates, names."""

import re
from pathlib import Path

import pytest

from eigenkracht.backoffice.wording import PAGE_PREFIXES, VALUE_LABELS, entry_data, related_objects
from tests.factories import RegistrationFactory


def test_a_status_change_shows_the_statuses_labels():
    data = entry_data("trainings.registration", {"from": "pending", "to": "cancelled"})
    assert data == [("Van", "Wacht op betaling"), ("Naar", "Geannuleerd")]


def test_amounts_dates_flags_and_changed_fields_read_as_words():
    data = dict(
        entry_data(
            "trainings.registration",
            {
                "amount_cents": 4000,
                "paid_on": "2026-03-02",
                "confirmed": True,
                "fields": ["first_name", "email"],
            },
        )
    )
    assert data == {
        "Bedrag": "€ 40,00",
        "Betaald op": "ma 2 maart 2026",
        "Bevestigd": "ja",
        "Gewijzigde gegevens": "voornaam, e-mailadres",
    }


def test_a_listed_page_and_who_cancelled_read_as_words_not_codes():
    listed = entry_data("trajectories.trajectory", {"page": "search", "ids": ["3", "4"]})
    assert listed == [("Pagina", "zoeken"), ("Nummers", "3; 4")]
    assert entry_data("trajectories.trajectory", {"page": "list"}) == [
        ("Pagina", "de lijst van trajecten")
    ]
    assert entry_data("trainings.registration", {"by": "registrant"}) == [
        ("Door", "de deelnemer zelf")
    ]


def test_every_page_the_code_records_reads_as_words():
    source = Path(__file__).resolve().parents[2] / "src" / "eigenkracht"
    pages, prefixes = set(), set()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        pages |= set(re.findall(r'page="([a-z_]+)"', text))
        pages |= set(re.findall(r'_load\(request, pk, "([a-z_]+)"\)', text))
        prefixes |= set(re.findall(r'page=f"([a-z_-]+):', text))
    pages |= {f"invoice_{extension}" for extension in ("pdf", "xml")}
    assert pages - set(VALUE_LABELS["page"]) == set()
    assert prefixes - set(PAGE_PREFIXES) == set()
    assert entry_data("trajectories.trajectory", {"page": "network_member_edit"}) == [
        ("Pagina", "het netwerk: iemand wijzigen")
    ]
    preview = entry_data("trainings.registration", {"page": "mail_template_preview:certificate:en"})
    assert preview == [("Pagina", "voorbeeld van een mailtekst: Attest van deelname (Engels)")]


def test_an_edit_shows_old_and_new_by_the_fields_name():
    data = entry_data("payments.refund", {"payee_iban": {"old": "", "new": "BE68539007547034"}})
    assert data == [("IBAN", "Oud: -; Nieuw: BE68539007547034")]


@pytest.mark.django_db
def test_objects_are_named_and_linked_in_one_query_per_kind(django_assert_num_queries):
    first, second = RegistrationFactory(), RegistrationFactory()
    refs = [("trainings.registration", str(r.pk)) for r in (first, second)]

    with django_assert_num_queries(1):
        named = related_objects([*refs, ("trainings.registration", "999999")])

    assert named[refs[0]].name == f"{first.code} Marie {first.last_name}"
    assert named[refs[0]].url == f"/beheer/vormingen/inschrijvingen/{first.pk}/"
    assert named[("trainings.registration", "999999")].name == "#999999"  # gone: its number
