"""Reading and writing many rows at once, in a constant number of statements.

- `bulk_insert`: COPY on PostgreSQL (Django's bulk_create costs about a second per ten thousand
  wide rows; COPY a tenth of that), batched INSERTs elsewhere. Rows inserted with COPY get no
  primary key back: callers that need them read them afterwards with one query.
- the `any_of` lookup: `filter(pk__any_of=ids)` sends the ids as one array parameter on
  PostgreSQL (`= ANY(%s)`) instead of one placeholder per id, which psycopg must split and
  the server must parse; other databases get the usual IN list.
"""

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connection, models


def _getter(field: models.Field) -> Callable[[models.Model], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, True)
    if isinstance(field, models.JSONField):
        return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)
    return attrgetter(field.attname)


def bulk_insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=500)
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    getters = [_getter(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row([get(obj) for get in getters])


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
