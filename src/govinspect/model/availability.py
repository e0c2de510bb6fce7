"""What the availability monitor stored about one scheduled visit to a site's homepage.

The monitor visits every registered homepage on a fixed schedule; each visit belongs to one
scheduled slot of one site. The national rule (SV-UNREACHABLE) counts, over a window of days
before the monitoring point T, the share of visits in which the homepage did not open.

Days are Beijing-time days (UTC+8): "the 7 days before T" means from 00:00 of T−6 to 24:00 of T
in China, whatever the time zone of the machine that runs the monitor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

#: ok — the homepage answered (HTTP status below 400) within the timeout;
#: failed — it did not (DNS, connection, TLS, timeout, malformed answer, HTTP 400 or above, redirect loop);
#: unverified — the monitor would not visit (the address is forbidden by the network-safety rule);
#: missed — no visit was made in the slot (the monitor was not running): neither a success nor a failure.
ProbeOutcome = Literal["ok", "failed", "unverified", "missed"]

BEIJING = timezone(timedelta(hours=8), "CST")


@dataclass(frozen=True, slots=True)
class AvailabilityProbe:
    """One scheduled slot of one site: the visit made in it, or the fact that none was made."""

    slot_start: datetime  # when the slot began (timezone-aware)
    outcome: ProbeOutcome
    started_at: datetime | None = None  # when the visit began (None for a missed slot)
    elapsed_ms: int | None = None  # how long the visit took, redirects included
    status: int | None = None  # HTTP status of the last answer, if any
    error: str | None = None  # dns, connect, tls, timeout, http, protocol, redirect-loop, forbidden
    error_detail: str = ""

    @property
    def is_visit(self) -> bool:
        """A visit that counts toward the rule: the homepage opened or did not."""
        return self.outcome in ("ok", "failed")


def window_bounds(as_of: date, days: int) -> tuple[datetime, datetime]:
    """The ``days`` Beijing-time days that end with T, as [start, end) in UTC+8."""
    if days < 1:
        raise ValueError(f"a window has at least one day, not {days}")
    end = datetime.combine(as_of + timedelta(days=1), time(0), BEIJING)
    return end - timedelta(days=days), end


def in_window(probe: AvailabilityProbe, start: datetime, end: datetime) -> bool:
    """Whether the probe's slot began inside [start, end)."""
    return start <= probe.slot_start < end
