"""Retry-After as servers really send it: seconds, HTTP dates, and garbage."""

from __future__ import annotations

import email.utils

import pytest

from govinspect.crawl.fetch import retry_after_seconds


def test_seconds_and_http_dates() -> None:
    assert retry_after_seconds("120") == 120.0
    now = 1_800_000_000.0
    assert retry_after_seconds(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(
        30, abs=1
    )
    assert retry_after_seconds(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0


@pytest.mark.parametrize("garbage", ["", "soon", "²", "١٢", "-5", "1e9999", "Mon, 99 Foo 2026"])
def test_garbage_is_ignored_not_raised(garbage: str) -> None:
    assert retry_after_seconds(garbage) is None
