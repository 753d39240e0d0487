"""The audit log: services call `audit_record` inside their own transaction.

Every action is one of `core.audit_actions.AUDIT_ACTIONS`, and its data keeps the two shapes
(`{"from", "to"}` for a status, `{field: {"old", "new"}}` for an edit): `audit_checked` refuses
anything else, so that a new action without its sentence fails the tests that write it.
"""

from typing import Any

from django.db import models

from eigenkracht.core.audit_actions import AUDIT_ACTIONS
from eigenkracht.core.models import AuditEntry


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
    actor: Any,
    action: str,
    obj: models.Model,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    data = audit_checked(action, data)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data,
        ip_address=ip_address,
    )


def audit_record_listing(
    *,
    actor: Any,
    action: str,
    model: type[models.Model],
    ids: list[Any],
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """One entry for a page that showed several objects: which ones are in `data["ids"]`."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=model._meta.label_lower,
        object_id="",
        object_repr=str(model._meta.verbose_name_plural)[:200],
        data={**audit_checked(action, data), "ids": [str(pk) for pk in ids]},
        ip_address=ip_address,
    )
