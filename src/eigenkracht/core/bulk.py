"""Reading and writing many rows at once, in a constant number of statements.

- `bulk_insert`: COPY on PostgreSQL (Django's bulk_create costs about a second per ten thousand
  wide rows; COPY a tenth of that), batched INSERTs elsewhere. Rows inserted with COPY get no
  primary key back: callers that need them read them afterwards with one query.
- the `any_of` lookup: `filter(pk__any_of=ids)` sends the ids as one array parameter on
  PostgreSQL (`= ANY(%s)`) instead of one placeholder per id, which psycopg must split and
  the server must parse; other databases get the usual IN list.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def bulk_insert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows given as {field attname: value}; `auto_now(_add)` fields are filled in.

    Plain dicts rather than model instances: building ten thousand instances only to read their
    fields back costs more than the COPY itself.
    """
    if not rows:
        return
    given = list(rows[0])
    now = timezone.now()
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and f.attname not in given
    ]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**row, **dict.fromkeys(stamped, now)) for row in rows], batch_size=500
        )
        return
    fields = [model._meta.get_field(name) for name in given]
    json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    columns += "".join(
        ", " + connection.ops.quote_name(model._meta.get_field(name).column) for name in stamped
    )
    table = connection.ops.quote_name(model._meta.db_table)
    tail = [now] * len(stamped)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = [row[name] for name in given]
            for i in json_at:
                values[i] = fields[i].get_db_prep_save(values[i], connection)
            copy.write_row(values + tail)


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
