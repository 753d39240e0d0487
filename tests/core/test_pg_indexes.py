"""The search's trigram migrations go back and forth: reversing one app's removes its indexes
and keeps pg_trgm, which the other app's indexes still need; applying it again brings them back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEARCH_MIGRATION = ("trajectories", "0011_search_trigrams")
BEFORE = ("trajectories", "0010_referrer_sector")
REGISTRATIONS = {
    "registration_first_name_trgm",
    "registration_last_name_trgm",
    "registration_email_trgm",
}
TRAJECTORIES = {"trajectory_reference_trgm", "participant_name_trgm"}


def _trigram_indexes() -> set[str]:
    """Which of the two apps' search indexes exist."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = ANY(%s)",
            [sorted(REGISTRATIONS | TRAJECTORIES)],
        )
        return {name for (name,) in cursor.fetchall()}


def _pg_trgm_installed() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _reverse_then_apply_again() -> tuple[set[str], bool, set[str]]:
    """Reverse the trajectories' search migration, then apply it again (in the test's
    transaction on PostgreSQL): the trigram indexes and pg_trgm in between, and the indexes
    after."""
    loader = MigrationExecutor(connection).loader
    migration = loader.get_migration(*SEARCH_MIGRATION)
    with connection.schema_editor() as editor:
        migration.unapply(loader.project_state(SEARCH_MIGRATION), editor)
    between = (_trigram_indexes(), _pg_trgm_installed())
    with connection.schema_editor() as editor:
        migration.apply(loader.project_state(BEFORE), editor)
    return (*between, _trigram_indexes())


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: pg_trgm")
def test_reversing_the_trajectories_search_keeps_pg_trgm_for_the_registrations_search():
    assert _trigram_indexes() == REGISTRATIONS | TRAJECTORIES

    between, kept, after = _reverse_then_apply_again()

    assert between == REGISTRATIONS
    assert kept
    assert after == REGISTRATIONS | TRAJECTORIES


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the other test is PostgreSQL's")
def test_the_search_migration_goes_back_and_forth_on_sqlite_without_touching_anything():
    """Django's own reversal of the extension read PostgreSQL's catalogue there."""
    loader = MigrationExecutor(connection).loader
    migration = loader.get_migration(*SEARCH_MIGRATION)
    tables = connection.introspection.table_names()
    with connection.schema_editor() as editor:
        migration.unapply(loader.project_state(SEARCH_MIGRATION), editor)
    with connection.schema_editor() as editor:
        migration.apply(loader.project_state(BEFORE), editor)
    assert connection.introspection.table_names() == tables
