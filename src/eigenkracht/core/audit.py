"""The audit log: services call `audit_record` inside their own transaction.

Every action is one of `core.audit_actions.AUDIT_ACTIONS`, and its data keeps the two shapes
(`{"from", "to"}` for a status, `{field: {"old", "new"}}` for an edit): `audit_checked` refuses
anything else, so that a new action without its sentence fails the tests that write it.

Services take the acting user as `actor: User | None`, None when the system acts (a periodic job,
a task, someone following a mailed link). Core may not import accounts, so here the user is
Django's `AbstractBaseUser`.
"""

import re
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models

from eigenkracht.core.audit_actions import AUDIT_ACTIONS
from eigenkracht.core.models import AuditEntry

AnyUser = TypeVar("AnyUser", bound=AbstractBaseUser)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CODE = re.compile(r"[a-z0-9_.:-]{1,60}")

# Objects about a person the organisation serves (not its staff): their entries hold the ids,
# the action, a status change's codes and which fields an edit changed, never a name or a
# value (the retention issue: the audit log keeps no more personal data than that). The audit
# page names and links such an object from the object itself while it exists.
PERSONAL_OBJECTS = frozenset(
    {
        "trainings.registration",
        "trainings.participant",
        "payments.banktransaction",
        "payments.refund",
        "trajectories.trajectory",
        "trajectories.participant",
        "trajectories.consent",
        "network.networkmember",
        "privacy.privacyrequest",
        "volunteers.application",
        # A mail's name is its recipient and subject.
        "core.outboxmessage",
    }
)


def _plain_value(value: Any) -> Any:
    """Numbers, yes/no, dates and codes say nothing about who someone is; any other text may
    (a name, an address, a note)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and (ISO_DATE.fullmatch(value) or CODE.fullmatch(value)):
        return value
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    return ""


def without_values(data: dict[str, Any]) -> dict[str, Any]:
    """The data of an entry about a person: its keys, with texts blanked unless they are codes,
    dates or numbers (an edit keeps which fields changed, a status change its codes)."""
    return {key: _plain_value(value) for key, value in data.items()}


def actor_or_none(actor: AnyUser | AnonymousUser | None) -> AnyUser | None:
    """The user to store as the one who acted: None for the system, and also for a visitor who is
    not logged in, should a view ever hand over `request.user` of a public page."""
    return actor if getattr(actor, "is_authenticated", False) else None


def audit_checked(action: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """The data to store for `action`; ValueError (a programming error) when either breaks the
    registry's rules."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"Audit action {action!r} has no sentence in core.audit_actions")
    data = data or {}
    if ("from" in data) != ("to" in data):
        raise ValueError(f"{action}: a status change records both 'from' and 'to'")
    if any(isinstance(v, dict) and ("old" in v) != ("new" in v) for v in data.values()):
        raise ValueError(f"{action}: an edit records both 'old' and 'new'")
    return data


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    obj: models.Model,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    data = audit_checked(action, data)
    object_type = obj._meta.label_lower
    personal = object_type in PERSONAL_OBJECTS
    return AuditEntry.objects.create(
        actor=actor_or_none(actor),
        action=action,
        object_type=object_type,
        object_id=str(obj.pk),
        object_repr="" if personal else str(obj)[:200],
        data=without_values(data) if personal else data,
        ip_address=ip_address,
    )


def audit_record_listing(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    model: type[models.Model],
    ids: list[Any],
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """One entry for a page that showed several objects: which ones are in `data["ids"]`."""
    return AuditEntry.objects.create(
        actor=actor_or_none(actor),
        action=action,
        object_type=model._meta.label_lower,
        object_id="",
        object_repr=str(model._meta.verbose_name_plural)[:200],
        data={**audit_checked(action, data), "ids": [str(pk) for pk in ids]},
        ip_address=ip_address,
    )


def audit_object_types() -> list[str]:
    """Every kind of object the log names, in order (the audit page's filter).

    The log grows with every look at personal data. On PostgreSQL the kinds are read by hopping
    through the (object_type, object_id) index, one lookup per kind (a "loose index scan"), as
    PostgreSQL 15 would otherwise read every entry for a DISTINCT; elsewhere a plain DISTINCT.
    """
    if connection.vendor != "postgresql":
        return list(
            AuditEntry.objects.order_by("object_type")
            .values_list("object_type", flat=True)
            .distinct()
        )
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE kinds(object_type) AS (
                (SELECT object_type FROM {table} ORDER BY object_type LIMIT 1)
                UNION ALL
                SELECT (
                    SELECT object_type FROM {table} WHERE object_type > kinds.object_type
                    ORDER BY object_type LIMIT 1
                )
                FROM kinds WHERE kinds.object_type IS NOT NULL
            )
            SELECT object_type FROM kinds WHERE object_type IS NOT NULL
            """  # noqa: S608 (the table's own name only)
        )
        return [row[0] for row in cursor.fetchall()]
