"""Migration operations for indexes only PostgreSQL has (trigram GIN indexes for the search).

They live outside the models' state on purpose: SQLite has no GIN, and it rebuilds a table from
the model's state on many schema changes, so an index in `Meta.indexes` would break every later
migration there. The model names the index in a comment instead; this operation creates it on
PostgreSQL and does nothing elsewhere.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db.migrations.operations.base import Operation
from django.db.models.functions import Upper


def trigram_index(*, name: str, column: str) -> GinIndex:
    """A trigram index on UPPER(column): what Django's `icontains` compares on PostgreSQL
    (`UPPER(col) LIKE UPPER('%text%')`), so that the lookup can use it."""
    return GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=name)


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
