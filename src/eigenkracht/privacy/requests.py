"""Services for a person's privacy requests: register, extend the deadline once, answer or
refuse, record the access export and the searches. Each change writes its audit entry in its own
transaction; the audit data holds ids, kinds and counts, never a name, an address or a text."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.audit import audit_record, audit_record_listing
from eigenkracht.core.refusals import Refused
from eigenkracht.privacy.deadlines import latest_extension, legal_deadline
from eigenkracht.privacy.models import PrivacyRequest

REQUEST_FIELDS = (
    "kind",
    "received_on",
    "requested_by",
    "subject_name",
    "subject_email",
    "subject_birth_date",
    "details",
)


class PrivacyRequestRefused(Refused):
    pass


def _locked(privacy_request: PrivacyRequest) -> PrivacyRequest:
    return PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)


def _refuse_unless_open(privacy_request: PrivacyRequest) -> None:
    if privacy_request.status != PrivacyRequest.Status.OPEN:
        raise PrivacyRequestRefused(
            _("Dit verzoek is al afgehandeld (%(status)s). Herlaad de pagina.")
            % {"status": privacy_request.get_status_display().lower()}
        )


@transaction.atomic
def privacy_request_create(*, data: dict[str, Any], actor: Any) -> PrivacyRequest:
    """Register a request; its deadline follows from the day it was received."""
    fields = {name: data[name] for name in REQUEST_FIELDS if name in data}
    if fields["received_on"] > timezone.localdate():
        raise PrivacyRequestRefused(_("De datum van ontvangst ligt in de toekomst."))
    if fields["received_on"] < timezone.localdate() - dt.timedelta(days=365):
        raise PrivacyRequestRefused(
            _("Die datum ligt meer dan een jaar terug. Kijk de datum van ontvangst na.")
        )
    privacy_request = PrivacyRequest.objects.create(
        **fields, deadline=legal_deadline(fields["received_on"]), created_by=actor
    )
    audit_record(
        actor=actor,
        action="privacy_request.created",
        obj=privacy_request,
        data={"kind": privacy_request.kind},
    )
    return privacy_request


@transaction.atomic
def privacy_request_extend(
    *, privacy_request: PrivacyRequest, extended_to: dt.date, reason: str, actor: Any
) -> PrivacyRequest:
    """Extend the deadline once, by at most two more months, with the reason the person is told."""
    privacy_request = _locked(privacy_request)
    _refuse_unless_open(privacy_request)
    if privacy_request.extended_to:
        raise PrivacyRequestRefused(_("De termijn werd al eens verlengd; dat kan maar één keer."))
    if not reason.strip():
        raise PrivacyRequestRefused(_("Geef de reden van de verlenging."))
    # GDPR art. 12(3): the person is told of an extension within the first month.
    if timezone.localdate() > privacy_request.deadline:
        raise PrivacyRequestRefused(
            _(
                "De termijn liep af op %(deadline)s: een verlenging moet de persoon binnen die "
                "termijn gemeld krijgen. Het verzoek blijft te laat; beantwoord het zo snel "
                "mogelijk."
            )
            % {"deadline": privacy_request.deadline.strftime("%d/%m/%Y")}
        )
    limit = latest_extension(privacy_request.received_on)
    if not privacy_request.deadline < extended_to <= limit:
        raise PrivacyRequestRefused(
            _("Kies een datum na %(deadline)s en ten laatste %(limit)s.")
            % {
                "deadline": privacy_request.deadline.strftime("%d/%m/%Y"),
                "limit": limit.strftime("%d/%m/%Y"),
            }
        )
    privacy_request.extended_to = extended_to
    privacy_request.extension_reason = reason.strip()
    privacy_request.save(update_fields=["extended_to", "extension_reason"])
    audit_record(
        actor=actor,
        action="privacy_request.extended",
        obj=privacy_request,
        data={"kind": privacy_request.kind},
    )
    return privacy_request


@transaction.atomic
def privacy_request_answer(
    *,
    privacy_request: PrivacyRequest,
    answered_on: dt.date,
    outcome: str,
    refused: bool = False,
    actor: Any,
) -> PrivacyRequest:
    """Close the request as answered, or as refused, with what the person was told."""
    privacy_request = _locked(privacy_request)
    _refuse_unless_open(privacy_request)
    if not outcome.strip():
        raise PrivacyRequestRefused(_("Beschrijf wat je antwoordde."))
    if not privacy_request.received_on <= answered_on <= timezone.localdate():
        raise PrivacyRequestRefused(
            _("De datum van het antwoord ligt tussen de ontvangst en vandaag.")
        )
    status = PrivacyRequest.Status.REFUSED if refused else PrivacyRequest.Status.ANSWERED
    privacy_request.status = status
    privacy_request.answered_on = answered_on
    privacy_request.outcome = outcome.strip()
    privacy_request.save(update_fields=["status", "answered_on", "outcome"])
    audit_record(
        actor=actor,
        action="privacy_request.refused" if refused else "privacy_request.answered",
        obj=privacy_request,
        data={"kind": privacy_request.kind, "from": PrivacyRequest.Status.OPEN, "to": status},
    )
    return privacy_request


@transaction.atomic
def privacy_request_access_exported(
    *, privacy_request: PrivacyRequest, items: int, actor: Any
) -> PrivacyRequest:
    """Record that the office downloaded the person's file (how many items, not which)."""
    privacy_request = _locked(privacy_request)
    privacy_request.access_exported_at = timezone.now()
    privacy_request.save(update_fields=["access_exported_at"])
    audit_record(
        actor=actor,
        action="privacy_request.access_exported",
        obj=privacy_request,
        data={"kind": privacy_request.kind, "items": items},
    )
    return privacy_request


def privacy_search_record(
    *,
    searched_by: list[str],
    count: int,
    privacy_request: PrivacyRequest | None,
    actor: Any,
    ip_address: str | None = None,
) -> None:
    """Audit a search: on which fields (e-mail, name, birth date) and how many hits; the values
    searched for stay out of the log. An operator's search has no request to hang it on."""
    data = {"searched_by": searched_by, "count": count}
    if privacy_request is not None:
        audit_record(
            actor=actor,
            action="privacy.searched",
            obj=privacy_request,
            data={**data, "kind": privacy_request.kind},
            ip_address=ip_address,
        )
    else:
        audit_record_listing(
            actor=actor,
            action="privacy.searched",
            model=PrivacyRequest,
            ids=[],
            data=data,
            ip_address=ip_address,
        )
