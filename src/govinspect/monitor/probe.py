"""One visit to a homepage, and what it says about the site's availability.

A visit is one GET of the registered homepage through the crawl layer's :class:`Fetcher`
(redirects followed, no retries: the rule counts visits, not attempts), bounded by the rule's
timeout for the whole visit. Its outcome follows the national rule: DNS, connection and TLS
errors, no complete answer within the timeout, a malformed answer, a redirect loop and any
HTTP status of 400 or above are failures.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from govinspect.crawl.fetch import Fetcher, FetchResult
from govinspect.model.availability import ProbeOutcome

#: Enough of the homepage to know it opened; a larger body is not read to its end.
HOMEPAGE_BYTES = 1024 * 1024
#: The whole visit (redirects included) may run this much past the per-request timeout before it
#: is cut off and counted as a timeout.
DEADLINE_GRACE_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Visit:
    """The result of one visit, ready to be stored in its slot."""

    url: str
    started_at: datetime
    elapsed_ms: int
    outcome: ProbeOutcome
    status: int | None
    error: str | None
    error_detail: str
    final_url: str | None


def judge_fetch(result: FetchResult) -> tuple[ProbeOutcome, str | None]:
    """Outcome and error kind of a fetched homepage.

    A body larger than the monitor reads is an answer like any other: the homepage opened.
    An address the network-safety rule forbids was never visited: ``unverified``.
    """
    if result.status is not None and result.status >= 400:
        return "failed", "http"
    if result.error == "forbidden":
        return "unverified", "forbidden"
    if result.error is None or result.error == "too-large":
        return ("ok", None) if result.status is not None else ("failed", "protocol")
    return "failed", result.error


async def visit(fetcher: Fetcher, url: str) -> Visit:
    """Visit ``url`` once; never raises for a network problem."""
    started_at = datetime.now(UTC)
    started = time.monotonic()
    deadline = fetcher.settings.timeout_seconds + DEADLINE_GRACE_SECONDS
    try:
        async with asyncio.timeout(deadline):
            result = await fetcher.fetch(url, max_bytes=HOMEPAGE_BYTES)
    except TimeoutError:
        return Visit(
            url=url,
            started_at=started_at,
            elapsed_ms=round((time.monotonic() - started) * 1000),
            outcome="failed",
            status=None,
            error="timeout",
            error_detail=f"the homepage did not open within {deadline:g} s (redirects included)",
            final_url=None,
        )
    outcome, error = judge_fetch(result)
    return Visit(
        url=url,
        started_at=started_at,
        elapsed_ms=round(result.elapsed_seconds * 1000),
        outcome=outcome,
        status=result.status,
        error=error,
        error_detail=f"HTTP {result.status}" if error == "http" else result.error_detail if error else "",
        final_url=result.final_url,
    )
