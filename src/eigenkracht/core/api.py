"""Pieces every part of the JSON API shares: the error bodies each operation documents, Dutch
messages for invalid parameters, and a limit/offset pagination the database can always run."""

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic_core import PydanticCustomError

from eigenkracht.core.models import BIGINT_MAX

MAX_PAGE_SIZE = 500
# PostgreSQL and SQLite hold ids, LIMIT and OFFSET as signed 64-bit integers (BIGINT_MAX): a
# larger number would reach the database and fail there, so the schema bounds every number.
# Text never holds a NUL character: such a request gets a 400 before any operation runs
# (eigenkracht.core.middleware.RejectNulMiddleware); text parameters say so in the schema.
WITHOUT_NUL = r"^[^\x00]*$"

ObjectId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in Dutch.")


class ValidationIssue(Schema):
    loc: list[str | int] = Field(description='Where, e.g. `["query", "month"]`.')
    msg: str = Field(description="What is wrong, in Dutch.")
    type: str = Field(description="A stable code for the kind of problem.")
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]


def _responses(ok: Any, *, auth: bool, not_found: bool) -> dict[int, Any]:
    responses: dict[int, Any] = {200: ok, 400: ErrorOut, 414: None, 422: ValidationErrorOut}
    if auth:
        responses[401] = ErrorOut
    if not_found:
        responses[404] = ErrorOut
    return responses


def list_responses(ok: Any, *, auth: bool = False) -> dict[int, Any]:
    """Every answer a list operation gives (400 and 414 come before the operation runs)."""
    return _responses(ok, auth=auth, not_found=False)


def detail_responses(ok: Any, *, auth: bool = False) -> dict[int, Any]:
    """Every answer an operation on one object gives."""
    return _responses(ok, auth=auth, not_found=True)


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            100,
            ge=1,
            description=f"Items per page; more than {MAX_PAGE_SIZE} counts as {MAX_PAGE_SIZE}.",
        )
        offset: int = Field(0, ge=0, le=BIGINT_MAX, description="Items to skip.")


def status_filter(statuses: list[str]) -> Any:
    """A query parameter taking one of `statuses`; empty or absent, it filters nothing."""
    return Field(
        "",
        description="Only this status (empty: any).",
        json_schema_extra={"enum": ["", *statuses]},
    )


def known_status(value: str, statuses: list[str]) -> str:
    if value and value not in statuses:
        raise PydanticCustomError(
            "unknown_status",
            _("Onbekende status '{value}'. Kies uit: {allowed}."),
            {"value": value, "allowed": ", ".join(statuses)},
        )
    return value


def _dutch(issue: dict[str, Any]) -> str:
    ctx = issue.get("ctx") or {}
    kind = issue.get("type")
    if kind == "int_parsing":
        return _("Geef een geheel getal.")
    if kind == "greater_than_equal":
        return _("Geef een getal vanaf {minimum}.").format(minimum=ctx.get("ge"))
    if kind == "less_than_equal":
        return _("Geef een getal tot en met {maximum}.").format(maximum=ctx.get("le"))
    return issue.get("msg", "")


def validation_error_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The 422 body: ninja's list of problems, each message in Dutch (our own validators write
    theirs in Dutch already)."""
    return {"detail": [{**issue, "msg": _dutch(issue)} for issue in errors]}
