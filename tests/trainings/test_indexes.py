"""The registrations table keeps only the indexes its queries read.

Booking a statement updates thousands of registrations in one statement, and every index is
written for every row it changes: an index that comes back unnoticed (a `unique=True` or
`db_index=True` on a CharField brings a second, varchar_pattern_ops copy on PostgreSQL) makes
every import slower. The queries each index serves are named in `trainings/models.py`.
"""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the indexes Django adds there (and not on SQLite) are the point",
    ),
]

HOT_TABLES = [
    "trainings_registration",
    "trainings_participant",
    "payments_banktransaction",
    "payments_payment",
    "core_outboxmessage",
    "core_auditentry",
    "trajectories_trajectory",
    "trajectories_trajectoryevent",
]


def _indexes(table: str) -> dict[str, str]:
    """Each index of `table`: its name and what it holds (the definition after USING)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s",
            [table],
        )
        return {name: definition.split(" USING ", 1)[1] for name, definition in cursor.fetchall()}


def test_the_registrations_table_has_exactly_the_indexes_its_queries_read():
    assert _indexes("trainings_registration") == {
        "trainings_registration_pkey": "btree (id)",
        "registration_code_unique": "btree (code)",
        "registration_token_unique": "btree (token)",
        "registration_ogm_unique": "btree (structured_communication)",
        "trainings_r_trainin_37842e_idx": "btree (training_id, status)",
        "registration_open": (
            "btree (status, payment_deadline) WHERE ((status)::text = ANY "
            "((ARRAY['pending'::character varying, 'waiting'::character varying])::text[]))"
        ),
        "trainings_registration_created_at_ff4a8e18": "btree (created_at)",
        "trainings_registration_updated_at_a6730e37": "btree (updated_at)",
        # The staff search by name and e-mail (backoffice/search.py): icontains reads them.
        "registration_first_name_trgm": "gin (upper((first_name)::text) gin_trgm_ops)",
        "registration_last_name_trgm": "gin (upper((last_name)::text) gin_trgm_ops)",
        "registration_email_trgm": "gin (upper((email)::text) gin_trgm_ops)",
    }


def test_no_hot_table_has_a_pattern_copy_of_an_index():
    # A LIKE 'abc%' search is the only reader of such a copy, and none of these tables has one.
    copies = [
        name
        for table in HOT_TABLES
        for name, definition in _indexes(table).items()
        if "pattern_ops" in definition
    ]
    assert copies == []
