"""JSON API for trainings (public) and registrations (staff with an API key)."""

import datetime as dt
import re
from typing import Any, Literal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from eigenkracht.accounts.tokens import ApiTokenAuth
from eigenkracht.core.api import (
    MAX_PAGE_SIZE,
    WITHOUT_NUL,
    ObjectId,
    Pagination,
    detail_responses,
    known_status,
    list_responses,
    status_filter,
)
from eigenkracht.core.http import client_ip
from eigenkracht.trainings import rules
from eigenkracht.trainings.models import Participant, Registration, Session, Training
from eigenkracht.trainings.selectors import public_training, public_trainings
from eigenkracht.trainings.services import registration_closed_reason, registrations_read

router = Router()


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# The schema publishes this pattern, so the server and the schema agree on what a month is
# (ASCII digits only, years 1000-9999).
MONTH = r"[1-9][0-9]{3}-(0[1-9]|1[0-2])"


def _parse_month(value: str) -> dt.date:
    if not re.fullmatch(MONTH, value):
        raise PydanticCustomError(
            "month_format",
            _("Ongeldige maand '{value}': gebruik het formaat JJJJ-MM, bijvoorbeeld 2027-02."),
            {"value": value},
        )
    return dt.date(int(value[:4]), int(value[5:]), 1)


# Schemas ---------------------------------------------------------------------------------------


class VenueOut(Schema):
    name: str
    street: str
    postcode: str
    city: str


class SessionOut(Schema):
    date: dt.date
    start: dt.datetime = Field(description="Start, ISO 8601 with the Europe/Brussels offset.")
    end: dt.datetime = Field(description="End, ISO 8601 with the Europe/Brussels offset.")

    @staticmethod
    def resolve_start(obj: Session) -> dt.datetime:
        return timezone.localtime(obj.starts_at)

    @staticmethod
    def resolve_end(obj: Session) -> dt.datetime:
        return timezone.localtime(obj.ends_at)


class TrainingOut(Schema):
    id: int
    title: str
    description: str = Field(description="Markdown source.")
    url: str = Field(description="The training's public page.")
    status: Literal["published", "cancelled"]
    venue: VenueOut
    sessions: list[SessionOut]
    capacity: int
    seats_left: int = Field(description="Capacity minus confirmed and pending seats.")
    fee_cents: int = Field(description="Price per participant in euro cents.")
    currency: Literal["EUR"]
    registration_open: bool
    registration_url: str

    @staticmethod
    def resolve_url(obj: Training) -> str:
        return _absolute(reverse("trainings:detail", args=[obj.pk]))

    @staticmethod
    def resolve_sessions(obj: Training) -> list[Session]:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_seats_left(obj: Training) -> int:
        return rules.seats_left(capacity=obj.capacity, seats_taken=obj.seats_taken)

    @staticmethod
    def resolve_currency(obj: Training) -> str:
        return "EUR"

    @staticmethod
    def resolve_registration_open(obj: Training) -> bool:
        return registration_closed_reason(obj) == ""

    @staticmethod
    def resolve_registration_url(obj: Training) -> str:
        return _absolute(reverse("trainings:register", args=[obj.pk]))


class TrainingFilters(Schema):
    city: str = Field(
        "", description="Only trainings in this city (case-insensitive).", pattern=WITHOUT_NUL
    )
    month: str | None = Field(
        None,
        description="Only trainings starting in this month, as YYYY-MM (empty: any month).",
        json_schema_extra={
            "pattern": f"^({MONTH})?$",
            "examples": ["2027-02"],
        },
    )

    @field_validator("month")
    @classmethod
    def _month_format(cls, value: str | None) -> str | None:
        if value:
            _parse_month(value)
        return value or None


class ParticipantOut(Schema):
    first_name: str
    last_name: str
    email: str


class RegistrationOut(Schema):
    code: str
    training: int = Field(description="Id of the training.")
    structured_communication: str = Field(description="12 digits, without +++ or slashes.")
    status: Registration.Status
    amount_due_cents: int
    amount_paid_cents: int
    created_at: dt.datetime
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_training(obj: Registration) -> int:
        return obj.training_id

    @staticmethod
    def resolve_created_at(obj: Registration) -> dt.datetime:
        return timezone.localtime(obj.created_at)

    @staticmethod
    def resolve_participants(obj: Registration) -> list[Participant]:
        return list(obj.participants.all())


class RegistrationFilters(Schema):
    training: ObjectId | None = Field(None, description="Only registrations for this training id.")
    status: str = status_filter(Registration.Status.values)

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        return known_status(value, Registration.Status.values)


# Operations ------------------------------------------------------------------------------------


@router.get(
    "/trainings",
    response=list_responses(list[TrainingOut]),
    summary="Upcoming published trainings",
    tags=["trainings"],
)
def training_list(request: HttpRequest, filters: Query[TrainingFilters]) -> QuerySet[Training]:
    month = _parse_month(filters.month) if filters.month else None
    return public_trainings(city=filters.city.strip(), month=month)


@router.get(
    "/trainings/{training_id}",
    response=detail_responses(TrainingOut),
    summary="One published or cancelled training",
    tags=["trainings"],
)
def training_detail(request: HttpRequest, training_id: ObjectId) -> Training:
    try:
        return public_training(training_id)
    except Training.DoesNotExist:
        raise Http404 from None


class RegistrationPage(Pagination):
    """A page of registrations read through the API goes into the audit log: whose details
    left the system, through which key."""

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page[self.items_attribute] = items = list(page[self.items_attribute])
        registrations_read(
            actor=request.auth.user,
            page=f"api:/registrations (sleutel {request.auth.prefix}…)",
            ids=[registration.pk for registration in items],
            ip_address=client_ip(request),
        )
        return page


@router.get(
    "/registrations",
    response=list_responses(list[RegistrationOut], auth=True),
    auth=ApiTokenAuth(),
    summary="Registrations (staff, with an API key)",
    tags=["registrations"],
)
@paginate(RegistrationPage, max_limit=MAX_PAGE_SIZE)
def registration_list(
    request: HttpRequest, filters: Query[RegistrationFilters]
) -> QuerySet[Registration]:
    registrations = Registration.objects.prefetch_related(
        Prefetch("participants", queryset=Participant.objects.order_by("id"))
    ).order_by("-created_at", "-id")
    if filters.training is not None:
        registrations = registrations.filter(training_id=filters.training)
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    return registrations
