"""Working days on the official calendar of the State Council (法定节假日 and 调休 workdays).

A reply "within 5 working days" is counted on the official calendar: public holidays are not
working days, and the weekend days the State Council declares working days (调休上班) are.
The calendar comes from the ``chinesecalendar`` package (``chinese_calendar``), which knows every
year it was released with (2004–2026 for version 1.11.0). For a year it does not know, and that
the user's own calendar file does not describe, working days are Monday to Friday and
:class:`WorkdayCount` says so (``official`` is False), so a report can tell the reader.

Counting: the working days after the day a message was submitted, up to and including the day it
was answered. A message written on Monday and answered on Tuesday took 1 working day; one
written on Friday evening and answered the next Monday also took 1; one answered the same day
took 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml

__all__ = ["WorkdayCalendar", "WorkdayCount", "calendar_from_values", "read_calendar_file"]

_ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    """How many working days lie between two days, and whether the official calendar knew them all.

    ``unknown_years`` are the years counted Monday to Friday because neither the official
    calendar nor the user's calendar file covers them.
    """

    days: int
    unknown_years: tuple[int, ...] = ()

    @property
    def official(self) -> bool:
        return not self.unknown_years


@cache
def _official_years() -> tuple[int, int]:
    holidays: Iterable[datetime.date] = chinese_calendar.constants.holidays
    years = [day.year for day in holidays]
    return min(years), max(years)


@dataclass(frozen=True)
class WorkdayCalendar:
    """The official calendar, corrected or extended by the user's own holidays and working days.

    ``extra_holidays`` are days off (a new year's holidays before the package knows them, a
    local holiday); ``extra_workdays`` are working days (a new year's 调休 weekends). A year with
    any of these days counts as described by the user.
    """

    extra_holidays: frozenset[datetime.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[datetime.date] = field(default_factory=frozenset)

    def covers(self, year: int) -> bool:
        """True when the official calendar or the user's file describes ``year``."""
        first, last = _official_years()
        if first <= year <= last:
            return True
        return any(day.year == year for day in self.extra_holidays | self.extra_workdays)

    def is_workday(self, day: datetime.date) -> bool:
        """True for a working day: the user's file first, then the official calendar, else Monday–Friday."""
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        first, last = _official_years()
        if first <= day.year <= last:
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def working_days_between(self, start: datetime.date, end: datetime.date) -> WorkdayCount:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after it)."""
        days = 0
        unknown: set[int] = set()
        day = start + _ONE_DAY
        while day <= end:
            if not self.covers(day.year):
                unknown.add(day.year)
            days += self.is_workday(day)
            day += _ONE_DAY
        return WorkdayCount(days, tuple(sorted(unknown)))


def _days(values: Any, where: str) -> frozenset[datetime.date]:
    """Days from a YAML list of ``2027-01-01`` and ranges ``2027-10-01..2027-10-07``."""
    if values is None:
        return frozenset()
    if not isinstance(values, list):
        raise ValueError(f"{where}: expected a list of days, got {values!r}")
    days: set[datetime.date] = set()
    for value in values:
        if isinstance(value, datetime.date):
            days.add(value)
            continue
        text = str(value).strip()
        first_text, _, last_text = text.partition("..")
        try:
            first = datetime.date.fromisoformat(first_text.strip())
            last = datetime.date.fromisoformat(last_text.strip()) if last_text else first
        except ValueError as error:
            raise ValueError(
                f"{where}: {text!r} is not a day (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)"
            ) from error
        if last < first:
            raise ValueError(f"{where}: the range {text!r} ends before it starts")
        day = first
        while day <= last:
            days.add(day)
            day += _ONE_DAY
    return frozenset(days)


def calendar_from_values(values: Mapping[str, Any], where: str = "calendar") -> WorkdayCalendar:
    """A calendar from ``{holidays: [...], workdays: [...]}`` (days or ``first..last`` ranges)."""
    unknown = set(values) - {"holidays", "workdays"}
    if unknown:
        raise ValueError(f"{where}: a calendar has holidays and workdays, got {sorted(unknown)}")
    holidays = _days(values.get("holidays"), f"{where}.holidays")
    workdays = _days(values.get("workdays"), f"{where}.workdays")
    both = holidays & workdays
    if both:
        raise ValueError(f"{where}: {min(both)} is listed both as a holiday and as a working day")
    return WorkdayCalendar(holidays, workdays)


def read_calendar_file(path: str | Path) -> WorkdayCalendar:
    """The user's calendar file (YAML): ``holidays:`` and ``workdays:``, lists of days or ranges.

    Example::

        holidays: [2027-01-01, 2027-10-01..2027-10-07]
        workdays: [2027-09-26, 2027-10-09]
    """
    loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, Mapping):
        raise ValueError(f"{path}: a calendar file holds holidays: and workdays: lists")
    return calendar_from_values(loaded, str(path))
