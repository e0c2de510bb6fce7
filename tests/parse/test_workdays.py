"""Working days on the official calendar: holidays, adjusted workdays, unknown years, the user's file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govinspect.parse.workdays import WorkdayCalendar, calendar_from_values, read_calendar_file

OFFICIAL = WorkdayCalendar()


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 11, 16), date(2026, 11, 16), 0),  # answered the same day
        (date(2026, 11, 16), date(2026, 11, 17), 1),  # Monday → Tuesday
        (date(2026, 11, 20), date(2026, 11, 23), 1),  # Friday → Monday: the weekend does not count
        (date(2026, 11, 21), date(2026, 11, 23), 1),  # written on a Saturday, answered on Monday
        # National Day 2026: 1–7 October off, Saturday 10 October a working day (调休)
        (date(2026, 9, 29), date(2026, 10, 24), 14),
        (date(2026, 9, 30), date(2026, 10, 9), 2),  # 8 and 9 October
        (date(2026, 10, 9), date(2026, 10, 10), 1),  # the adjusted Saturday counts
        (date(2026, 11, 23), date(2026, 11, 20), 0),  # a reply dated before the message
    ],
)
def test_working_days_follow_the_official_calendar(start: date, end: date, days: int) -> None:
    count = OFFICIAL.working_days_between(start, end)
    assert count.days == days
    assert count.official


def test_a_year_the_calendar_does_not_know_is_counted_monday_to_friday_and_says_so() -> None:
    count = OFFICIAL.working_days_between(date(2026, 12, 28), date(2027, 1, 8))
    # 29–31 December 2026 (3) and 1–8 January 2027 Monday to Friday (6): New Year's Day is not known
    assert count.days == 9
    assert not count.official
    assert count.unknown_years == (2027,)


def test_the_users_calendar_file_adds_holidays_and_workdays(tmp_path: Path) -> None:
    file = tmp_path / "calendar.yaml"
    file.write_text("holidays: [2027-01-01]\nworkdays: ['2027-01-09']\n", encoding="utf-8")
    calendar = read_calendar_file(file)
    count = calendar.working_days_between(date(2026, 12, 31), date(2027, 1, 11))
    # 1 January off, Saturday 9 January on: 4, 5, 6, 7, 8, 9, 11 January
    assert count.days == 7
    assert count.official


def test_ranges_expand_and_bad_entries_are_refused() -> None:
    calendar = calendar_from_values({"holidays": ["2027-10-01..2027-10-07"]})
    assert len(calendar.extra_holidays) == 7
    with pytest.raises(ValueError, match="not a day"):
        calendar_from_values({"holidays": ["1 October"]})
    with pytest.raises(ValueError, match="both"):
        calendar_from_values({"holidays": ["2027-10-01"], "workdays": ["2027-10-01"]})
    with pytest.raises(ValueError, match="ends before"):
        calendar_from_values({"workdays": ["2027-10-07..2027-10-01"]})
