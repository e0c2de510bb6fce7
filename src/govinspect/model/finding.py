"""What a check reports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """The four outcomes of contract §3 (``pass`` is implied by no finding)."""

    FAIL = "fail"
    UNVERIFIED = "unverified"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Evidence:
    archive_record: str | None = None  # WARC-Record-ID of the response as fetched
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem instance (contract §3 FINDING). ``indicator`` is filled in by scoring."""

    check: str
    outcome: Outcome
    url: str
    message: str
    fingerprint: str
    target: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    evidence: Evidence = field(default_factory=Evidence)
    indicator: str | None = None


def fingerprint(check: str, site: str, target: str, locator: str = "") -> str:
    """Stable id of a problem: the same problem on the same page has it in every run."""
    raw = "\x1f".join((check, site, target, locator)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:24]
