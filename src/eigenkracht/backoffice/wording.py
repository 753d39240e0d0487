"""Human words for what the outbox and the audit log store as codes.

The log keeps codes and plain values (`core/audit_actions.py` explains why); this module turns an
entry's data into labelled, readable values for the audit page, and names and links the object a
mail or an entry is about, a constant number of queries for a page of rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from eigenkracht.banking.money import euro
from eigenkracht.core.formatting import day
from eigenkracht.core.forms import object_type_label
from eigenkracht.core.mail_kinds import mail_kind_label
from eigenkracht.core.retention_terms import CATEGORIES
from eigenkracht.privacy.search import KIND_LABELS

# Keys services write into an entry's data that are no field of the object's model (a field's own
# verbose name is used otherwise).
DATA_KEYS: dict[str, Promise] = {
    "from": gettext_lazy("Van"),
    "to": gettext_lazy("Naar"),
    "old": gettext_lazy("Oud"),
    "new": gettext_lazy("Nieuw"),
    "reason": gettext_lazy("Reden"),
    "note": gettext_lazy("Notitie"),
    "fields": gettext_lazy("Gewijzigde gegevens"),
    "changes": gettext_lazy("Wijzigingen"),
    "ids": gettext_lazy("Nummers"),
    "count": gettext_lazy("Aantal"),
    "by_attendance": gettext_lazy("Volgens de aanwezigheden"),
    "seats": gettext_lazy("Plaatsen"),
    "demo": gettext_lazy("Demo"),
    "number": gettext_lazy("Nummer"),
    "invoice": gettext_lazy("Factuur"),
    "refunds": gettext_lazy("Terugbetalingen"),
    "participant": gettext_lazy("Deelnemer"),
    "training": gettext_lazy("Vorming"),
    "trainers": gettext_lazy("Lesgevers"),
    "sessions": gettext_lazy("Sessies"),
    "sessions_removed": gettext_lazy("Geschrapte sessies"),
    "registrations_told": gettext_lazy("Inschrijvingen verwittigd"),
    "amount_cents": gettext_lazy("Bedrag"),
    "amount_paid_cents": gettext_lazy("Betaald in totaal"),
    "total_cents": gettext_lazy("Totaal"),
    "prepaid_cents": gettext_lazy("Vooraf betaald"),
    "paid_on": gettext_lazy("Betaald op"),
    "confirmed": gettext_lazy("Bevestigd"),
    "date": gettext_lazy("Datum"),
    "start_time": gettext_lazy("Begin"),
    "end_time": gettext_lazy("Einde"),
    "meeting_url": gettext_lazy("Link voor online deelname"),
    "online_only": gettext_lazy("Enkel online"),
    "on_attendance_list": gettext_lazy("Op de aanwezigheidslijst"),
    "previous_title": gettext_lazy("Vorige titel"),
}
# The privacy actions count per retention category and per kind of hit, and say what a search
# was on; the keys the lines above name win where both have one.
DATA_KEYS = {
    **{category.code: category.label for category in CATEGORIES},
    **KIND_LABELS,
    "counts": gettext_lazy("Aantallen"),
    "kept": gettext_lazy("Bewaard omdat de wet het vraagt"),
    "no_longer_due": gettext_lazy("Bewaard: intussen gewijzigd, niet meer aan de beurt"),
    "searched_by": gettext_lazy("Gezocht op"),
    "items": gettext_lazy("Aantal gegevens"),
    "kind": gettext_lazy("Soort"),
    "email": gettext_lazy("E-mailadres"),
    "name": gettext_lazy("Naam"),
    "birth_date": gettext_lazy("Geboortedatum"),
    **DATA_KEYS,
}
# Codes stored under a key that is not a model field, with their words.
VALUE_LABELS: dict[str, dict[str, Promise]] = {
    "by": {
        "registrant": gettext_lazy("de deelnemer zelf"),
        "office": gettext_lazy("het secretariaat"),
        "training": gettext_lazy("de annulering van de vorming"),
    },
    # The page on which a trajectory was read or a list of them shown (trajectories'
    # `trajectory_for` and reads), or a registration read.
    "page": {
        "list": gettext_lazy("de lijst van trajecten"),
        "inbox": gettext_lazy("de nieuwe aanmeldingen"),
        "search": gettext_lazy("zoeken"),
        "api": gettext_lazy("de API"),
        "detail": gettext_lazy("het overzicht van het traject"),
        "intake": gettext_lazy("de intake"),
        "assign": gettext_lazy("een coördinator toewijzen"),
        "preparation_start": gettext_lazy("de voorbereiding starten"),
        "participants": gettext_lazy("de deelnemers"),
        "participant_edit": gettext_lazy("een deelnemer wijzigen"),
        "participant_delete": gettext_lazy("een deelnemer verwijderen"),
        "conference": gettext_lazy("de conferentie"),
        "follow_up_conference": gettext_lazy("de vervolgconferentie"),
        "attendance": gettext_lazy("de aanwezigheden"),
        "invitation_letter": gettext_lazy("een uitnodigingsbrief"),
        "invitation_mail": gettext_lazy("een uitnodiging mailen"),
        "plan": gettext_lazy("het plan"),
        "plan_present": gettext_lazy("het plan voorstellen"),
        "plan_decide": gettext_lazy("de beslissing over het plan"),
        "plan_pdf": gettext_lazy("het plan als PDF"),
        "follow_up": gettext_lazy("de opvolging"),
        "note_add": gettext_lazy("een notitie toevoegen"),
        "consent_add": gettext_lazy("een toestemming noteren"),
        "consent_withdraw": gettext_lazy("een toestemming intrekken"),
        "stop": gettext_lazy("het traject stoppen"),
        "close": gettext_lazy("het traject afsluiten"),
        "evaluation_invites": gettext_lazy("de evaluatie: uitnodigingen"),
        "evaluation_qr": gettext_lazy("de evaluatie: QR-codes"),
        "network_map": gettext_lazy("het netwerk"),
        "network_member_add": gettext_lazy("het netwerk: iemand toevoegen"),
        "network_members_paste": gettext_lazy("het netwerk: namen plakken"),
        "network_members_sort": gettext_lazy("het netwerk: sorteren"),
        "network_member_move": gettext_lazy("het netwerk: iemand verplaatsen"),
        "network_member_edit": gettext_lazy("het netwerk: iemand wijzigen"),
        "network_member_delete": gettext_lazy("het netwerk: iemand verwijderen"),
        "network_map_svg": gettext_lazy("de netwerkkaart als afbeelding"),
        "network_map_pseudonymised_svg": gettext_lazy("de netwerkkaart zonder namen"),
        "network_map_pdf": gettext_lazy("de netwerkkaart als PDF"),
        "network_snapshots": gettext_lazy("het netwerk: momentopnames"),
        "network_snapshot_compare": gettext_lazy("het netwerk: momentopnames vergelijken"),
        "network_snapshot_svg": gettext_lazy("het netwerk: een momentopname als afbeelding"),
        "registration_detail": gettext_lazy("de inschrijving"),
        "invoice_pdf": gettext_lazy("de factuur als PDF"),
        "invoice_xml": gettext_lazy("de factuur als XML (Peppol)"),
    },
}
# Pages stored as "prefix:what" (an export's file name, a mail text's kind and language): the
# prefix in words, then what follows it.
PAGE_PREFIXES: dict[str, Promise] = {
    "api": gettext_lazy("de API"),
    "attendance-list": gettext_lazy("aanwezigheidslijst van sessie"),
    "bookkeeping": gettext_lazy("boekhouding"),
    "bookkeeping_export": gettext_lazy("boekhouding, periode"),
    "export": gettext_lazy("export"),
    "mail_template_preview": gettext_lazy("voorbeeld van een mailtekst"),
}
DATA_KEYS.setdefault("by", gettext_lazy("Door"))
DATA_KEYS.setdefault("page", gettext_lazy("Pagina"))
# Keys whose value is the object's status code ("pending", "intake").
STATUS_KEYS = {"from", "to", "status"}


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def data_key_label(model: type[models.Model] | None, key: str) -> str:
    if key in DATA_KEYS:
        return str(DATA_KEYS[key])
    field = _field(model, key)
    if field is not None:
        return capfirst(str(field.verbose_name))
    return key.replace("_", " ").capitalize()


def _choice_label(field: models.Field | None, value: Any) -> str | None:
    if field is None or not field.choices or not isinstance(value, str):
        return None
    return next((str(label) for code, label in field.flatchoices if code == value), None)


def data_value(model: type[models.Model] | None, key: str, value: Any) -> str:
    """One value of an entry's data, readable: choices by their label, cents in euros."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dict):
        return "; ".join(
            f"{data_key_label(model, k)}: {data_value(model, key if k in ('old', 'new') else k, v)}"
            for k, v in value.items()
        )
    if isinstance(value, list):
        if key in ("fields", "searched_by"):
            return ", ".join(data_key_label(model, str(v)).lower() for v in value) or "-"
        return "; ".join(data_value(model, key, v) for v in value) or "-"
    if isinstance(value, str) and value in VALUE_LABELS.get(key, {}):
        return str(VALUE_LABELS[key][value])
    if key == "page" and isinstance(value, str) and ":" in value:
        prefix, what = value.split(":", 1)
        if prefix == "mail_template_preview":
            kind, _colon, language = what.partition(":")
            return f"{PAGE_PREFIXES[prefix]}: {mail_kind_label(kind)} ({_language_name(language)})"
        if prefix in PAGE_PREFIXES:
            return f"{PAGE_PREFIXES[prefix]}: {what}"
    if value in ("True", "False"):  # a flag stored as text
        return _("ja") if value == "True" else _("nee")
    if key.endswith("_time") and isinstance(value, str) and value.count(":") == 2:
        return value[:5]
    if key.endswith("_cents") and isinstance(value, int):
        return euro(value)
    if key in ("date", "paid_on") and isinstance(value, str):
        try:
            return day(dt.date.fromisoformat(value))
        except ValueError:
            return value
    field = (
        _field(model, "status") or _field(model, "step")
        if key in STATUS_KEYS
        else _field(model, key)
    )
    label = _choice_label(field, value)
    return label if label is not None else str(value)


def entry_data(object_type: str, data: dict[str, Any] | None) -> list[tuple[str, str]]:
    model = _model(object_type)
    return [
        (data_key_label(model, key), data_value(model, key, value))
        for key, value in (data or {}).items()
        if key not in ("from", "to", "reason") or value not in ("", None)
    ]


# Objects: their name and their page ---------------------------------------------------------------


@dataclass(frozen=True)
class Related:
    label: str  # the kind of object, "Inschrijving"
    name: str  # which one, "EK4WBQ8T Lotte De Smet"
    url: str  # its page in the back office, or ""


@dataclass(frozen=True)
class _Naming:
    fields: tuple[str, ...]
    name: Callable[[Any], str]
    url: Callable[[Any], str] | None = None


def _url(name: str, pk: Any) -> str:
    return reverse(name, args=[pk])


NAMINGS: dict[str, _Naming] = {
    "trainings.registration": _Naming(
        ("code", "first_name", "last_name"),
        lambda r: f"{r.code} {r.full_name}",
        lambda r: _url("trainings_backoffice:registration_detail", r.pk),
    ),
    "trainings.participant": _Naming(
        ("first_name", "last_name", "registration_id"),
        lambda p: p.full_name,
        lambda p: _url("trainings_backoffice:registration_detail", p.registration_id),
    ),
    "trainings.training": _Naming(
        ("title",), lambda t: t.title, lambda t: _url("trainings_backoffice:training_detail", t.pk)
    ),
    "trainings.trainer": _Naming(
        ("name",), lambda t: t.name, lambda t: _url("trainings_trainers:trainer_edit", t.pk)
    ),
    "payments.refund": _Naming(
        ("payee_name", "amount_cents"),
        lambda r: " ".join(part for part in (euro(r.amount_cents), r.payee_name) if part),
        lambda r: _url("payments_backoffice:refund_detail", r.pk),
    ),
    "payments.sepafile": _Naming(
        ("message_id", "created_at"),
        str,
        lambda f: _url("payments_backoffice:sepa_file_detail", f.pk),
    ),
    "payments.statementimport": _Naming(
        ("filename",),
        lambda s: s.filename,
        lambda s: _url("payments_backoffice:import_detail", s.pk),
    ),
    "invoices.document": _Naming(
        ("kind", "number", "registration_id"),
        str,
        lambda d: _url("trainings_backoffice:registration_detail", d.registration_id),
    ),
    "trajectories.trajectory": _Naming(
        ("reference",), lambda t: t.reference, lambda t: _url("trajectories:detail", t.pk)
    ),
    "trajectories.participant": _Naming(
        ("name", "trajectory_id"),
        lambda p: p.name,
        lambda p: _url("trajectories:participants", p.trajectory_id),
    ),
    "trajectories.coordinator": _Naming(
        ("user__first_name", "user__last_name"),
        lambda c: c.user.get_full_name(),
        lambda c: _url("trajectories:coordinator_edit", c.pk),
    ),
    "evaluations.evaluationsettings": _Naming(
        ("reminder_after_days",), str, lambda s: reverse("evaluations:training_results")
    ),
    "allowances.declaration": _Naming(
        ("kind", "on", "amount_cents"),
        lambda d: f"{d.get_kind_display()} {day(d.on)}, {euro(d.amount_cents)}",
        lambda d: reverse("allowances_office:queue"),
    ),
    "allowances.payout": _Naming(
        ("created_at", "count", "total_cents"),
        lambda p: euro(p.total_cents),
        lambda p: reverse("allowances_office:queue"),
    ),
    "volunteers.volunteer": _Naming(
        ("coordinator__user__first_name", "coordinator__user__last_name", "coordinator_id"),
        lambda v: v.coordinator.user.get_full_name(),
        lambda v: _url("trajectories:coordinator_edit", v.coordinator_id),
    ),
    "volunteers.application": _Naming(
        ("name",), lambda a: a.name, lambda a: _url("volunteers:application", a.pk)
    ),
    "privacy.privacyrequest": _Naming(
        ("kind", "received_on"), str, lambda r: _url("privacy:request_detail", r.pk)
    ),
    "privacy.retentionproposal": _Naming(
        ("prepared_at",), str, lambda p: reverse("privacy:retention")
    ),
    "core.outboxmessage": _Naming(
        ("subject", "recipient"),
        lambda m: m.subject or m.recipient,
        lambda m: _url("backoffice:outbox_detail", m.pk),
    ),
    "pages.page": _Naming(
        ("title", "slug"), lambda p: p.title, lambda p: _url("pages_backoffice:page_edit", p.slug)
    ),
    "core.organisation": _Naming(
        ("name",), lambda o: o.name, lambda o: reverse("backoffice:organisation")
    ),
    "accounts.user": _Naming(("first_name", "last_name", "email"), lambda u: u.get_full_name()),
    "core.sector": _Naming(("name",), lambda s: s.name, lambda s: reverse("reports:sectors")),
}


def related_objects(refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Related]:
    """Name and page of each (object_type, object_id), one query per kind of object; an object
    that no longer exists is named by its kind and number."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for object_type, object_id in refs:
        if object_type:
            wanted[object_type].add(object_id)
    found: dict[tuple[str, str], Related] = {}
    for object_type, ids in wanted.items():
        label = object_type_label(object_type)
        model, naming = _model(object_type), NAMINGS.get(object_type)
        numbers = [pk for pk in ids if pk.isdigit()]
        if model is not None and naming is not None and numbers:
            queryset = model._default_manager.filter(pk__in=numbers)
            if any("__" in name for name in naming.fields):
                queryset = queryset.select_related(naming.fields[0].split("__")[0])
            for obj in queryset.only(*naming.fields):
                url = naming.url(obj) if naming.url else ""
                found[(object_type, str(obj.pk))] = Related(label, naming.name(obj), url)
        for pk in ids:
            found.setdefault((object_type, pk), Related(label, f"#{pk}" if pk else "", ""))
    return found
