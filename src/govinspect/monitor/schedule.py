"""When each site is visited: a fixed grid of slots, shifted by a stable per-site offset.

A day is cut into ``probes_per_day`` slots of equal length. Every site keeps the same grid
shifted by its own offset inside the interval, computed from a hash of the site's identity: the
offset does not change when the monitor restarts or when other sites are added, and thousands of
sites spread evenly over the interval instead of firing together. All times are integer
milliseconds since the Unix epoch, so a slot's start is exact and compares equal across restarts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

DAY_MS = 86_400_000
MAX_PROBES_PER_DAY = 86_400  # one visit a second


@dataclass(frozen=True, slots=True)
class Schedule:
    """Slot arithmetic for one interval length."""

    interval_ms: int

    def __post_init__(self) -> None:
        if self.interval_ms < 1000:
            raise ValueError(f"the interval between two visits is at least 1 s, not {self.interval_ms} ms")

    @classmethod
    def per_day(cls, probes_per_day: int) -> Schedule:
        """``probes_per_day`` evenly spaced slots a day (24: one an hour)."""
        if not 1 <= probes_per_day <= MAX_PROBES_PER_DAY:
            raise ValueError(
                f"probes per day must be between 1 and {MAX_PROBES_PER_DAY}, not {probes_per_day}"
            )
        return cls(DAY_MS // probes_per_day)

    @property
    def interval_seconds(self) -> float:
        return self.interval_ms / 1000

    def offset_ms(self, site_key: str) -> int:
        """The site's stable place inside the interval (same key, same offset, in every process)."""
        digest = hashlib.sha256(site_key.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.interval_ms

    def slot_start(self, site_key: str, moment_ms: int) -> int:
        """Start of the site's slot that contains ``moment_ms``."""
        offset = self.offset_ms(site_key)
        return offset + (moment_ms - offset) // self.interval_ms * self.interval_ms

    def slots_between(self, site_key: str, after_ms: int, before_ms: int) -> range:
        """Starts of the site's slots strictly after ``after_ms`` and strictly before ``before_ms``."""
        first = self.slot_start(site_key, after_ms) + self.interval_ms
        return range(first, max(first, before_ms), self.interval_ms)
