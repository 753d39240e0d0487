"""`core.bulk`: many rows in a constant number of statements, with their keys when asked."""

import pytest
from django.db import IntegrityError, connection, transaction

from eigenkracht.core.bulk import JsonText, bulk_insert, pg_array
from eigenkracht.core.models import AuditEntry

pytestmark = pytest.mark.django_db

AWKWARD = ["plain", 'with "quotes"', "back\\slash", "comma, and {braces}", "", "NULL", "é ü"]


def _entry(n: int) -> dict:
    return {
        "actor_id": None,
        "action": "registration.paid_by_bank",
        "object_type": "trainings.registration",
        "object_id": str(n),
        "object_repr": AWKWARD[n % len(AWKWARD)],
        "data": {"n": n, "text": AWKWARD[n % len(AWKWARD)]},
        "ip_address": None,
    }


def test_bulk_insert_returns_the_new_keys_in_the_order_of_the_rows():
    ids = bulk_insert(AuditEntry, (_entry(n) for n in range(7)), count=7)

    stored = dict(AuditEntry.objects.values_list("pk", "object_id"))
    assert [stored[pk] for pk in ids] == [str(n) for n in range(7)]
    assert AuditEntry.objects.get(pk=ids[3]).data == {"n": 3, "text": AWKWARD[3]}
    assert bulk_insert(AuditEntry, [], count=0) == []


def test_json_the_caller_holds_as_text_is_stored_as_that_json():
    text = JsonText('{"evidence":[["name","Zoë"]],"amount":2000}')

    (pk,) = bulk_insert(AuditEntry, [{**_entry(1), "data": text}], count=1)

    assert AuditEntry.objects.get(pk=pk).data == {"evidence": [["name", "Zoë"]], "amount": 2000}


def test_bulk_insert_refuses_a_count_that_does_not_hold():
    with pytest.raises(ValueError):
        bulk_insert(AuditEntry, (_entry(n) for n in range(3)), count=4)


def test_a_row_the_database_refuses_raises_djangos_error_and_writes_nothing():
    rows = [_entry(1), {**_entry(2), "action": None}]

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(AuditEntry, rows, count=2)

    assert not AuditEntry.objects.exists()


def test_any_of_finds_numbers_and_any_text():
    ids = bulk_insert(AuditEntry, (_entry(n) for n in range(7)), count=7)

    by_id = AuditEntry.objects.filter(pk__any_of=ids[2:5]).values_list("object_id", flat=True)
    by_text = AuditEntry.objects.filter(object_repr__any_of=AWKWARD[1:4])
    assert sorted(by_id) == ["2", "3", "4"]
    assert sorted(e.object_repr for e in by_text) == sorted(AWKWARD[1:4])
    assert not AuditEntry.objects.filter(pk__any_of=[]).exists()
    assert not AuditEntry.objects.filter(object_repr__any_of=[]).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's array literal")
def test_pg_array_reads_back_as_the_values():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::text[], %s::bigint[], %s::boolean[]",
            [pg_array([*AWKWARD, None]), pg_array([1, -2, 3_000_000_000]), pg_array([True, False])],
        )
        assert cursor.fetchone() == ([*AWKWARD, None], [1, -2, 3_000_000_000], [True, False])
