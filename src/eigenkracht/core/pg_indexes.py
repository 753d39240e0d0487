"""Migration operations for indexes only PostgreSQL has (trigram GIN indexes for the search).

They live outside the models' state on purpose: SQLite has no GIN, and it rebuilds a table from
the model's state on many schema changes, so an index in `Meta.indexes` would break every later
migration there. The model names the index in a comment instead; this operation creates it on
PostgreSQL and does nothing elsewhere.

`django.contrib.postgres` is not an installed app: at every start of every process it imported
its lookups and the migration writer, and on the first connection it read two type ids from the
database (together about 7 ms of a command's start), for what only these migrations use. The
operation does the one thing of it they need: the operator class stays outside the index
expression's parentheses.
"""

import contextlib
from collections.abc import Iterator

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db.migrations.operations.base import Operation
from django.db.models import OrderBy
from django.db.models.functions import Collate, Upper
from django.db.models.indexes import IndexExpression


def trigram_index(*, name: str, column: str) -> GinIndex:
    """A trigram index on UPPER(column): what Django's `icontains` compares on PostgreSQL
    (`UPPER(col) LIKE UPPER('%text%')`), so that the lookup can use it."""
    return GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=name)


class TrigramExtensionKept(TrigramExtension):
    """pg_trgm, created on PostgreSQL and kept when the migration is reversed. Two apps' indexes
    need it (trainings 0019 and trajectories 0011 each create it): dropping it with one failed on
    the other's indexes, and on SQLite Django's reversal read PostgreSQL's catalogue."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        """Nothing: the extension stays (see the class)."""


@contextlib.contextmanager
def _operator_classes() -> Iterator[None]:
    """Index expressions may carry an operator class while the block runs (what the app
    `django.contrib.postgres` registers when it is installed)."""
    before = IndexExpression.wrapper_classes
    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
    try:
        yield
    finally:
        IndexExpression.register_wrappers(*before)


class AddIndexOnPostgres(Operation):
    reversible = True

    def __init__(self, model_name: str, index: GinIndex) -> None:
        self.model_name = model_name
        self.index = index

    def state_forwards(self, app_label, state) -> None:
        """Not part of the model state (see the module's docstring)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            with _operator_classes():
                schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def describe(self) -> str:
        return f"Create index {self.index.name} on {self.model_name} (PostgreSQL only)"

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "index": self.index}
        return (self.__class__.__qualname__, [], kwargs)
