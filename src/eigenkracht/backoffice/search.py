"""The staff search: one query string, the registrations, trajectories and trainings it names.

What the text looks like decides how it is searched: a structured communication (any notation),
an IBAN (any spacing or case) and a registration code are exact lookups through their own
indexes; anything else is looked for inside names, e-mail addresses, references and titles
(on PostgreSQL through trigram indexes, see docs/decisions.md). Each group costs a constant
number of queries: a count and one capped page (plus the trajectories' main people).
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Q, QuerySet
from stdnum import iban as stdnum_iban

from eigenkracht.accounts.policies import can_use_backoffice, can_use_trajectories
from eigenkracht.banking.iban import be_account_checks_out
from eigenkracht.banking.ogm import ogm_parse
from eigenkracht.core.pagination import paginate_count
from eigenkracht.payments.models import Payment, Refund
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trajectories.access import display_title
from eigenkracht.trajectories.selectors import norms_now, trajectories_for_list

MIN_LENGTH = 2
MAX_LENGTH = 100
PER_GROUP = 8  # rows per group on the overview; "show all" pages through the rest
PER_PAGE = 50
_CODE = re.compile(r"EK[0-9A-Z]{6}")

REGISTRATIONS = "registrations"
TRAJECTORIES = "trajectories"
TRAININGS = "trainings"
KINDS = (REGISTRATIONS, TRAJECTORIES, TRAININGS)


@dataclass(frozen=True)
class Terms:
    """What the typed text is, read once."""

    text: str
    words: tuple[str, ...]
    ogm: str = ""
    iban: str = ""
    code: str = ""


def read_terms(text: str) -> Terms | None:
    """The terms of `text`, or None when it is too short to search for."""
    text = " ".join(text.split())[:MAX_LENGTH]
    if len(text.replace(" ", "")) < MIN_LENGTH:
        return None
    compact = re.sub(r"\s", "", text).upper()
    iban = ""
    if re.fullmatch(r"[A-Z]{2}[0-9]{2}[0-9A-Z]{8,30}", compact) and (
        stdnum_iban.is_valid(compact) or be_account_checks_out(compact)
    ):
        iban = compact
    return Terms(
        text=text,
        words=tuple(text.split()),
        ogm=ogm_parse(text),
        iban=iban,
        code=compact if _CODE.fullmatch(compact) else "",
    )


@dataclass
class Group:
    kind: str
    count: int
    rows: list[Any]
    page: Page | None = None  # when one group is shown in full
    extra: dict[str, Any] = field(default_factory=dict)


def registrations_matching(terms: Terms) -> QuerySet[Registration]:
    if terms.ogm:
        return Registration.objects.filter(structured_communication=terms.ogm)
    if terms.iban:
        # The payer's account is on the bank transactions that paid, and on refunds.
        return Registration.objects.filter(
            Q(
                pk__in=Payment.objects.filter(
                    bank_transaction__counterparty_iban=terms.iban
                ).values("registration_id")
            )
            | Q(pk__in=Refund.objects.filter(payee_iban=terms.iban).values("registration_id"))
        )
    if terms.code:
        return Registration.objects.filter(code=terms.code)
    condition = Q()
    for word in terms.words:
        # Part of an e-mail address is looked for there only: one trigram index, not three.
        if "@" in word:
            condition &= Q(email__icontains=word)
        else:
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    return Registration.objects.filter(condition)


def trainings_matching(terms: Terms) -> QuerySet[Training]:
    if terms.ogm or terms.iban or terms.code:
        return Training.objects.none()
    return Training.objects.filter(title__icontains=terms.text)


def _page_of(queryset: QuerySet, count: int, number: int | None) -> tuple[list, Page | None]:
    if number is None:
        return list(queryset[:PER_GROUP]), None
    page = paginate_count(count, number, PER_PAGE)
    return list(queryset[page.start_index() - 1 if count else 0 :][:PER_PAGE]), page


def _registrations(terms: Terms, number: int | None) -> Group:
    # By name: no index gives that order, so PostgreSQL sorts the few matches instead of
    # walking the newest-first index until it meets eight of them (slow when they are rare).
    queryset = registrations_matching(terms).order_by("last_name", "first_name", "-id")
    count = queryset.count()
    rows, page = _page_of(
        queryset.select_related("training").only(
            "code",
            "structured_communication",
            "status",
            "first_name",
            "last_name",
            "email",
            "anonymised_at",
            "created_at",
            "training__title",
            "training__starts_on",
        ),
        count,
        number,
    )
    return Group(REGISTRATIONS, count, rows, page)


def _trajectories(user: Any, terms: Terms, number: int | None) -> Group:
    if terms.ogm or terms.iban or terms.code:
        return Group(TRAJECTORIES, 0, [], extra={"list_query": ""})
    # The trajectory list's own queryset and search: the same rows the list would show.
    queryset = trajectories_for_list(user, norms=norms_now(), query=terms.text)
    count = queryset.count()
    rows, page = _page_of(queryset, count, number)
    for trajectory in rows:
        trajectory.display_title = display_title(user, trajectory)
    return Group(TRAJECTORIES, count, rows, page, extra={"list_query": terms.text})


def _trainings(terms: Terms, number: int | None) -> Group:
    queryset = trainings_matching(terms).order_by("-starts_on", "-id")
    count = queryset.count()
    rows, page = _page_of(
        queryset.only("title", "starts_on", "status"),
        count,
        number,
    )
    return Group(TRAININGS, count, rows, page, extra={"list_query": terms.text})


def visible_kinds(user: Any) -> list[str]:
    """The groups `user` may search: registrations and trainings are the office's, trajectories
    everyone's who may see any (each sees only their own)."""
    office = can_use_backoffice(user)
    return [
        kind
        for kind, allowed in (
            (REGISTRATIONS, office),
            (TRAJECTORIES, can_use_trajectories(user)),
            (TRAININGS, office),
        )
        if allowed
    ]


def can_search(user: Any) -> bool:
    return bool(visible_kinds(user))


def staff_search(
    user: Any, terms: Terms, *, only: str = "", page_number: int | None = None
) -> list[Group]:
    """The groups `user` may see for `terms`, each capped; with `only`, that one group, paged."""
    groups = []
    for kind in visible_kinds(user):
        if only and kind != only:
            continue
        number = (page_number or 1) if only else None
        if kind == REGISTRATIONS:
            groups.append(_registrations(terms, number))
        elif kind == TRAJECTORIES:
            groups.append(_trajectories(user, terms, number))
        else:
            groups.append(_trainings(terms, number))
    return groups
