"""Participants as a table, and any tables written to XLSX (openpyxl) or CSV.

Building a table runs a fixed number of queries, however many rows it holds. Cells keep their
type (text, `Money`, `Ogm`, dates, numbers) until a writer decides how to show them.
"""

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.fields import cents_to_input
from eigenkracht.core.phone import phone_display
from eigenkracht.trainings.backoffice.views import csv_safe
from eigenkracht.trainings.models import Participant, Registration, Training, TrainingQuestion
from eigenkracht.trainings.questions.services import (
    answer_display,
    answers_by_participant,
    answers_summary,
)

EURO_FORMAT = "€ #,##0.00"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MIN_WIDTH = 8
MAX_WIDTH = 50
SHEET_TITLE_MAX = 31


@dataclass(frozen=True)
class Money:
    cents: int


@dataclass(frozen=True)
class Ogm:
    digits: str


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    totals: list[list[Any]] = field(default_factory=list)
    # Whose personal data the rows hold, for the audit log.
    registration_ids: set[int] = field(default_factory=set)
    bank_transaction_ids: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Scope:
    """One training, or a period (both dates included)."""

    training: Training | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def slug(self) -> str:
        if self.training is not None:
            stamp = (
                self.training.starts_on.isoformat() if self.training.starts_on else "zonder-datum"
            )
            return f"vorming-{self.training.pk}-{stamp}"
        return f"{self.date_from.isoformat()}-tot-{self.date_to.isoformat()}"


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Spreadsheets know no time zones: local wall-clock time, without tzinfo."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


# Participants ----------------------------------------------------------------------------------


def participants_queryset(scope: Scope) -> QuerySet[Participant]:
    queryset = Participant.objects.select_related("registration__training__venue")
    if scope.training is not None:
        queryset = queryset.filter(registration__training=scope.training)
    else:
        queryset = queryset.filter(
            registration__training__starts_on__range=(scope.date_from, scope.date_to)
        )
    return queryset.order_by(
        "registration__training__starts_on",
        "registration__training_id",
        "registration__created_at",
        "registration_id",
        "id",
    )


def participants_section(scope: Scope) -> Section:
    """One row per participant. A registration's amounts stand on its first participant's row
    only, so that the column sums match the totals (a registration may book several seats)."""
    section = Section(
        title=_("Deelnemers"),
        headers=[
            _("Vorming"),
            _("Begindatum"),
            _("Einddatum"),
            _("Gemeente"),
            _("Code"),
            _("Status"),
            _("Deelnemer"),
            _("E-mailadres"),
            _("Organisatie"),
            _("Functie"),
            _("Telefoon"),
            _("Te betalen"),
            _("Betaald"),
            _("Gestructureerde mededeling"),
            _("Ingeschreven op"),
        ],
    )
    # One column per question of the training; a period's trainings ask different questions,
    # so there all answers share one column.
    if scope.training is not None:
        questions = list(scope.training.questions.all())
        section.headers += [question.text for question in questions]
    else:
        questions = list(
            TrainingQuestion.objects.filter(
                training__starts_on__range=(scope.date_from, scope.date_to)
            )
        )
        if questions:
            section.headers.append(_("Antwoorden op de vragen"))
    by_pk = {question.pk: question for question in questions}
    answers = answers_by_participant(participants_queryset(scope).order_by().values("pk"))
    seen: set[int] = set()
    per_status: Counter[str] = Counter()
    due = paid = 0
    for participant in participants_queryset(scope):
        registration = participant.registration
        training = registration.training
        first_of_registration = registration.pk not in seen
        if first_of_registration:
            seen.add(registration.pk)
            due += registration.amount_due_cents
            paid += registration.amount_paid_cents
        per_status[registration.status] += 1
        section.registration_ids.add(registration.pk)
        section.rows.append(
            [
                training.title,
                training.starts_on,
                training.ends_on,
                training.venue.city,
                registration.code,
                registration.get_status_display(),
                participant.full_name,
                participant.email,
                registration.organisation,
                registration.job,
                phone_display(registration.phone),
                Money(registration.amount_due_cents) if first_of_registration else None,
                Money(registration.amount_paid_cents) if first_of_registration else None,
                Ogm(registration.structured_communication),
                _local(registration.created_at),
                *_answer_cells(scope, questions, by_pk, answers.get(participant.pk, {})),
            ]
        )
    width = len(section.headers)
    total = [_("Totaal")] + [None] * (width - 1)
    total[6], total[11], total[12] = len(section.rows), Money(due), Money(paid)
    section.totals.append(total)
    for value, label in Registration.Status.choices:
        if per_status[value]:
            section.totals.append([label] + [None] * 5 + [per_status[value]])
    return section


def _answer_cells(
    scope: Scope,
    questions: list[TrainingQuestion],
    by_pk: dict[int, TrainingQuestion],
    answers: dict[int, Any],
) -> list[str | None]:
    if scope.training is not None:
        return [answer_display(q, answers[q.pk]) if q.pk in answers else None for q in questions]
    return [answers_summary(by_pk, answers) or None] if questions else []


# Writers ---------------------------------------------------------------------------------------


def _xlsx_cell(cell: Any, value: Any) -> None:
    if isinstance(value, Money):
        cell.value = Decimal(value.cents) / 100
        cell.number_format = EURO_FORMAT
    elif isinstance(value, Ogm):
        cell.value = ogm_display(value.digits)
    elif isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = str(value) if isinstance(value, Promise) else value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, never a formula


def _display_length(value: Any) -> int:
    if isinstance(value, Money):
        return len(cents_to_input(value.cents)) + 3
    if isinstance(value, Ogm):
        return 20
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0


def write_xlsx(sections: list[Section]) -> bytes:
    # Loaded when used: openpyxl (with numpy) costs 0.2 s, and reversing a URL imports every view.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(section.title[:SHEET_TITLE_MAX])
        sheet.append(section.headers)
        for cell in sheet[1]:
            cell.font = bold
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a question the office wrote: text, never a formula
        sheet.freeze_panes = "A2"
        lines = [*section.rows, [], *section.totals] if section.totals else section.rows
        for row_index, values in enumerate(lines, start=2):
            for column_index, value in enumerate(values, start=1):
                if value is not None:
                    _xlsx_cell(sheet.cell(row=row_index, column=column_index), value)
        for row_index in range(len(section.rows) + 3, len(lines) + 2):
            for cell in sheet[row_index]:
                cell.font = bold
        for column_index, header in enumerate(section.headers, start=1):
            longest = max(
                [len(header)] + [_display_length(row[column_index - 1]) for row in section.rows]
            )
            width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(column_index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(value: Any) -> str:
    if isinstance(value, Money):
        return cents_to_input(value.cents)
    if isinstance(value, Ogm):
        # Without the +++ an OGM cannot pass for a formula, as in the per-training export.
        return ogm_display(value.digits).strip("+")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return csv_safe(value)


def write_csv(sections: list[Section]) -> str:
    """`;`-separated with decimal commas, for Excel in Flanders; a BOM so it reads UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for index, section in enumerate(sections):
        if index:
            writer.writerow([])
            writer.writerow([csv_safe(section.title)])
        writer.writerow([csv_safe(header) for header in section.headers])
        for row in [*section.rows, *section.totals]:
            writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue()


# Kinds and formats -----------------------------------------------------------------------------

PARTICIPANTS = "participants"
PAYMENTS = "payments"
XLSX = "xlsx"
CSV = "csv"
