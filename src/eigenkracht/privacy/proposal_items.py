"""How a proposal's items read in the drill-down: a reference and the dates that made them due,
never a name (the manager decides on terms, not on people)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from eigenkracht.allowances.models import Declaration, Payout
from eigenkracht.banking.money import euro
from eigenkracht.invoices.models import Document
from eigenkracht.payments.models import BankTransaction, Payment, Refund, SepaFile, StatementImport
from eigenkracht.trainings.models import Registration
from eigenkracht.trajectories.models import FINISHED_STATUSES, Trajectory
from eigenkracht.volunteers.models import Application


@dataclass(frozen=True)
class ItemLine:
    what: str
    detail: str


def _date(value) -> str:
    return formats.date_format(value, "d/m/Y") if value else "-"


def item_lines(kind: str, ids: Sequence[int]) -> dict[int, ItemLine]:
    """{object id: its line}, one query for a page of items of one kind."""
    if kind == "registration":
        rows = Registration.objects.filter(pk__in=ids).values_list(
            "pk", "code", "training__title", "training__ends_on", "status"
        )
        statuses = dict(Registration.Status.choices)
        return {
            pk: ItemLine(
                _("Inschrijving %(code)s") % {"code": code},
                _("%(title)s, laatste sessie %(date)s, %(status)s")
                % {"title": title, "date": _date(ends_on), "status": statuses[status].lower()},
            )
            for pk, code, title, ends_on, status in rows
        }
    if kind == "trajectory":
        rows = Trajectory.objects.filter(pk__in=ids).values_list(
            "pk", "reference", "status", "closed_at", "status_changed_at", "consent_withdrawn_on"
        )
        statuses = dict(Trajectory.Status.choices)
        lines = {}
        for pk, reference, status, closed_at, changed_at, withdrawn_on in rows:
            if status in FINISHED_STATUSES:
                detail = _("%(status)s op %(date)s") % {
                    "status": statuses[status],
                    "date": _date((closed_at or changed_at).date()),
                }
            else:
                detail = _("Nooit afgesloten: “%(status)s” sinds %(date)s") % {
                    "status": statuses[status],
                    "date": _date(changed_at.date()),
                }
            if withdrawn_on:
                detail += ", " + _("toestemming ingetrokken op %(date)s") % {
                    "date": _date(withdrawn_on)
                }
            lines[pk] = ItemLine(_("EK-traject %(reference)s") % {"reference": reference}, detail)
        return lines
    if kind == "bank_transaction":
        rows = BankTransaction.objects.filter(pk__in=ids).values_list(
            "pk", "booking_date", "amount_cents"
        )
        return {
            pk: ItemLine(_("Verrichting op het uittreksel"), f"{_date(day)}, {euro(cents)}")
            for pk, day, cents in rows
        }
    if kind == "payment":
        rows = Payment.objects.filter(pk__in=ids).values_list("pk", "paid_on", "amount_cents")
        return {
            pk: ItemLine(_("Betaling (notitie)"), f"{_date(day)}, {euro(cents)}")
            for pk, day, cents in rows
        }
    if kind == "refund":
        rows = Refund.objects.filter(pk__in=ids).values_list("pk", "created_at", "amount_cents")
        return {
            pk: ItemLine(_("Terugbetaling"), f"{_date(at.date())}, {euro(cents)}")
            for pk, at, cents in rows
        }
    if kind == "invoice":
        rows = Document.objects.filter(pk__in=ids).values_list("pk", "number", "issued_on")
        return {
            pk: ItemLine(_("Factuur of creditnota %(number)s") % {"number": number}, _date(day))
            for pk, number, day in rows
        }
    if kind == "statement_import":
        rows = StatementImport.objects.filter(pk__in=ids).values_list("pk", "created_at")
        return {
            pk: ItemLine(_("Opgeladen rekeninguittreksel (het bestand)"), _date(at.date()))
            for pk, at in rows
        }
    if kind == "sepa_file":
        rows = SepaFile.objects.filter(pk__in=ids).values_list("pk", "created_at", "count")
        return {
            pk: ItemLine(
                _("Bestand met terugbetalingen"),
                _("%(date)s, %(count)d overschrijvingen") % {"date": _date(at.date()), "count": n},
            )
            for pk, at, n in rows
        }
    if kind == "declaration":
        rows = Declaration.objects.filter(pk__in=ids).values_list("pk", "on", "amount_cents")
        return {
            pk: ItemLine(_("Onkostendeclaratie van een vrijwilliger"), f"{_date(day)}, {euro(c)}")
            for pk, day, c in rows
        }
    if kind == "payout":
        rows = Payout.objects.filter(pk__in=ids).values_list("pk", "created_at", "count")
        return {
            pk: ItemLine(
                _("Bestand met vergoedingen voor vrijwilligers"),
                _("%(date)s, %(count)d overschrijvingen") % {"date": _date(at.date()), "count": n},
            )
            for pk, at, n in rows
        }
    if kind == "volunteer_application":
        rows = Application.objects.filter(pk__in=ids).values_list("pk", "applied_at", "step_on")
        return {
            pk: ItemLine(
                _("Kandidatuur van %(date)s") % {"date": _date(applied.date())},
                _("gestopt op %(date)s") % {"date": _date(stopped)},
            )
            for pk, applied, stopped in rows
        }
    raise ValueError(f"Unknown retention kind {kind!r}")
