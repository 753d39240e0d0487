"""The legal duties towards a volunteer and the facts the ranking reads. The rules are pure
functions of dates; `facts_for` reads them for many coordinators at once."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers.models import (
    AwayPeriod,
    ModuleFollowed,
    TrainingModule,
    Volunteer,
    VolunteerSettings,
)

# The office is warned this long before a criminal-record check expires.
WARN_BEFORE = dt.timedelta(days=30)


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def record_valid_until(checked_on: dt.date, years: int) -> dt.date:
    """The last day a check counts: the check is expired from the day after."""
    return years_later(checked_on, years)


def duty_problems(volunteer: Volunteer | None, *, today: dt.date, years: int) -> list[str]:
    """What is missing or expired, in words; empty when every duty is met."""
    if volunteer is None:
        return [
            _("informatienota niet gegeven"),
            _("verzekering niet bevestigd"),
            _("uittreksel uit het strafregister niet gezien"),
        ]
    problems = []
    if volunteer.note_given_on is None or not volunteer.note_version:
        problems.append(_("informatienota niet gegeven"))
    if not volunteer.insured:
        problems.append(_("verzekering niet bevestigd"))
    if volunteer.works_with_minors:
        if volunteer.record_checked_on is None:
            problems.append(_("uittreksel uit het strafregister niet gezien"))
        elif today > record_valid_until(volunteer.record_checked_on, years):
            problems.append(
                _("uittreksel uit het strafregister vervallen op %(date)s")
                % {
                    "date": (
                        record_valid_until(volunteer.record_checked_on, years)
                        + dt.timedelta(days=1)
                    ).strftime("%d/%m/%Y")
                }
            )
    return problems


@dataclass(frozen=True)
class Facts:
    """What the ranking and the coordinator list need to know about one coordinator."""

    trained: bool
    duty_problems: tuple[str, ...]
    away_until: dt.date | None
    preferred_days: tuple[int, ...]
    preferred_parts: tuple[str, ...]


def facts_for(coordinators: list[Coordinator], *, today: dt.date) -> dict[int, Facts]:
    """A constant number of queries for any number of coordinators."""
    ids = [c.pk for c in coordinators]
    years = VolunteerSettings.current().record_renewal_years
    volunteers = {v.pk: v for v in Volunteer.objects.filter(pk__in=ids)}
    module_ids = set(TrainingModule.objects.filter(active=True).values_list("pk", flat=True))
    followed: dict[int, set[int]] = {}
    for coordinator_id, module_id in ModuleFollowed.objects.filter(
        coordinator_id__in=ids
    ).values_list("coordinator_id", "module_id"):
        followed.setdefault(coordinator_id, set()).add(module_id)
    away: dict[int, dt.date] = {}
    for period in AwayPeriod.objects.filter(
        coordinator_id__in=ids, starts_on__lte=today, ends_on__gte=today
    ):
        away[period.coordinator_id] = max(period.ends_on, away.get(period.coordinator_id, today))
    facts = {}
    for pk in ids:
        volunteer = volunteers.get(pk)
        facts[pk] = Facts(
            trained=bool(module_ids) and module_ids <= followed.get(pk, set()),
            duty_problems=tuple(duty_problems(volunteer, today=today, years=years)),
            away_until=away.get(pk),
            preferred_days=tuple(volunteer.preferred_days) if volunteer else (),
            preferred_parts=tuple(volunteer.preferred_parts) if volunteer else (),
        )
    return facts


def coordinator_duty_problems(coordinator: Coordinator, *, today: dt.date) -> list[str]:
    volunteer = Volunteer.objects.filter(pk=coordinator.pk).first()
    years = VolunteerSettings.current().record_renewal_years
    return duty_problems(volunteer, today=today, years=years)
