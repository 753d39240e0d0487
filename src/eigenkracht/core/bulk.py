"""Reading and writing many rows at once, in a constant number of statements.

- `bulk_insert`: COPY on PostgreSQL (Django's bulk_create costs about a second per ten thousand
  wide rows; COPY a tenth of that), batched INSERTs elsewhere. COPY returns no primary keys:
  a caller that needs them says how many rows come, and gets keys taken from the sequence
  beforehand and written with the rows. A JSON value the caller holds as text (`JsonText`) is
  written as it is.
- the `any_of` lookup: `filter(pk__any_of=ids)` sends the ids as one array parameter on
  PostgreSQL (`= ANY(%s::bigint[])`) instead of one placeholder per id, which psycopg must split
  and the server must parse; other databases get the usual IN list.
- `binary_store`: a large binary value (a bank statement file) sent in binary form.
- `rows_fetch`: a values_list query's rows as the driver gives them, without Django's converters.
- `pg_array`: numbers and words as one array parameter in PostgreSQL's text form. psycopg adapts
  a list value by value in Python (about 2 microseconds a number, 5 a timestamp): for the ten
  thousand ids of an import that is more than the query; the text form costs a join.
"""

import itertools
import json
import operator
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.utils import timezone


class JsonText(str):
    """A JSON column's value already encoded (a caller that holds it as text): written as it is."""

    __slots__ = ()


def bulk_insert(
    model: type[models.Model], rows: Iterable[Mapping[str, Any]], *, count: int | None = None
) -> list[int]:
    """Insert rows given as {field attname: value}; `auto_now(_add)` fields are filled in.

    With `count` (the number of rows), the new primary keys are returned in the order of the
    rows: on PostgreSQL they are taken from the table's sequence first (one query) and written
    with the rows, so nobody has to read them back. Without it, the list is empty.

    Plain dicts rather than model instances: building ten thousand instances only to read their
    fields back costs more than the COPY itself. `rows` may be a generator: on PostgreSQL each
    row is written as it comes, so that a large insert never holds all its rows at once.
    Every row has the keys of the first one.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return []
    given = list(first)
    now = timezone.now()
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and f.attname not in given
    ]
    fields = [model._meta.get_field(name) for name in given]
    if connection.vendor != "postgresql":
        stamps = dict.fromkeys(stamped, now)
        created = model.objects.bulk_create(
            [model(**_decoded(row), **stamps) for row in itertools.chain([first], rows)],
            batch_size=500,
        )
        if count is None:
            return []
        if len(created) != count:
            raise ValueError(f"bulk_insert was told {count} rows and got {len(created)}")
        return [obj.pk for obj in created]
    pk = model._meta.pk
    ids: list[int] = []
    table = connection.ops.quote_name(model._meta.db_table)
    names = [f.column for f in fields] + [model._meta.get_field(name).column for name in stamped]
    if count is not None:
        with connection.cursor() as cursor:
            # The sequence is looked up once: per row, `pg_get_serial_sequence` cost 25 ms
            # for ten thousand keys, five times the `nextval`s themselves.
            cursor.execute(
                "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) "
                "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
                [model._meta.db_table, pk.column, count],
            )
            ids = [pk_value for (pk_value,) in cursor.fetchall()]
        names.insert(0, pk.column)
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    json_at = [
        (i, (f.encoder or json.JSONEncoder)().encode)
        for i, f in enumerate(fields)
        if isinstance(f, models.JSONField)
    ]
    values_of = operator.itemgetter(*given) if len(given) > 1 else lambda row: (row[given[0]],)
    tail = (now,) * len(stamped)
    written = 0
    # The COPY runs on psycopg's own cursor: its errors are turned into Django's here, so that a
    # caller's `except IntegrityError` (a concurrent import) or `except DatabaseError` sees them.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        # COPY's text format: the server reads a JSON column from its text, so JSON is encoded
        # here once (C speed) instead of through the field's and the driver's adapters.
        for row in itertools.chain([first], rows):
            values = values_of(row)
            if json_at:
                values = list(values)
                for i, encode in json_at:
                    value = values[i]
                    if value is None or isinstance(value, JsonText):
                        continue
                    if not value and isinstance(value, dict | list):
                        # Most rows' parameters and suggestions are empty: no encoder for those.
                        values[i] = "{}" if isinstance(value, dict) else "[]"
                    else:
                        values[i] = encode(value)
            if ids:
                values = (ids[written], *values)
            copy.write_row((*values, *tail) if tail else values)
            written += 1
    if count is not None and written != count:
        raise ValueError(f"bulk_insert was told {count} rows and got {written}")
    return ids


def _decoded(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """`row` with its JSON text read back, for a database that writes through the model."""
    if not any(isinstance(value, JsonText) for value in row.values()):
        return row
    return {
        name: json.loads(value) if isinstance(value, JsonText) else value
        for name, value in row.items()
    }


def binary_store(obj: models.Model, field: str, data: bytes) -> None:
    """Write `data` to the binary `field` of the saved row `obj` (and to `obj`).

    On PostgreSQL on a cursor with server-side binding, which sends bytes as they are: Django's
    client-side binding writes them into the SQL as hex text, twice their size, which the server
    decodes again (a 2.6 MB statement: about 50 ms more).
    """
    setattr(obj, field, data)
    model = type(obj)
    if connection.vendor != "postgresql":
        model._base_manager.filter(pk=obj.pk).update(**{field: data})
        return
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    from psycopg import Cursor  # only on PostgreSQL

    connection.ensure_connection()
    # psycopg's own cursor binds on the server (Django's binds on the client); Django's wrapper
    # keeps its query log and hooks.
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(Cursor(connection.connection)) as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s",  # noqa: S608
            [data, obj.pk],
        )


def rows_fetch(rows: models.QuerySet) -> list[tuple]:
    """The rows of a values_list query (tuples: not flat, not named) as the database driver
    gives them, in one fetch.

    On PostgreSQL the values need no conversion, and Django's converters (an int() for every
    count, a check of every day) cost a tenth of the figures page with 10,000 referrals
    (bench/figures.py); with its fetches of 100 rows at a time, 10 ms of an import's 20,000
    candidates. SQLite gives days as text: there Django converts them.
    """
    if connection.vendor != "postgresql":
        return list(rows)
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # e.g. `pk__in=[]`: Django knows there are no rows
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def pg_array(values: Iterable[int | str | bool | None]) -> str:
    """The values as one PostgreSQL array literal, to be cast in the query (`%s::bigint[]`).

    Whole numbers, booleans and text (quoted, so any character is safe); None is NULL.
    """
    return "{" + ",".join(map(_array_item, values)) + "}"


def _array_item(value: int | str | bool | None) -> str:
    if value is None:
        return "NULL"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, int):
        return str(int(value))
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@models.Field.register_lookup
class AnyOf(models.Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if not values:  # an empty array would not tell a text column's type from a number's
            return "1 = 0", []
        if connection.vendor == "postgresql":
            if all(isinstance(value, int) for value in values):
                return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, pg_array(values)]
            if all(isinstance(value, str) for value in values):
                return f"{lhs} = ANY(%s::text[])", [*lhs_params, pg_array(values)]
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]
