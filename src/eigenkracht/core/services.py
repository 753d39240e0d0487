"""State changes of the core app; each one is audited in its own transaction."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files import File
from django.db import transaction

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation

ORGANISATION_FIELDS = frozenset(
    {
        "name",
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "iban",
        "bic",
        "beneficiary",
        "default_fee_cents",
        "default_payment_term_days",
        "reminder_days_before",
        "practical_reminder_days_before",
        "waiting_list_offer_hours",
        "cancellation_days_before",
        "cancellation_refund_percent",
        "refund_term_days",
        "norm_coordinator_working_days",
        "norm_conference_weeks",
        "follow_up_weeks",
        "enterprise_number",
        "vat_liable",
        "vat_rate_percent",
        "vat_exemption_text",
        "logo",
        "signature",
    }
)


# Uploaded images: stored under a name of their own; the audit entry holds the old and new name.
FILE_FIELDS = ("logo", "signature")


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: Mapping[str, Any], actor: AbstractBaseUser | None
) -> Organisation:
    """Save the organisation's details; the audit entry holds each changed field, old and new.

    `data` uses the model's field names, already validated (IBAN and BIC without spaces, the
    fee in cents). `logo` and `signature` are a new file to store, None to remove it, or left out.
    """
    unknown = set(data) - ORGANISATION_FIELDS
    if unknown:
        raise ValueError(f"Not an editable organisation field: {', '.join(sorted(unknown))}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes: dict[str, dict[str, Any]] = {}
    for name, value in data.items():
        if name in FILE_FIELDS:
            continue
        old = getattr(organisation, name)
        if old != value:
            changes[name] = {"old": old, "new": value}
            setattr(organisation, name, value)
    for name in FILE_FIELDS:
        if name not in data:
            continue
        old_file = getattr(organisation, name).name or ""
        new_file: File | None = data[name]
        if new_file is None and old_file:
            setattr(organisation, name, "")
            changes[name] = {"old": old_file, "new": ""}
        elif new_file is not None:
            setattr(organisation, name, new_file)
            changes[name] = {"old": old_file, "new": None}
    if not changes:
        return organisation
    organisation.save()
    for name in FILE_FIELDS:
        if name in changes and changes[name]["new"] is None:
            changes[name]["new"] = getattr(organisation, name).name
    audit_record(actor=actor, action="organisation.updated", obj=organisation, data=changes)
    return organisation
