"""The audit log: services call `audit_record` inside their own transaction."""

from typing import Any

from django.db import models

from eigenkracht.core.models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data or {},
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
        data={**(data or {}), "ids": [str(pk) for pk in ids]},
        ip_address=ip_address,
    )
