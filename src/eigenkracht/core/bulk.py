"""Reading and writing many rows at once, in a constant number of statements.

- `bulk_insert`: COPY on PostgreSQL (Django's bulk_create costs about a second per ten thousand
  wide rows; COPY a tenth of that), batched INSERTs elsewhere. Rows inserted with COPY get no
  primary key back: callers that need them read them afterwards with one query (in the order
  of the rows, the new keys are ascending).
- `collector_paused`: Python's cyclic garbage collector off while tens of thousands of rows are
  made, matched and written (it would walk them again and again: a fifth of a statement import).
- the `any_of` lookup: `filter(pk__any_of=ids)` sends the ids as one array parameter on
  PostgreSQL (`= ANY(%s)`) instead of one placeholder per id, which psycopg must split and
  the server must parse; other databases get the usual IN list.
"""

import contextlib
import gc
import itertools
import json
import operator
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db import connection, models
from django.utils import timezone


class JsonText(str):
    """A JSON field's value already encoded: `bulk_insert` writes it as it is.

    Rows kept for a while in bulk (a statement's decisions) are smaller as JSON text than as
    nested dicts, and need no encoding again when written.
    """

    __slots__ = ()


def bulk_insert(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert rows given as {field attname: value}; `auto_now(_add)` fields are filled in.

    Plain dicts rather than model instances: building ten thousand instances only to read their
    fields back costs more than the COPY itself. `rows` may be a generator: on PostgreSQL each
    row is written as it comes, so that a large insert never holds all its rows at once.
    Every row has the keys of the first one.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    given = list(first)
    now = timezone.now()
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and f.attname not in given
    ]
    fields = [model._meta.get_field(name) for name in given]
    json_at = [(i, f.encoder) for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    if connection.vendor != "postgresql":
        stamps = dict.fromkeys(stamped, now)
        json_names = [given[i] for i, _encoder in json_at]
        model.objects.bulk_create(
            [
                model(**_decoded(row, json_names), **stamps)
                for row in itertools.chain([first], rows)
            ],
            batch_size=500,
        )
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    columns += "".join(
        ", " + connection.ops.quote_name(model._meta.get_field(name).column) for name in stamped
    )
    table = connection.ops.quote_name(model._meta.db_table)
    values_of = operator.itemgetter(*given) if len(given) > 1 else lambda row: (row[given[0]],)
    tail = (now,) * len(stamped)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        # COPY's text format: the server reads a JSON column from its text, so JSON is encoded
        # here once (C speed) instead of through the field's and the driver's adapters.
        for row in itertools.chain([first], rows):
            values = values_of(row)
            if json_at:
                values = list(values)
                for i, encoder in json_at:
                    value = values[i]
                    if value is not None and type(value) is not JsonText:
                        values[i] = json.dumps(value, cls=encoder)
            copy.write_row((*values, *tail) if tail else values)


def _decoded(row: Mapping[str, Any], json_names: list[str]) -> Mapping[str, Any]:
    """The row with its `JsonText` values as Python values, for a model instance."""
    if not any(type(row[name]) is JsonText for name in json_names):
        return row
    return {
        name: json.loads(value) if type(value) is JsonText else value
        for name, value in row.items()
    }


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (reference counting still frees
    everything that is not in a cycle); it runs again afterwards and takes what was left.

    Each of its full passes walks every object of the process: with the rows of a large import
    in memory, that is a tenth of a second a pass, several times over.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@models.Field.register_lookup
class AnyOf(models.Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]
