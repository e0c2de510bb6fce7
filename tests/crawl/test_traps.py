"""Endless calendars and query permutations are declined, and counted."""

from __future__ import annotations

from datetime import date

from govinspect.crawl.traps import TrapGuard
from govinspect.settings import CrawlSettings


def test_far_calendar_dates_are_declined_near_ones_admitted() -> None:
    guard = TrapGuard(CrawlSettings(), date(2026, 11, 20))
    assert guard.admit("http://x.gov.cn/cal?month=2026-11")
    assert guard.admit("http://x.gov.cn/calendar/2025/03/")
    assert not guard.admit("http://x.gov.cn/cal?month=2031-01")
    assert not guard.admit("http://x.gov.cn/calendar/1960/01/")
    assert not guard.admit("http://x.gov.cn/cal?year=3000")
    assert guard.declined["calendar date far from the inspection date"] == 3


def test_query_variants_are_capped_but_pagination_gets_more_room() -> None:
    guard = TrapGuard(CrawlSettings(max_query_variants_per_path=5), date(2026, 11, 20))
    admitted = [guard.admit(f"http://x.gov.cn/search?q={i}") for i in range(10)]
    assert admitted.count(True) == 5
    pages = [guard.admit(f"http://x.gov.cn/list?page={i}", pagination=True) for i in range(200)]
    assert all(pages)


def test_repeating_and_deep_paths_are_declined() -> None:
    guard = TrapGuard(CrawlSettings(), date(2026, 11, 20))
    assert not guard.admit("http://x.gov.cn/a/b/a/b/a/b/a/b/index.html")
    assert not guard.admit("http://x.gov.cn/" + "/".join(f"d{i}" for i in range(20)) + "/x.html")
    assert not guard.admit("http://x.gov.cn/" + "x" * 2000)
    assert guard.admit("http://x.gov.cn/xxgk/zcwj/2026/11/t20261120_1.html")
