"""The inspection result of one run, as the report formatters receive it (contract §3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from govinspect.model.finding import Finding
from govinspect.model.site import Site

Verdict = Literal["qualified", "unqualified", "unverified"]
StoppedBy = Literal["complete", "max-pages", "time-budget", "error"]


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    pages: int
    links_checked: int
    attachments: int
    started_at: str  # ISO 8601 with offset
    finished_at: str | None
    stopped_by: StoppedBy
    archive: str  # path of the crawl's WARC file
    crawl_id: int | None = None
    errors: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    deductions: float
    bonus: float
    by_indicator: dict[str, float] = field(default_factory=dict)
    not_assessed: tuple[str, ...] = ()  # indicators no check feeds: a person must assess them
    unassessed_points: float = 0.0  # their allocations: the score could be this much lower


@dataclass(frozen=True, slots=True)
class Priority:
    """One entry of "fix these first": a veto to lift, or the points an indicator's problems cost."""

    indicator: str
    name: str
    kind: Literal["veto", "deduction"]
    points: float | None  # points recoverable by fixing every problem of it (None for a veto)
    findings: int


@dataclass(frozen=True, slots=True)
class Coverage:
    examined: int
    failed: int
    unverified: int
    review: int = 0
    error: str | None = None  # set when the check crashed: the run goes on, the crash is reported


@dataclass(frozen=True, slots=True)
class SiteReport:
    site: Site
    crawl: CrawlSummary
    verdict: Verdict
    vetoes: tuple[str, ...]
    score: Score | None
    findings: tuple[Finding, ...]
    coverage: dict[str, Coverage]
    notes: tuple[str, ...] = ()  # why something could not be assessed, in plain words
    fix_first: tuple[Priority, ...] = ()  # vetoes, then indicators by points recoverable
    availability_chart: str | None = None  # inline SVG of the monitor's visits over the window, if any


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    id: str
    version: str


@dataclass(frozen=True, slots=True)
class Report:
    generated_at: str
    as_of: str  # YYYY-MM-DD
    framework: FrameworkRef
    sites: tuple[SiteReport, ...]
    registry_problems: tuple[str, ...] = ()  # bad registry rows, "line N: why"
