"""Every change of the allowances: the office's caps, rates and systems, the coordinator's
declarations, account and income elsewhere, the office's decisions and the payout files.

A declaration locks its coordinator's row, so two declarations sent at once are checked against
the caps one after the other.
"""

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.allowances import rules
from eigenkracht.allowances.models import (
    Declaration,
    Elsewhere,
    KmRate,
    Payout,
    PayoutAccount,
    PayoutLine,
    YearCaps,
    YearSystem,
)
from eigenkracht.allowances.words import refusal_text
from eigenkracht.banking.iban import in_sepa_zone
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.core.once import once_claim
from eigenkracht.core.outbox import outbox_send
from eigenkracht.core.refusals import NOT_SEPA, Refused
from eigenkracht.trajectories.models import Coordinator, PastAssignment, Trajectory


class AllowanceRefused(Refused):
    pass


def _refuse(refusal: rules.Refusal | None) -> None:
    if refusal is not None:
        raise AllowanceRefused(refusal_text(refusal))


def _lock(coordinator: Coordinator) -> Coordinator:
    return Coordinator.objects.select_for_update().get(pk=coordinator.pk)


def year_state(coordinator: Coordinator, year: int, *, without: int | None = None) -> rules.Year:
    """What the rules need of one coordinator's year: four queries. `without`: a declaration
    left out (the one being approved, checked against the rest)."""
    system = (
        YearSystem.objects.filter(coordinator=coordinator, year=year)
        .values_list("system", flat=True)
        .first()
    )
    caps = YearCaps.objects.filter(year=year).first()
    elsewhere = (
        Elsewhere.objects.filter(coordinator=coordinator, year=year)
        .values_list("amount_cents", flat=True)
        .first()
    )
    entries = [
        rules.Entry(kind, on, amount, km)
        for kind, on, amount, km in Declaration.objects.filter(coordinator=coordinator, year=year)
        .exclude(status=Declaration.Status.RETURNED)
        .exclude(pk=without)
        .values_list("kind", "on", "amount_cents", "km")
    ]
    return rules.Year(
        year=year,
        system=system,
        caps=caps.as_rule() if caps else None,
        entries=entries,
        elsewhere_cents=elsewhere or 0,
    )


def km_rate_on(day: dt.date) -> Decimal | None:
    return (
        KmRate.objects.filter(year=day.year, quarter=(day.month - 1) // 3 + 1)
        .values_list("rate", flat=True)
        .first()
    )


# The office's data --------------------------------------------------------------------------


@transaction.atomic
def year_caps_save(
    *,
    year: int,
    day_cap_cents: int,
    year_cap_cents: int,
    day_amount_cents: int,
    source: str,
    actor: User,
) -> YearCaps:
    if not 0 < day_amount_cents <= day_cap_cents:
        raise AllowanceRefused(
            _("De vergoeding per dag moet groter zijn dan nul en mag het dagmaximum niet passeren.")
        )
    caps, _created = YearCaps.objects.update_or_create(
        year=year,
        defaults={
            "day_cap_cents": day_cap_cents,
            "year_cap_cents": year_cap_cents,
            "day_amount_cents": day_amount_cents,
            "source": source,
        },
    )
    audit_record(
        actor=actor,
        action="allowance_caps.saved",
        obj=caps,
        data={"day_cap_cents": day_cap_cents, "year_cap_cents": year_cap_cents},
    )
    return caps


@transaction.atomic
def km_rate_save(*, year: int, quarter: int, rate: Decimal, source: str, actor: User) -> KmRate:
    km_rate, _created = KmRate.objects.update_or_create(
        year=year, quarter=quarter, defaults={"rate": rate, "source": source}
    )
    audit_record(actor=actor, action="km_rate.saved", obj=km_rate, data={"rate": str(rate)})
    return km_rate


@transaction.atomic
def year_system_choose(
    *, coordinator: Coordinator, year: int, system: str, actor: User
) -> YearSystem:
    """One system per coordinator and calendar year; it changes only while nothing was declared."""
    coordinator = _lock(coordinator)
    _refuse(rules.system_change_refusal(year_state(coordinator, year), system))
    chosen, _created = YearSystem.objects.update_or_create(
        coordinator=coordinator, year=year, defaults={"system": system}
    )
    audit_record(actor=actor, action="allowance_system.chosen", obj=chosen, data={"system": system})
    return chosen


# The coordinator's own data -----------------------------------------------------------------


@transaction.atomic
def elsewhere_set(
    *, coordinator: Coordinator, year: int, amount_cents: int, days: int, actor: User
) -> Elsewhere:
    coordinator = _lock(coordinator)
    _refuse(rules.elsewhere_refusal(year_state(coordinator, year), amount_cents))
    elsewhere, _created = Elsewhere.objects.update_or_create(
        coordinator=coordinator, year=year, defaults={"amount_cents": amount_cents, "days": days}
    )
    audit_record(
        actor=actor,
        action="allowance_elsewhere.set",
        obj=elsewhere,
        data={"amount_cents": amount_cents, "days": days},
    )
    return elsewhere


@transaction.atomic
def payout_account_set(
    *, coordinator: Coordinator, holder: str, iban: str, actor: User
) -> PayoutAccount:
    if not in_sepa_zone(iban):  # the payout file could not reach it
        raise AllowanceRefused(str(NOT_SEPA))
    previous = (
        PayoutAccount.objects.filter(coordinator=coordinator).values_list("iban", flat=True).first()
    )
    account, _created = PayoutAccount.objects.update_or_create(
        coordinator=coordinator, defaults={"holder": holder, "iban": iban}
    )
    audit_record(actor=actor, action="payout_account.set", obj=account)
    if previous and previous != account.iban:
        # A taken-over login could divert the next payout: the office is told at once.
        outbox_send(
            kind="payout_account_changed",
            recipe="payout_account_changed",
            recipient=Organisation.current().email,
            related=account,
        )
    return account


def _earlier_periods(
    trajectory: Trajectory, coordinator: Coordinator
) -> list[tuple[dt.date, dt.date]]:
    """When the coordinator worked on the trajectory before another took it over."""
    return list(
        PastAssignment.objects.filter(trajectory=trajectory, coordinator=coordinator).values_list(
            "from_on", "until_on"
        )
    )


@transaction.atomic
def declaration_create(
    *,
    coordinator: Coordinator,
    trajectory: Trajectory,
    kind: str,
    on: dt.date,
    actor: User,
    km: int = 0,
    route_from: str = "",
    route_to: str = "",
    amount_cents: int = 0,
    description: str = "",
    receipt: bytes | None = None,
    receipt_type: str = "",
    receipt_name: str = "",
    once: str = "",
) -> Declaration:
    """A day (its amount is the year's day amount), a trip (km x the quarter's rate) or a real
    cost with its receipt, checked against the rules of the year. The same form sent again
    (`once`, its token) raises `SentBefore` and declares nothing."""
    coordinator = _lock(coordinator)
    once_claim(scope="declaration", token=once)
    current = trajectory.coordinator_id == coordinator.pk
    since = timezone.localdate(trajectory.assigned_at or trajectory.referred_at)
    earlier = _earlier_periods(trajectory, coordinator)
    if not (current and on >= since) and not any(a <= on <= b for a, b in earlier):
        if current:
            raise AllowanceRefused(
                _(
                    "Op %(date)s werkte je nog niet aan dit traject: het werd je toegewezen op "
                    "%(since)s. Kies een datum vanaf dan."
                )
                % {"date": f"{on:%d/%m/%Y}", "since": f"{since:%d/%m/%Y}"}
            )
        if not earlier:
            raise AllowanceRefused(_("Dit traject is niet aan jou toegewezen."))
        raise AllowanceRefused(
            _(
                "Je werkte aan dit traject tot %(until)s; daarna nam een andere coördinator het "
                "over. Kies een datum tot dan."
            )
            % {"until": f"{max(b for _a, b in earlier):%d/%m/%Y}"}
        )
    state = year_state(coordinator, on.year)
    km_rate = None
    if kind == rules.DAY:
        caps = YearCaps.objects.filter(year=on.year).first()
        amount_cents = caps.day_amount_cents if caps else 0
    elif kind == rules.KM:
        km_rate = km_rate_on(on)
        if km_rate is None and km > 0:
            raise AllowanceRefused(
                _(
                    "Er is nog geen kilometervergoeding voor het kwartaal van %(date)s. Vraag het"
                    " secretariaat ze in te vullen."
                )
                % {"date": on.strftime("%d/%m/%Y")}
            )
        amount_cents = rules.km_amount_cents(km, km_rate) if km_rate else 0
    elif kind == rules.COST and not receipt:
        raise AllowanceRefused(_("Voeg een foto of PDF van het bewijsstuk toe."))
    _refuse(rules.refusal(state, rules.Entry(kind, on, amount_cents, km)))
    if kind == rules.KM and amount_cents <= 0:
        raise AllowanceRefused(_("Deze rit is te kort om een bedrag te geven."))
    declaration = Declaration.objects.create(
        coordinator=coordinator,
        trajectory=trajectory,
        kind=kind,
        on=on,
        year=on.year,
        amount_cents=amount_cents,
        km=km if kind == rules.KM else 0,
        km_rate=km_rate,
        route_from=route_from,
        route_to=route_to,
        description=description,
        receipt=receipt if kind == rules.COST else None,
        receipt_type=receipt_type if kind == rules.COST else "",
        receipt_name=receipt_name[:120] if kind == rules.COST else "",
    )
    audit_record(
        actor=actor,
        action="declaration.created",
        obj=declaration,
        data={"kind": kind, "amount_cents": amount_cents, "km": declaration.km},
    )
    return declaration


# The office's decisions ---------------------------------------------------------------------


def _decide(declaration: Declaration, to: str, actor: User, reason: str = "") -> Declaration:
    declaration = (
        Declaration.objects.select_for_update()
        .select_related("coordinator__user", "trajectory")
        .get(pk=declaration.pk)
    )
    if declaration.status != Declaration.Status.SUBMITTED:
        raise AllowanceRefused(
            _("Deze aangifte is al %(status)s; herlaad de pagina.")
            % {"status": declaration.get_status_display().lower()}
        )
    if to == Declaration.Status.APPROVED:
        _still_fits(declaration)
    before = declaration.status
    declaration.status = to
    declaration.decided_at = timezone.now()
    declaration.decided_by = actor
    declaration.return_reason = reason
    declaration.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    audit_record(
        actor=actor,
        action=f"declaration.{to}",
        obj=declaration,
        data={"from": before, "to": to},
    )
    return declaration


@transaction.atomic
def declaration_approve(*, declaration: Declaration, actor: User) -> Declaration:
    return _decide(declaration, Declaration.Status.APPROVED, actor)


def _still_fits(declaration: Declaration) -> None:
    """Approved only while it fits the year's rules: the office may have corrected the year's
    amounts (or the other declarations changed) since it was declared."""
    _lock(declaration.coordinator)
    state = year_state(declaration.coordinator, declaration.year, without=declaration.pk)
    entry = rules.Entry(declaration.kind, declaration.on, declaration.amount_cents, declaration.km)
    refused = rules.refusal(state, entry)
    if refused is not None:
        raise AllowanceRefused(
            _("Deze aangifte past niet meer binnen de regels van het jaar: %(why)s Stuur ze terug.")
            % {"why": refusal_text(refused)}
        )


@transaction.atomic
def declaration_return(*, declaration: Declaration, reason: str, actor: User) -> Declaration:
    """Back to the coordinator with the reason, by mail; it no longer counts toward the caps."""
    if not reason.strip():
        raise AllowanceRefused(_("Schrijf waarom je de aangifte terugstuurt."))
    declaration = _decide(declaration, Declaration.Status.RETURNED, actor, reason.strip())
    outbox_send(
        kind="declaration_returned",
        recipe="declaration_returned",
        recipient=declaration.coordinator.user.email,
        related=declaration,
    )
    return declaration


# Payout files -------------------------------------------------------------------------------


def _end_to_end_id() -> str:
    return f"EKVV{secrets.token_hex(8).upper()}"


@transaction.atomic
def payout_make(*, actor: User, execution_date: dt.date, schema: str = "pain.001.001.09") -> Payout:
    """One SEPA file paying every approved declaration not yet in a file: one transfer per
    coordinator with an account. Those without an account wait; the page says who."""
    # Loaded when a file is made: sepaxml and its schema checker cost every command's start-up.
    from eigenkracht.banking.sepa import Debtor, SepaFileError, Transfer, credit_transfer_file

    declarations = list(
        Declaration.objects.select_for_update(of=("self",))
        .filter(
            status=Declaration.Status.APPROVED,
            payout_line__isnull=True,
            coordinator__payout_account__isnull=False,
        )
        .select_related("coordinator__payout_account", "coordinator__user")
        .order_by("coordinator_id", "on", "id")
    )
    if not declarations:
        raise AllowanceRefused(
            _("Er is niets goedgekeurd om uit te betalen aan iemand met een rekeningnummer.")
        )
    per_coordinator: dict[int, list[Declaration]] = defaultdict(list)
    for declaration in declarations:
        per_coordinator[declaration.coordinator_id].append(declaration)
    lines = []
    for items in per_coordinator.values():
        coordinator = items[0].coordinator
        account = coordinator.payout_account
        years = sorted({d.year for d in items})
        lines.append(
            (
                PayoutLine(
                    coordinator=coordinator,
                    holder=account.holder,
                    iban=account.iban,
                    amount_cents=sum(d.amount_cents for d in items),
                    end_to_end_id=_end_to_end_id(),
                ),
                items,
                _("Vrijwilligersvergoeding Eigen Kracht %(years)s")
                % {"years": ", ".join(str(y) for y in years)},
            )
        )
    organisation = Organisation.current()
    try:
        message_id, content = credit_transfer_file(
            debtor=Debtor(
                name=organisation.beneficiary, iban=organisation.iban, bic=organisation.bic
            ),
            transfers=[
                Transfer(
                    end_to_end_id=line.end_to_end_id,
                    name=line.holder,
                    iban=line.iban,
                    amount_cents=line.amount_cents,
                    communication=f"{communication} {line.end_to_end_id}",
                )
                for line, _items, communication in lines
            ],
            execution_date=execution_date,
            schema=schema,
        )
    except SepaFileError as exc:
        raise AllowanceRefused(
            _("Het bestand kon niet gemaakt worden: een rekeningnummer of naam klopt niet.")
        ) from exc
    payout = Payout.objects.create(
        message_id=message_id,
        schema=schema,
        execution_date=execution_date,
        count=len(lines),
        total_cents=sum(line.amount_cents for line, _i, _c in lines),
        content=content,
        created_by=actor,
    )
    for line, items, _communication in lines:
        line.payout = payout
        line.save()
        Declaration.objects.filter(pk__in=[d.pk for d in items]).update(payout_line=line)
    audit_record(
        actor=actor,
        action="payout.made",
        obj=payout,
        data={"count": payout.count, "total_cents": payout.total_cents},
    )
    return payout


@transaction.atomic
def payout_mark_sent(*, payout: Payout, actor: User) -> Payout:
    """The office uploaded the file at the bank; the statement will tell when it is paid."""
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != Payout.Status.MADE:
        raise AllowanceRefused(_("Dit bestand werd al als opgeladen gemarkeerd."))
    payout.status = Payout.Status.SENT
    payout.sent_at = timezone.now()
    payout.save(update_fields=["status", "sent_at"])
    audit_record(
        actor=actor,
        action="payout.sent",
        obj=payout,
        data={"from": Payout.Status.MADE, "to": Payout.Status.SENT},
    )
    return payout


@transaction.atomic
def payout_withdraw(*, payout: Payout, actor: User) -> Payout:
    """The file was not (and will not be) uploaded: its declarations wait for a next file."""
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != Payout.Status.MADE:
        raise AllowanceRefused(
            _("Enkel een bestand dat nog niet opgeladen is, kan ingetrokken worden.")
        )
    payout.status = Payout.Status.WITHDRAWN
    payout.save(update_fields=["status"])
    count = Declaration.objects.filter(payout_line__payout=payout).update(payout_line=None)
    audit_record(
        actor=actor,
        action="payout.withdrawn",
        obj=payout,
        data={"from": Payout.Status.MADE, "to": Payout.Status.WITHDRAWN, "count": count},
    )
    return payout


def payout_lines_mark_paid(
    *, paid: dict[int, int], actor: User | None, transaction_ids: Sequence[int]
) -> None:
    """Payout line id -> index of the statement's transaction that paid it (ids in file order);
    its declarations are paid. Runs inside the statement import's transaction."""
    now = timezone.now()
    for line_id, index in paid.items():
        PayoutLine.objects.filter(pk=line_id).update(
            paid_at=now, bank_transaction_id=transaction_ids[index]
        )
        Declaration.objects.filter(payout_line_id=line_id).update(status=Declaration.Status.PAID)
    for line in PayoutLine.objects.filter(pk__in=list(paid)).select_related("payout"):
        audit_record(
            actor=actor,
            action="payout_line.paid",
            obj=line.payout,
            data={"line": line.end_to_end_id, "amount_cents": line.amount_cents},
        )


def payout_lines_mark_unpaid(*, line_ids: Sequence[int], actor: User | None) -> None:
    """The statement that paid these lines was undone: open again, their declarations approved
    (not paid). Runs inside the undo's transaction."""
    PayoutLine.objects.filter(pk__in=line_ids).update(paid_at=None, bank_transaction_id=None)
    Declaration.objects.filter(payout_line_id__in=line_ids, status=Declaration.Status.PAID).update(
        status=Declaration.Status.APPROVED
    )
    for line in PayoutLine.objects.filter(pk__in=line_ids).select_related("payout"):
        audit_record(
            actor=actor,
            action="payout_line.unpaid",
            obj=line.payout,
            data={"line": line.end_to_end_id, "amount_cents": line.amount_cents},
        )
