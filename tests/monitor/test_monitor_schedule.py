"""Slot and jitter arithmetic: stable per-site offsets, spread evenly, exact slot boundaries."""

from __future__ import annotations

from collections import Counter

import pytest

from govinspect.monitor.schedule import DAY_MS, Schedule

HOUR_MS = 3_600_000


def test_the_day_is_cut_into_equal_slots_and_silly_rates_are_refused() -> None:
    assert Schedule.per_day(24).interval_ms == HOUR_MS
    assert Schedule.per_day(20).interval_ms == 72 * 60_000  # the rule's minimum: every 72 minutes
    assert Schedule.per_day(86_400).interval_ms == 1000
    for bad in (0, -1, 86_401):
        with pytest.raises(ValueError):
            Schedule.per_day(bad)


def test_a_sites_offset_is_stable_across_processes_and_inside_the_interval() -> None:
    first, again = Schedule.per_day(24), Schedule.per_day(24)
    keys = [f"site{n}.gov.cn" for n in range(200)]
    offsets = [first.offset_ms(key) for key in keys]
    assert offsets == [again.offset_ms(key) for key in keys]
    assert all(0 <= offset < HOUR_MS for offset in offsets)
    assert len(set(offsets)) == len(offsets)


def test_thousands_of_sites_spread_evenly_over_the_interval() -> None:
    schedule = Schedule.per_day(24)
    keys = [f"www{n}.example{n % 97}.gov.cn" for n in range(10_000)]
    minutes = Counter(schedule.offset_ms(key) // 60_000 for key in keys)
    assert len(minutes) == 60
    mean = len(keys) / 60
    assert max(minutes.values()) < 1.3 * mean and min(minutes.values()) > 0.7 * mean
    same_second = Counter(schedule.offset_ms(key) // 1000 for key in keys)
    assert max(same_second.values()) <= 15  # about 2.8 a second on average


@pytest.mark.parametrize("moment", [0, 1, 1_790_000_000_123, 1_790_000_000_000 + DAY_MS // 3])
def test_the_slot_containing_a_moment_starts_on_the_sites_grid(moment: int) -> None:
    schedule = Schedule.per_day(24)
    key = "tjs.gov.cn"
    start = schedule.slot_start(key, moment)
    assert start <= moment < start + HOUR_MS
    assert (start - schedule.offset_ms(key)) % HOUR_MS == 0
    assert schedule.slot_start(key, start) == start
    assert schedule.slot_start(key, start + HOUR_MS - 1) == start
    assert schedule.slot_start(key, start + HOUR_MS) == start + HOUR_MS


def test_slots_between_two_moments_exclude_both_ends() -> None:
    schedule = Schedule.per_day(24)
    key = "tjs.gov.cn"
    start = schedule.slot_start(key, 1_790_000_000_000)
    assert list(schedule.slots_between(key, start, start + 3 * HOUR_MS)) == [
        start + HOUR_MS,
        start + 2 * HOUR_MS,
    ]
    assert list(schedule.slots_between(key, start + 10, start + 2 * HOUR_MS + 1)) == [
        start + HOUR_MS,
        start + 2 * HOUR_MS,
    ]
    assert list(schedule.slots_between(key, start, start + HOUR_MS)) == []
    assert list(schedule.slots_between(key, start + 5 * HOUR_MS, start)) == []
